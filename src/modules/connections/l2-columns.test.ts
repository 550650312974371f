import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { analyzeFile } from '../../analysis/analyze-file.js';
import { pcapPath } from '../../../test/support/paths.js';
import type { JsonObject, ListResource, ObjectResource, StatsQuery } from '../resource.js';
import type { ConnectionsModule } from './index.js';

const Q: StatsQuery = { startSec: undefined, endSec: undefined, timespan: undefined, values: 100, skipHistory: true };

async function rows(file: string): Promise<JsonObject[]> {
  const result = await analyzeFile(pcapPath(file));
  const root = (result.analyzer.module('connections') as ConnectionsModule).resource() as ObjectResource;
  const list = (root.children?.find((c) => c.name === 'connections_paged') as ListResource).open(Q);
  return Array.from({ length: list.size }, (_, r) => list.json(r));
}

// Expected values from tshark -T fields -e vlan.id -e mpls.label -e pppoe.session_id -e ip.dsfield.dscp -e ip.len.
test('connection L2 columns: VLAN, MPLS label, DSCP and MTU per direction', async () => {
  const all = await rows('zeek_mixed-vlan-mpls.pcap');
  const telnet = all.find((r) => r.serverPort === 23);
  assert.ok(telnet);
  assert.deepEqual(telnet.mplsLabel, { top: 29, changed: false });
  assert.deepEqual(telnet.vlans, { outer: null, inner: null, changed: false });
  assert.deepEqual((telnet.qos as JsonObject).clientToServer, { dscp: 48, class: 'CS6', changed: false });
  assert.equal((telnet.mtu as JsonObject).clientToServer, 49);
  const web = all.find((r) => r.server === '10.0.0.15');
  assert.ok(web);
  assert.deepEqual(web.vlans, { outer: 4093, inner: null, changed: false });
  assert.equal((web.mtu as JsonObject).serverToClient, 1480);
  assert.deepEqual(web.mplsLabel, { top: null, changed: false });
});

test('connection L2 columns: the PPPoE session of a connection', async () => {
  const all = await rows('zeek_pppoe.pcap');
  const inSession = all.filter((r) => (r.pppoeSession as JsonObject).id === 0x11);
  assert.ok(inSession.length > 0);
  assert.ok(all.every((r) => (r.pppoeSession as JsonObject).changed === false));
});
