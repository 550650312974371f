import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { PacketInfo } from '../../decode/packet-info.js';
import { pcapPath } from '../../../test/support/paths.js';
import { getObject, listRows, runCapture } from '../l2-shared/testing.js';
import { dscpName, dscpOf, packetDscp, parseDscp, pcpName } from './dscp.js';
import { createQosModule } from './index.js';

test('DSCP, PCP and MPLS TC of a capture with VLAN and MPLS', async () => {
  const a = await runCapture(pcapPath('zeek_mixed-vlan-mpls.pcap'), [createQosModule]);
  const root = a.module('qos')?.resource();
  assert.ok(root);
  const totals = getObject(root, '');
  assert.deepEqual(totals.pcp, { values: 1, packets: 14, bytes: 4742 });
  assert.deepEqual(totals.mpls_tc, { values: 1, packets: 11, bytes: 678 });
  const dscp = listRows(root, 'dscp').map((r) => [r.value, r.name]);
  assert.ok(dscp.length >= 1);
  assert.equal(listRows(root, 'mpls_tc').length, 1);
  const cs0 = getObject(root, 'dscp/CS0');
  assert.ok((cs0.allTime as number[])[0] as number > 0);
});

test('DSCP helpers', () => {
  const pi = new PacketInfo();
  pi.reset();
  assert.equal(packetDscp(pi), -1);
  pi.ipCount = 2;
  pi.ipTos[0] = 0xb8; // EF
  pi.ipTos[1] = 34 << 2;
  assert.equal(packetDscp(pi), 46);
  assert.equal(dscpOf(pi, 1), 34);
  assert.equal(dscpName(46), 'EF');
  assert.equal(dscpName(34), 'AF41');
  assert.equal(dscpName(13), 'DSCP 13');
  assert.equal(parseDscp('af41'), 34);
  assert.equal(parseDscp('63'), 63);
  assert.equal(parseDscp('64'), null);
  assert.equal(pcpName(5), 'VO');
});
