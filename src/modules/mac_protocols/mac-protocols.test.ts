import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { pcapPath } from '../../../test/support/paths.js';
import { getObject, listRows, resolveStatus, runCapture } from '../l2-shared/testing.js';
import { createMacProtocolsModule } from './index.js';
import { parseProtocol } from './protocol-names.js';

test('LLDP and CDP (SNAP) are told apart; list, one protocol with history', async () => {
  const a = await runCapture(pcapPath('tcpdump_LLDP_and_CDP.pcap'), [createMacProtocolsModule]);
  const root = a.module('mac_protocols')?.resource();
  assert.ok(root);
  const rows = listRows(root, 'protocols').map((r) => [r.protocol, r.kind, (r.allTime as number[])[0]]);
  assert.deepEqual(rows.sort(), [['cdp', 'ethertype', 4], ['lldp', 'ethertype', 8]]);
  const lldp = getObject(root, 'protocols/lldp');
  assert.equal((lldp.allTime as number[])[0], 8);
  assert.ok(Array.isArray((lldp.history as { points: unknown[] }).points));
  assert.deepEqual(getObject(root, 'protocols/0x88cc').allTime, lldp.allTime);
  assert.equal(getObject(root, '').protocols, 2);
  assert.equal(resolveStatus(root, 'protocols/0x0800'), 'notFound');
  assert.equal(resolveStatus(root, 'protocols/nonsense'), 'badRequest');
});

test('plain LLC is counted by DSAP (spanning tree)', async () => {
  const a = await runCapture(pcapPath('tcpdump_802.1D_spanning_tree.pcap'), [createMacProtocolsModule]);
  const root = a.module('mac_protocols')?.resource();
  assert.ok(root);
  const rows = listRows(root, 'protocols');
  assert.equal(rows.length, 1);
  const stp = rows[0];
  assert.ok(stp);
  assert.equal(stp.protocol, 'llc-stp');
  assert.equal(stp.kind, 'llc');
  assert.equal(parseProtocol('llc-0x42', []), 0x10042);
});
