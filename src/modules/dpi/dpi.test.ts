/**
 * The dpi module through the real pipeline on corpus captures: every packet of every connection
 * is credited to exactly one protocol, per IP the protocols add up, the REST tree resolves as the
 * API walks it, and the connection lists carry the protocol columns.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { analyzeFile } from '../../analysis/analyze-file.js';
import { pcapPath } from '../../../test/support/paths.js';
import type { JsonObject, ListResource, ListView, ObjectResource, ParamResource, Resource, StatsQuery } from '../resource.js';
import type { DpiModule } from './index.js';

const Q: StatsQuery = { startSec: undefined, endSec: undefined, timespan: undefined, values: 100, skipHistory: true };

function child(r: Resource, name: string): Resource {
  const found = r.kind === 'param' ? undefined : r.children?.find((c) => c.name === name);
  assert.ok(found, `no ${name}`);
  return found;
}

function rows(view: ListView): JsonObject[] {
  return Array.from({ length: view.size }, (_, r) => view.json(r));
}

const sum4 = (rs: JsonObject[], k: number): number => rs.reduce((a, r) => a + ((r.allTime as number[])[k] ?? 0), 0);

test('dpi: protocols of pcapplusplus_many-protocols.pcap, traffic conserved per protocol and per IP', async () => {
  const result = await analyzeFile(pcapPath('pcapplusplus_many-protocols.pcap'));
  const dpi = result.analyzer.module('dpi') as DpiModule;
  const root = dpi.resource();
  const protocols = rows((child(root, 'protocols_paged') as ListResource).open(Q));
  const names = protocols.map((r) => r.id as string);
  // tshark -r pcapplusplus_many-protocols.pcap -q -z io,phs lists HTTP, TLS, DNS, SSDP and DHCPv6.
  for (const id of ['http', 'tls', 'dns', 'ssdp', 'dhcpv6']) assert.ok(names.includes(id), `${id} in ${names.join(',')}`);
  // Every packet of every connection is credited to one protocol (no tunnels in this capture).
  const conns = result.summary.connections;
  let connPackets = 0, connBytes = 0;
  for (let e = 0; e < conns.idBound; e++) {
    if (conns.alive[e] === 0) continue;
    connPackets += (conns.counters[e * 4] ?? 0) + (conns.counters[e * 4 + 2] ?? 0);
    connBytes += (conns.counters[e * 4 + 1] ?? 0) + (conns.counters[e * 4 + 3] ?? 0);
  }
  assert.equal(sum4(protocols, 0) + sum4(protocols, 2), connPackets);
  assert.equal(sum4(protocols, 1) + sum4(protocols, 3), connBytes);
  // Per IP: every packet is sent by one IP and received by one IP.
  const perIp = rows((child(root, 'ips_paged') as ListResource).open(Q));
  assert.equal(sum4(perIp, 2), connPackets);
  assert.equal(sum4(perIp, 0), connPackets);
  // The connection count per protocol covers every connection.
  assert.equal(protocols.reduce((a, r) => a + (r.connections as number), 0) <= conns.live, true);
  // One protocol by id and by name; unknown names and protocols without traffic are 404s.
  const param = child(child(root, 'protocols'), ':protocol') as ParamResource;
  const dns = param.resolve('dns');
  assert.ok('kind' in dns && dns.kind === 'object');
  const body = dns.get(Q);
  assert.equal(body.protocol, 'DNS');
  assert.deepEqual(body.udpPorts, [53]);
  assert.ok((body.connections as number) > 0);
  assert.ok('kind' in param.resolve('DNS'));
  assert.ok('notFound' in param.resolve('no-such-protocol'));
  assert.ok('notFound' in param.resolve('modbus'));
  const summary = (root as ObjectResource).get(Q);
  assert.ok((summary.knownProtocols as number) >= 150);
  // The connection list shows the protocol.
  const connRoot = result.analyzer.module('connections')?.resource() as Resource;
  const list = rows((child(connRoot, 'connections_paged') as ListResource).open(Q));
  const row = list.find((r) => r.serverPort === 53);
  assert.equal(row?.l7Protocol, 'DNS');
  // The dns module's parser read its messages: confirmed by the dissector.
  assert.equal(row.l7Confidence, 'dissector');
});

test('dpi: industrial and VoIP captures are named from their payloads', async () => {
  const cases: [string, string][] = [
    ['zeek_modbus_modbusSmall.pcap', 'modbus'], ['zeek_dnp3_dnp3.pcap', 'dnp3'], ['ndpi_s7comm.pcap', 's7comm'],
    ['ndpi_IEC104.pcap', 'iec60870'], ['zeek_ssh_single-conn.pcap', 'ssh'], ['zeek_smb_smb2readwrite.pcap', 'smb'],
  ];
  for (const [file, id] of cases) {
    const result = await analyzeFile(pcapPath(file));
    const root = (result.analyzer.module('dpi') as DpiModule).resource();
    const protocols = rows((child(root, 'protocols_paged') as ListResource).open(Q));
    const top = protocols.sort((a, b) => sum4([b], 1) + sum4([b], 3) - sum4([a], 1) - sum4([a], 3))[0];
    assert.equal(top?.id, id, file);
  }
});
