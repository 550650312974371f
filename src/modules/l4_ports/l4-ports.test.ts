import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { analyzeFile } from '../../analysis/analyze-file.js';
import { pcapPath } from '../../../test/support/paths.js';
import type { ListResource, ObjectResource, ParamResource, StatsQuery } from '../resource.js';
import type { L4PortsModule } from './index.js';

const Q: StatsQuery = { startSec: undefined, endSec: undefined, timespan: undefined, values: 100, skipHistory: true };

test('l4_ports: the FTP control and data server ports, with their connections', async () => {
  const result = await analyzeFile(pcapPath('zeek_ftp_ipv4.pcap'));
  const root = (result.analyzer.module('l4_ports') as L4PortsModule).resource() as ObjectResource;
  const list = (root.children?.find((c) => c.name === 'ports_paged') as ListResource).open(Q);
  const rows = Array.from({ length: list.size }, (_, r) => list.json(r));
  // tshark -r zeek_ftp_ipv4.pcap -Y 'tcp.flags.syn==1 && tcp.flags.ack==1' -T fields -e tcp.srcport
  // answers from ports 21, 33582, 37835, 56666 and 56667 (passive FTP data), one connection each.
  const tcp = rows.filter((r) => r.l4Protocol === 'TCP').map((r) => `${r.port as number}:${r.connections as number}`).sort();
  assert.deepEqual(tcp, ['21:1', '33582:1', '37835:1', '56666:1', '56667:1']);
  const ftp = rows.find((r) => r.port === 21);
  assert.equal(ftp?.service, 'ftp');
  // Every packet of every TCP connection is on exactly one server port.
  const perPort = rows.filter((r) => r.l4Protocol === 'TCP').reduce((a, r) => a + ((r.allTime as number[])[0] ?? 0) + ((r.allTime as number[])[2] ?? 0), 0);
  const conns = result.summary.connections;
  let tcpPackets = 0;
  for (let e = 0; e < conns.idBound; e++) if (conns.alive[e] && conns.proto[e] === 6) tcpPackets += (conns.counters[e * 4] ?? 0) + (conns.counters[e * 4 + 2] ?? 0);
  assert.equal(perPort, tcpPackets);
  const ports = root.children?.find((c) => c.name === 'ports') as ObjectResource;
  const param = ports.children?.[0] as ParamResource;
  assert.ok('badRequest' in param.resolve('70000'));
  assert.ok('notFound' in param.resolve('9'));
  assert.ok('kind' in param.resolve('21'));
});
