/**
 * Golden test of the TCP measurement engine (src/flow/tcp), as the full analysis runs it, against
 * tshark 4.0's tcp.analysis.* on every corpus capture with TCP (references in test/fixtures/reference-tcp/, made by
 * make-tcp-reference.sh; no tshark needed here). Each tshark stream is mapped to a wiremeter
 * connection by its two (address, port) ends and the time of its first frame; every figure is then
 * compared per direction, after the rules in tcp-rules.ts. One line per figure summarises the
 * agreement over the corpus.
 */
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { after, test } from 'node:test';
import { formatIpv4, formatIpv6 } from '../../src/core/addresses.js';
import { FlagCount } from '../../src/flow/tcp/index.js';
import type { ConnectionTable } from '../../src/flow/connection-table.js';
import type { TcpConnectionMetrics } from '../../src/flow/tcp/index.js';
import { pcapPath, pcapsDir } from '../support/paths.js';
import { runTcpPipeline } from './tcp-pipeline.js';
import { loadTcpReference, type TcpDirectionRef, type TcpStreamRef } from './tcp-reference.js';
import { expectedHandshakeNs, HANDSHAKE_TOLERANCE_NS, timesComparable } from './tcp-rules.js';

const captures = readdirSync(pcapsDir).filter((f) => /\.(pcap|pcapng|cap)(\.gz)?$/.test(f)).sort();

/** Per figure: [streams or directions compared, agreeing, sum of tshark's values]. */
const agreement = new Map<string, [number, number, number]>();

function tally(figure: string, ok: boolean, value: number): void {
  const a = agreement.get(figure) ?? [0, 0, 0];
  a[0]++;
  if (ok) a[1]++;
  a[2] += value;
  agreement.set(figure, a);
}

function addressOf(table: ConnectionTable, words: Uint32Array, e: number): string {
  const k = e * 4;
  return table.version[e] === 4 ? formatIpv4(words[k + 3] ?? 0)
    : formatIpv6(words[k] ?? 0, words[k + 1] ?? 0, words[k + 2] ?? 0, words[k + 3] ?? 0);
}

function endKey(addr: string, port: number): string {
  return `${addr}|${port}`;
}

/** Canonical key of a connection: both ends sorted, then the first packet time in µs. */
function streamKey(a: string, b: string, firstUs: number): string {
  return `${a < b ? `${a}/${b}` : `${b}/${a}`}@${firstUs}`;
}

/** The figures of one direction as the reference names them. */
function ourDirection(m: TcpConnectionMetrics, e: number, dir: number): Record<keyof TcpDirectionRef, number | null> {
  const k = e * 2 + dir;
  const retrans = m.retransPackets[k] ?? 0, fast = m.fastRetrans[k] ?? 0, spurious = m.spuriousRetrans[k] ?? 0;
  const mss = m.mss[k] ?? 0, ws = m.wsShift[k] ?? -1;
  return {
    segments: -1, ack_lost_segment: -1, keep_alive: -1,
    payload_bytes: m.payloadBytes[k] ?? 0,
    syn: m.flagCount(e, dir, FlagCount.Syn), synack: m.flagCount(e, dir, FlagCount.SynAck),
    fin: m.flagCount(e, dir, FlagCount.Fin), rst: m.flagCount(e, dir, FlagCount.Rst),
    mss: mss > 0 ? mss : null, wscale: ws >= 0 ? ws : null,
    retransmission: retrans - fast - spurious, fast_retransmission: fast, spurious_retransmission: spurious,
    duplicate_ack: m.dupAcks[k] ?? 0, zero_window: m.zeroWindow[k] ?? 0, out_of_order: m.outOfOrder[k] ?? 0,
    lost_segment: m.lostSegments[k] ?? 0,
  };
}

const COMPARED: readonly (keyof TcpDirectionRef)[] = [
  'retransmission', 'fast_retransmission', 'spurious_retransmission', 'duplicate_ack', 'zero_window', 'out_of_order',
  'lost_segment', 'payload_bytes', 'syn', 'synack', 'fin', 'rst', 'mss', 'wscale',
];

