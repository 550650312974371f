/**
 * TcpConnectionMetrics allocates no object per packet. A mix of segments (handshakes, data in both
 * directions, duplicate ACKs, retransmissions, out-of-order and lost segments, zero windows, FIN and
 * RST) over 1,000 connections is fed 400,000 times through one reused PacketInfo, after a warm-up
 * (so that optimised code exists) and a full GC. One object per packet would be 16+ bytes per
 * packet; the young generation must grow by less than 4 bytes per packet.
 *
 * Known residue (not yet explained): with V8's inlining on, about 0.55 bytes per packet are
 * allocated in a standalone loop, up to 1.4 in this test (one heap number every 10-30 packets), when packet times or sequence numbers exceed the
 * small-integer range; with --no-turbo-inlining the same loop allocates nothing. Hence the bound per
 * packet rather than src/decode/alloc.test.ts's "no GC at all".
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TcpConnectionMetrics } from './tcp-connection-metrics.js';
import { newSegmentInfo, writeSegment } from './test-segments.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const CONNECTIONS = 1000;
const S = 0x02, A = 0x10, F = 0x01, R = 0x04, P = 0x08;
/** [fromA, flags, seq offset, ack offset, length, window, time step µs] per step of one connection. */
const SCRIPT: readonly (readonly number[])[] = [
  [1, S, 0, 0, 0, 64240, 0], [0, S | A, 0, 1, 0, 65160, 900], [1, A, 1, 1, 0, 502, 400],
  [1, P | A, 1, 1, 300, 502, 100], [0, A, 1, 301, 1000, 500, 2000], [0, A, 2001, 301, 1000, 500, 50],
  [1, A, 301, 1001, 0, 502, 100], [1, A, 301, 1001, 0, 502, 100], [1, A, 301, 1001, 0, 502, 100],
  [0, A, 1001, 301, 1000, 500, 1000], [1, A, 301, 3001, 0, 0, 100], [0, A, 1, 301, 1000, 500, 5000],
  [1, F | A, 301, 3001, 0, 502, 100], [0, F | A, 3001, 302, 0, 500, 100], [1, R, 302, 0, 0, 0, 100],
];

test('the TCP metrics allocate no object per packet', () => {
  const m = new TcpConnectionMetrics(CONNECTIONS);
  const pi = newSegmentInfo();
  const clock = new Float64Array([1_700_000_000_000_000]);
  const feed = (packets: number): number => {
    let n = 0, now = clock[0] as number;
    while (n < packets) {
      for (const step of SCRIPT) {
        const fromA = step[0] === 1, flags = step[1] as number;
        now += step[6] as number;
        for (let e = 0; e < CONNECTIONS && n < packets; e++, n++) {
          if (flags === S) m.reset(e);
          // Sequence numbers near 2^32 (the B side wraps) travel as int32, never as boxed doubles.
          const base = fromA ? 1000 + e : (0xfffff000 + e * 7) | 0;
          const peer = fromA ? (0xfffff000 + e * 7) | 0 : 1000 + e;
          writeSegment(pi, flags, (base + (step[2] as number)) | 0, (flags & A) !== 0 ? (peer + (step[3] as number)) | 0 : 0,
            step[4] as number, step[5] as number, (flags & S) !== 0 ? 1460 : -1, (flags & S) !== 0 ? 7 : -1);
          m.onPacket(e, fromA, pi, now);
        }
      }
    }
    clock[0] = now;
    return n;
  };
  feed(400_000);
  feed(400_000);
  const youngBytes = (): number => getHeapSpaceStatistics().find((sp) => sp.space_name === 'new_space')?.space_used_size ?? 0;
  // The claim is about optimised code: on a busy machine the concurrent compiler may not have
  // delivered it after the warm-up, so up to three measured rounds, the best one counts.
  let best = Infinity, packets = 0;
  for (let round = 0; round < 3 && best >= packets * 4; round++) {
    gc();
    const before = youngBytes();
    packets = feed(400_000);
    best = Math.min(best, youngBytes() - before);
  }
  assert.ok(best < packets * 4, `${best} bytes allocated over ${packets} packets`);
  assert.ok((m.retransPackets[0] ?? 0) + (m.fastRetrans[1] ?? 0) + (m.dupAcks[0] ?? 0) > 0, 'the script exercises the analysis');
});
