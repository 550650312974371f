import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { bytes, eth, frame, ipv4, udp, IP_A, IP_B, MAC_A, MAC_B } from '../../decode/test-frames.js';
import { pcapPath } from '../../../test/support/paths.js';
import { getObject, listRows, resolveStatus, runCapture, runFrames } from '../l2-shared/testing.js';
import { addressClassOf, AddressClass } from './address-class.js';
import { ouiEntries, vendorOf } from './oui.js';
import { createMacModule } from './index.js';

const BCAST = 0xffffffffffff;

test('peers, protocols, IPs and classes of hand-made frames', () => {
  const frames = [
    frame(eth(0x0800, ipv4(17, udp(1000, 53, [1, 2, 3])), MAC_B, MAC_A)),
    frame(eth(0x0800, ipv4(17, udp(53, 1000, [1]), { src: IP_B, dst: IP_A }), MAC_A, MAC_B)),
    frame(eth(0x0806, bytes(new Uint8Array(28)), BCAST, MAC_A)),
  ];
  const a = runFrames(frames, [createMacModule]);
  const root = a.module('mac')?.resource();
  assert.ok(root);
  const one = getObject(root, 'macs/00:00:0a:0a:0a:0a');
  assert.equal(one.mac, '00:00:0a:0a:0a:0a');
  assert.equal(one.peers, 2);
  assert.equal(one.protocols, 2);
  assert.equal(one.ips, 1);
  const len0 = frames[0]?.origLen ?? 0, len1 = frames[1]?.origLen ?? 0, len2 = frames[2]?.origLen ?? 0;
  assert.deepEqual(one.allTime, [1, len1, 2, len0 + len2]);
  const peers = listRows(root, 'macs/00:00:0a:0a:0a:0a/peers');
  const toB = peers.find((p) => p.mac === '00:00:0b:0b:0b:0b');
  assert.deepEqual(toB?.allTime, [1, len1, 1, len0]);
  const protocols = listRows(root, 'macs/00:00:0a:0a:0a:0a/protocols').map((p) => [p.protocol, p.allTime]);
  assert.deepEqual(protocols.sort(), [['arp', [0, 0, 1, len2]], ['ipv4', [1, len1, 1, len0]]]);
  assert.deepEqual(listRows(root, 'macs/00:00:0a:0a:0a:0a/ips').map((r) => [r.ip, r.allTime]), [['10.0.0.1', [0, 0, 1, len0]]]);
  const global = getObject(root, 'global');
  assert.deepEqual((global.unicast as { allTime: number[] }).allTime, [2, len0 + len1, 0, 0]);
  assert.deepEqual((global.broadcast as { allTime: number[] }).allTime, [1, len2, 0, 0]);
  assert.equal(global.multicast, null);
  assert.equal(listRows(root, 'macs_paged').length, 3);
  assert.equal(resolveStatus(root, 'macs/zz'), 'badRequest');
  assert.equal(resolveStatus(root, 'macs/01:02:03:04:05:06'), 'notFound');
});

test('VLANs per MAC and totals on the QinQinQ capture', async () => {
  const a = await runCapture(pcapPath('zeek_vlan-qinqinq.pcap'), [createMacModule]);
  const root = a.module('mac')?.resource();
  assert.ok(root);
  const macs = listRows(root, 'macs_paged');
  assert.equal(macs.length, 2);
  const first = JSON.stringify(macs[0]?.mac).replaceAll('"', '');
  const vlans = listRows(root, `macs/${first}/vlans`).map((v) => v.vlan);
  assert.deepEqual(vlans, [30]); // the outermost tag
  const total = getObject(root, 'global');
  assert.equal((total.unicast as { allTime: number[] }).allTime[0], 14);
});

test('address classes and vendors from the IEEE list', () => {
  assert.equal(addressClassOf(BCAST), AddressClass.Broadcast);
  assert.equal(addressClassOf(0x01005e000001), AddressClass.Multicast);
  assert.equal(addressClassOf(0x001122334455), AddressClass.Unicast);
  assert.ok(ouiEntries() > 40_000);
  assert.match(vendorOf(0x000c29000001) ?? '', /VMware/);
  assert.match(vendorOf(0xb827eb000001) ?? '', /Raspberry Pi/);
  assert.equal(vendorOf(0x020000000001), null); // locally administered
  assert.equal(vendorOf(0x01005e000001), null); // group address
});
