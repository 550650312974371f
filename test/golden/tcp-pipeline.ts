/**
 * @module test/golden/tcp-pipeline
 * The real pipeline for the TCP golden test: read a capture with openCaptureFile, decode each frame
 * with PacketDecoder, find its connection in a ConnectionTable with the lookup and port-reuse restart
 * of src/analysis/traffic-summary.ts (copied here, tunnel view `all`; the metrics listen to the
 * table, which sizes and resets them), and feed the innermost TCP
 * header of each frame to TcpConnectionMetrics. Returns the table and the metrics for reading.
 */
import { PacketDecoder } from '../../src/decode/index.js';
import { PacketInfo } from '../../src/decode/packet-info.js';
import { ConnectionTable } from '../../src/flow/connection-table.js';
import { TcpConnectionMetrics } from '../../src/flow/tcp/index.js';
import { openCaptureFile } from '../../src/source/index.js';

const TCP = 6;
const TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_RST = 0x04, TCP_ACK = 0x10;

export interface TcpRun {
  readonly table: ConnectionTable;
  readonly metrics: TcpConnectionMetrics;
  /** True when the capture ended in damage (the frames before it were analysed). */
  readonly damaged: boolean;
  /** Timestamps whose fraction was 1 s or more, carried into the seconds by the reader. */
  readonly fractionOverflows: number;
}

/** Connection of the frame's L4 header j (with traffic-summary's TCP port-reuse rule); -1 when untracked. */
function lookupConnection(table: ConnectionTable, pi: PacketInfo, j: number, isTcp: boolean, tsUs: number): number {
  const ip = pi.l4Ip[j] ?? 0;
  let found = table.lookup(pi.ipVersion[ip] ?? 4, pi.l4Proto[j] ?? 0, pi.ipSrc, ip * 4, pi.srcPort[j] ?? 0,
    pi.ipDst, ip * 4, pi.dstPort[j] ?? 0, tsUs);
  if (found < 0 || !isTcp || pi.tcpFlags < 0) return found;
  let e = found >>> 1;
  const flags = pi.tcpFlags;
  if ((flags & (TCP_SYN | TCP_ACK)) === TCP_SYN) {
    const known = table.synSeqOf(e);
    const seen = (table.tcpFlagsA[e] ?? 0) | (table.tcpFlagsB[e] ?? 0);
    if ((known >= 0 && known !== pi.tcpSeq) || (known < 0 && (seen & (TCP_FIN | TCP_RST)) !== 0)) {
      found = table.restart(e, found & 1, tsUs);
      if (found < 0) return found;
      e = found >>> 1;
    }
    if (table.synSeqOf(e) < 0) {
      table.setSynSeq(e, pi.tcpSeq);
      table.clientIsA[e] = (found & 1) === 0 ? 1 : 0;
    }
  } else if ((flags & (TCP_SYN | TCP_ACK)) === (TCP_SYN | TCP_ACK) && (table.clientIsA[e] ?? -1) < 0) {
    table.clientIsA[e] = (found & 1) === 0 ? 0 : 1;
  }
  if ((found & 1) === 0) table.tcpFlagsA[e] = (table.tcpFlagsA[e] ?? 0) | flags;
  else table.tcpFlagsB[e] = (table.tcpFlagsB[e] ?? 0) | flags;
  return found;
}

export async function runTcpPipeline(path: string): Promise<TcpRun> {
  const table = new ConnectionTable({ initialCapacity: 256 });
  const metrics = new TcpConnectionMetrics(16);
  table.listen(metrics);
  table.declareBytesPerEntity(TcpConnectionMetrics.bytesPerEntity);
  const decoder = new PacketDecoder();
  const pi = new PacketInfo();
  let damaged = false, fractionOverflows: number;
  const source = await openCaptureFile(path);
  try {
    for await (const batch of source) {
      for (let n = 0; n < batch.count; n++) {
        decoder.decode(batch, n, pi);
        const tsUs = pi.tsSec * 1e6 + Math.floor(pi.tsNsec / 1000);
        let lastTcp = -1;
        for (let j = 0; j < pi.l4Count; j++) if (pi.l4Proto[j] === TCP) lastTcp = j;
        for (let j = 0; j < pi.l4Count; j++) {
          if (pi.l4Complete[j] === 0) continue;
          const found = lookupConnection(table, pi, j, j === lastTcp, tsUs);
          if (found < 0) continue;
          if (j === lastTcp && pi.tcpFlags >= 0) metrics.onPacket(found >>> 1, (found & 1) === 0, pi, tsUs);
        }
      }
    }
  } catch {
    damaged = true;
  } finally {
    fractionOverflows = source.fileWarnings().get('pcap.timestamp_fraction_overflow') ?? 0;
    await source.close();
  }
  return { table, metrics, damaged, fractionOverflows };
}