for (const name of captures) {
  const ref = loadTcpReference(name);
  if (ref === undefined) continue;
  test(`tcp golden: ${name} agrees with tshark's tcp.analysis`, async () => {
    const { table, metrics, slotOf, fractionOverflows } = await runTcpPipeline(pcapPath(name));
    const ours = new Map<string, number>();
    for (let e = 0; e < table.idBound; e++) {
      if (table.alive[e] !== 1 || table.proto[e] !== 6) continue;
      const a = endKey(addressOf(table, table.addrA, e), table.portA[e] ?? 0);
      const b = endKey(addressOf(table, table.addrB, e), table.portB[e] ?? 0);
      ours.set(streamKey(a, b, table.firstSeenUs[e] ?? 0), e);
    }
    const diffs: string[] = [];
    let mapped = 0;
    for (const s of ref.streams) {
      const a = endKey(s.a_addr, s.a_port), b = endKey(s.b_addr, s.b_port);
      const e = ours.get(streamKey(a, b, s.first_ts_us));
      tally('streams mapped to a connection', e !== undefined, 1);
      if (e === undefined) {
        diffs.push(`stream ${s.stream} ${a} ${b} @${s.first_ts_us}: no connection`);
        continue;
      }
      mapped++;
      const aIsA = endKey(addressOf(table, table.addrA, e), table.portA[e] ?? 0) === a;
      compareStream(s, metrics, slotOf(e), aIsA, timesComparable(fractionOverflows), diffs);
    }
    assert.ok(mapped > 0, 'no stream mapped');
    assert.equal(diffs.length, 0, `${diffs.length} differences\n  ${diffs.slice(0, 15).join('\n  ')}`);
  });
}

function compareStream(s: TcpStreamRef, m: TcpConnectionMetrics, e: number, aIsA: boolean, withTimes: boolean, diffs: string[]): void {
  const where = `stream ${s.stream} (${s.a_addr}:${s.a_port} ${s.b_addr}:${s.b_port})`;
  for (const [side, dir] of [['a_to_b', aIsA ? 0 : 1], ['b_to_a', aIsA ? 1 : 0]] as const) {
    const theirs = s[side], mine = ourDirection(m, e, dir);
    for (const figure of COMPARED) {
      const want = theirs[figure], got = mine[figure];
      const ok = want === got;
      tally(figure, ok, want ?? 0);
      if (!ok) diffs.push(`${where} ${side} ${figure}: got ${got} expected ${want}`);
    }
  }
  if (!withTimes) {
    tally('time figures not compared (rule T3)', true, 1);
    return;
  }
  // Handshake time: tshark's iRTT where the stream shows a whole 3-way handshake (tcp-rules.ts).
  const want = expectedHandshakeNs(s);
  const got = m.handshakeUs(e);
  const ok = want === null ? got === -1 : got >= 0 && Math.abs(got * 1000 - want) < HANDSHAKE_TOLERANCE_NS;
  tally('handshake time (initial_rtt)', ok, want === null ? 0 : 1);
  if (!ok) diffs.push(`${where} handshake: got ${got} µs expected ${want === null ? 'none' : `${want} ns`}`);
  // tshark's own iRTT (first ACK after the latest SYN, any direction), which our out-of-order test uses.
  const irtt = s.initial_rtt_ns, first = m.firstRttUs[e] ?? -1;
  const ok2 = irtt === null ? first === -1 : first >= 0 && Math.abs(first * 1000 - irtt) < HANDSHAKE_TOLERANCE_NS;
  tally('first RTT (tshark iRTT, any stream)', ok2, irtt === null ? 0 : 1);
  if (!ok2) diffs.push(`${where} first RTT: got ${first} µs expected ${irtt === null ? 'none' : `${irtt} ns`}`);
}

after(() => {
  const lines = [...agreement].map(([figure, [n, ok, sum]]) => `  ${figure}: ${ok}/${n} agree (tshark total ${sum})`);
  console.log(`tcp golden agreement over the corpus:\n${lines.join('\n')}`);
});
