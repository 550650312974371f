import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeFile } from '../../analysis/analyze-file.js';
import { fixturesDir, pcapPath } from '../../../test/support/paths.js';
import type { JsonObject, ListResource, ObjectResource, ParamResource, StatsQuery } from '../resource.js';
import type { IpModule } from '../ip/index.js';
import type { ConnectionsModule } from '../connections/index.js';
import { G } from './figures.js';
import type { TcpModule } from './index.js';

const Q: StatsQuery = { startSec: undefined, endSec: undefined, timespan: undefined, values: 100, skipHistory: true };

interface Dir { segments: number; payload_bytes: number; syn: number; synack: number; fin: number; rst: number; retransmission: number;
  fast_retransmission: number; spurious_retransmission: number; duplicate_ack: number; zero_window: number; out_of_order: number }
interface Stream { handshake: { complete: boolean }; a_to_b: Dir; b_to_a: Dir }

const refDir = join(fixturesDir, 'reference-tcp');

// The global TCP figures equal the sums of tshark's per-stream tcp.analysis (made by
// test/golden/make-tcp-reference.sh): segments, payload, flags, retransmissions (plain + fast +
// spurious), duplicate ACKs, zero windows, out-of-order segments and completed handshakes.
for (const file of readdirSync(refDir).filter((f) => f.endsWith('.json'))) {
  const capture = file.replace(/\.json$/, '');
  test(`tcp module: global figures equal tshark's on ${capture}`, async () => {
    const ref = JSON.parse(readFileSync(join(refDir, file), 'utf8')) as { streams: Stream[] };
    const sum = (f: (d: Dir) => number): number => ref.streams.reduce((a, s) => a + f(s.a_to_b) + f(s.b_to_a), 0);
    const result = await analyzeFile(pcapPath(capture));
    const tcp = result.analyzer.module('tcp') as TcpModule;
    const got = tcp.globalAllTime;
    const expected: Record<string, number> = {
      segments: sum((d) => d.segments), payloadBytes: sum((d) => d.payload_bytes), syn: sum((d) => d.syn),
      synAck: sum((d) => d.synack), fin: sum((d) => d.fin), rst: sum((d) => d.rst),
      retransPackets: sum((d) => d.retransmission + d.fast_retransmission + d.spurious_retransmission),
      fastRetrans: sum((d) => d.fast_retransmission), spuriousRetrans: sum((d) => d.spurious_retransmission),
      dupAcks: sum((d) => d.duplicate_ack), zeroWindow: sum((d) => d.zero_window), outOfOrder: sum((d) => d.out_of_order),
      handshakes: ref.streams.filter((s) => s.handshake.complete).length,
    };
    const actual = Object.fromEntries(Object.keys(expected).map((k) => [k, got[G[k as keyof typeof G]]]));
    assert.deepEqual(actual, expected);
  });
}

test('tcp module: per-IP tcpStats and the connection columns of a capture with retransmissions', async () => {
  const result = await analyzeFile(pcapPath('zeek_tcp_retransmit-fast009.pcap'));
  const ip = result.analyzer.module('ip') as IpModule;
  const ips = (ip.resource() as ObjectResource).children?.find((c) => c.name === 'ips') as ObjectResource;
  const param = ips.children?.[0] as ParamResource;
  const server = param.resolve('192.168.0.27');
  assert.ok('kind' in server && server.kind === 'object');
  const stats = (server.children?.find((c) => c.name === 'tcpStats') as ObjectResource).get(Q);
  const asServer = stats.asServer as JsonObject;
  assert.equal(asServer.handshakes, 1);
  // tshark: the server's direction of stream 0 has 2 plain and 1 fast retransmissions.
  assert.equal(asServer.retransPacketsSent, 3);
  assert.equal((stats.interval as JsonObject).retransPackets, 0); // no interval asked: the last second
  const conns = (result.analyzer.module('connections') as ConnectionsModule).resource() as ObjectResource;
  const list = (conns.children?.find((c) => c.name === 'connections_paged') as ListResource).open(Q);
  const row = list.json(0);
  const tcp = row.tcp as JsonObject;
  assert.equal((tcp.serverToClient as JsonObject).retransPackets, 3);
  assert.equal((tcp.clientToServer as JsonObject).dupAcks, 5);
  assert.equal((tcp.clientToServer as JsonObject).mss, 1452);
  assert.equal(tcp.termination, 'RST');
  const col = list.columns.findIndex((c) => c.name === 'handshakeMs');
  assert.ok(col >= 0 && list.number(0, col) > 0);
});
