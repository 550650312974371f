import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { pcapPath } from '../../../test/support/paths.js';
import { getObject, listRows, resolveStatus, runCapture } from '../l2-shared/testing.js';
import { createVlanModule } from './index.js';
import { parseVlanKey, UNTAGGED } from './vlan-keys.js';

test('QinQinQ: three depths kept apart, MACs and IPs per VLAN', async () => {
  const a = await runCapture(pcapPath('zeek_vlan-qinqinq.pcap'), [createVlanModule]);
  const root = a.module('vlan')?.resource();
  assert.ok(root);
  const rows = listRows(root, 'vlans').map((r) => [r.key, (r.allTime as number[])[0], r.macs, r.ips]);
  assert.deepEqual(rows.sort(), [['inner-20', 14, 2, 2], ['inner2-10', 14, 2, 2], ['outer-30', 14, 2, 2]]);
  const outer = getObject(root, 'vlans/30');
  assert.equal((outer.allTime as number[])[1], 6255);
  assert.equal(listRows(root, 'vlans/outer-30/macs').length, 2);
  assert.equal(listRows(root, 'vlans/inner-20/ips').length, 2);
  assert.equal(resolveStatus(root, 'vlans/none'), 'notFound');
  assert.equal(resolveStatus(root, 'vlans/5000'), 'badRequest');
});

test('mixed tagged and untagged traffic', async () => {
  const a = await runCapture(pcapPath('zeek_mixed-vlan-mpls.pcap'), [createVlanModule]);
  const root = a.module('vlan')?.resource();
  assert.ok(root);
  const totals = getObject(root, '');
  assert.deepEqual([totals.taggedPackets, totals.untaggedPackets, totals.vlans], [14, 33, 1]);
  const none = getObject(root, 'vlans/none');
  assert.equal(none.macs, null);
  assert.equal((none.allTime as number[])[0], 33);
  assert.deepEqual(parseVlanKey('inner2-7'), [2, 7]);
  assert.deepEqual(parseVlanKey('none'), [UNTAGGED, 0]);
  assert.equal(parseVlanKey('outer-4096'), null);
});
