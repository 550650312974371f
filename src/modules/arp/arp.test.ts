import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { bytes, eth, frame } from '../../decode/test-frames.js';
import { pcapPath } from '../../../test/support/paths.js';
import { getObject, listRows, runCapture, runFrames } from '../l2-shared/testing.js';
import { createArpModule } from './index.js';

function arp(op: number, senderMac: string, senderIp: string, targetIp: string): ReturnType<typeof frame> {
  return frame(eth(0x0806, bytes('0001 0800 06 04', [0, op], senderMac, senderIp, '000000000000', targetIp), 0xffffffffffff));
}

test('requests and replies of a capture, with the IP-MAC table', async () => {
  const a = await runCapture(pcapPath('zeek_arp-who-has.pcap'), [createArpModule]);
  const root = a.module('arp')?.resource();
  assert.ok(root);
  const counts = getObject(root, '');
  assert.equal((counts.requests as { allTime: number[] }).allTime[0], 1);
  assert.equal((counts.replies as { allTime: number[] }).allTime[0], 1);
  assert.equal(counts.bindings, 2);
  assert.equal(listRows(root, 'table').length, 2);
  assert.ok(Array.isArray((getObject(root, 'kinds/requests').history as { points: unknown[] }).points));
});

test('gratuitous ARP, probes and a conflict', () => {
  const a = runFrames([
    arp(1, '001122334455', 'c0a80001', 'c0a80001'), // gratuitous
    arp(2, '001122334455', 'c0a80001', 'c0a80002'),
    arp(1, '00aabbccddee', '00000000', 'c0a80001'), // probe
    arp(2, '00aabbccddee', 'c0a80001', 'c0a80002'), // a second MAC claims 192.168.0.1
  ], [createArpModule]);
  const root = a.module('arp')?.resource();
  assert.ok(root);
  const counts = getObject(root, '');
  const n = (k: string): number | undefined => (counts[k] as { allTime: number[] } | null)?.allTime[0];
  assert.deepEqual([n('requests'), n('replies'), n('gratuitous'), n('probes')], [2, 2, 1, 1]);
  assert.equal(counts.conflicts, 1);
  const conflicts = getObject(root, 'conflicts').conflicts as { ip: string; macs: { mac: string; frames: number }[] }[];
  const c = conflicts[0];
  assert.ok(c);
  assert.equal(c.ip, '192.168.0.1');
  assert.deepEqual(c.macs.map((m) => [m.mac, m.frames]).sort(), [['00:11:22:33:44:55', 2], ['00:aa:bb:cc:dd:ee', 1]]);
});
