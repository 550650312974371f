/**
 * @module analysis/report
 * Turn an AnalysisResult into the `analyze` report: a JSON-ready document (counters in the REST
 * API's shape `allTime: [rxPackets, rxBytes, txPackets, txBytes]`) and a plain-text summary.
 */
import { ANOMALIES } from '../decode/anomalies.js';
import { formatIpv4, formatIpv6 } from '../core/addresses.js';
import { formatTimestampUs } from '../core/time.js';
import { guessClientIsA } from '../flow/client-side.js';
import type { TrafficCounters } from '../store/counters.js';
import type { AnalysisResult } from './analyze-file.js';
import { etherTypeName, ipProtocolName, linkTypeName } from './names.js';

export interface ProtocolCount { readonly protocol: string; readonly packets: number; readonly bytes: number }

export interface IpEntry {
  readonly ip: string;
  readonly version: number;
  readonly allTime: TrafficCounters;
  readonly firstSeen: number;
  readonly lastSeen: number;
}

export interface MacEntry {
  readonly mac: string;
  readonly allTime: TrafficCounters;
  readonly firstSeen: number;
  readonly lastSeen: number;
}

export interface ConnectionEntry {
  readonly l4Protocol: string;
  readonly ipVersion: number;
  readonly client: string;
  readonly clientPort: number;
  readonly server: string;
  readonly serverPort: number;
  /** How the client was chosen: 'handshake' (TCP SYN) or 'heuristic' (see flow/client-side.ts). */
  readonly clientBy: 'handshake' | 'heuristic';
  readonly packets: number;
  readonly bytes: number;
  /** [packets, bytes] client → server and server → client. */
  readonly clientToServer: readonly [number, number];
  readonly serverToClient: readonly [number, number];
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly durationSec: number;
}

export interface AnalysisReport {
  readonly file: string;
  readonly format: string;
  readonly packets: number;
  readonly bytes: number;
  readonly capturedBytes: number;
  readonly firstPacketTime: string;
  readonly lastPacketTime: string;
  readonly durationSec: number;
  readonly linkTypes: readonly { readonly linkType: number; readonly name: string; readonly packets: number }[];
  readonly interfaces: readonly { readonly id: number; readonly name: string; readonly linkType: number; readonly snapLen: number }[];
  readonly malformed: { readonly packets: number; readonly byReason: Readonly<Record<string, number>> };
  readonly fileWarnings: Readonly<Record<string, number>>;
  readonly fileError: { readonly code: string; readonly message: string; readonly offset: number } | null;
  readonly protocols: { readonly l2: readonly ProtocolCount[]; readonly l3: readonly ProtocolCount[]; readonly l4: readonly ProtocolCount[] };
  readonly tunnelView: string;
  readonly counts: {
    readonly ips: number; readonly ipv4: number; readonly ipv6: number; readonly macs: number;
    readonly connections: number; readonly tcpConnections: number; readonly udpConnections: number;
    readonly untracked: { readonly ips: number; readonly macs: number; readonly connections: number };
  };
  readonly elapsedSec: number;
  readonly ips: readonly IpEntry[];
  readonly macs: readonly MacEntry[];
  readonly connections: readonly ConnectionEntry[];
}

const L4_NAMES: Readonly<Record<number, string>> = { 6: 'tcp', 17: 'udp', 132: 'sctp', 1: 'icmp', 58: 'icmpv6', 2: 'igmp' };

function byBytesDesc<T extends { readonly bytes: number; readonly protocol: string }>(a: T, b: T): number {
  return b.bytes - a.bytes || a.protocol.localeCompare(b.protocol);
}

export function buildReport(result: AnalysisResult): AnalysisReport {
  const s = result.summary;
  const linkTypes = [];
  for (let t = 0; t < s.linkTypePackets.length; t++) {
    const n = s.linkTypePackets[t] ?? 0;
    if (n > 0) linkTypes.push({ linkType: t, name: linkTypeName(t), packets: n });
  }
  const byReason: Record<string, number> = {};
  ANOMALIES.forEach((a, i) => {
    const n = result.decoder.anomalyCounts[i] ?? 0;
    if (n > 0) byReason[a.id] = n;
  });
  const l2: ProtocolCount[] = [];
  for (let t = 0; t < s.etherTypePackets.length; t++) {
    const n = s.etherTypePackets[t] ?? 0;
    if (n > 0) l2.push({ protocol: etherTypeName(t), packets: n, bytes: s.etherTypeBytes[t] ?? 0 });
  }
  const l3: ProtocolCount[] = [];
  for (const v of [4, 6]) {
    const n = s.ipVersionPackets[v] ?? 0;
    if (n > 0) l3.push({ protocol: `ipv${v}`, packets: n, bytes: s.ipVersionBytes[v] ?? 0 });
  }
  if (s.nonIpPackets > 0) l3.push({ protocol: 'non-ip', packets: s.nonIpPackets, bytes: Number.NaN });
  const l4: ProtocolCount[] = [];
  for (let p = 0; p < 256; p++) {
    const n = s.ipProtoPackets[p] ?? 0;
    if (n > 0) l4.push({ protocol: ipProtocolName(p), packets: n, bytes: s.ipProtoBytes[p] ?? 0 });
  }

  const ips: IpEntry[] = [];
  let ipv4 = 0;
  for (let e = 0; e < s.ips.idBound; e++) {
    if (s.ips.alive[e] === 0) continue;
    const version = s.ips.versionOf(e);
    if (version === 4) ipv4++;
    ips.push({ ip: s.ips.format(e), version, allTime: s.ips.countersOf(e), firstSeen: secondsOf(s.ips.firstSeenUs[e]), lastSeen: secondsOf(s.ips.lastSeenUs[e]) });
  }
  ips.sort((a, b) => total(b.allTime) - total(a.allTime) || a.ip.localeCompare(b.ip));
  const macs: MacEntry[] = [];
  for (let e = 0; e < s.macs.idBound; e++) {
    if (s.macs.alive[e] === 0) continue;
    macs.push({ mac: s.macs.format(e), allTime: s.macs.countersOf(e), firstSeen: secondsOf(s.macs.firstSeenUs[e]), lastSeen: secondsOf(s.macs.lastSeenUs[e]) });
  }
  macs.sort((a, b) => total(b.allTime) - total(a.allTime) || a.mac.localeCompare(b.mac));
  const connections = buildConnections(result);
  let tcp = 0, udp = 0;
  for (const c of connections) {
    if (c.l4Protocol === 'tcp') tcp++;
    else if (c.l4Protocol === 'udp') udp++;
  }
  const err = result.fileError;
  return {
    file: result.file,
    format: result.format,
    packets: s.packets,
    bytes: s.bytes,
    capturedBytes: s.capturedBytes,
    firstPacketTime: formatTimestampUs(s.firstTsUs),
    lastPacketTime: formatTimestampUs(s.lastTsUs),
    durationSec: s.packets > 0 ? (s.lastTsUs - s.firstTsUs) / 1e6 : 0,
    linkTypes,
    interfaces: result.interfaces.map((i) => ({ id: i.id, name: i.name, linkType: i.linkType, snapLen: i.snapLen })),
    malformed: { packets: result.decoder.malformedPackets, byReason },
    fileWarnings: Object.fromEntries(result.fileWarnings),
    fileError: err === null ? null : { code: err.code, message: err.message, offset: err.fileOffset },
    protocols: { l2: l2.sort(byBytesDesc), l3: l3.sort((a, b) => b.packets - a.packets), l4: l4.sort(byBytesDesc) },
    tunnelView: s.tunnelView,
    counts: {
      ips: s.ips.live, ipv4, ipv6: s.ips.live - ipv4, macs: s.macs.live,
      connections: connections.length, tcpConnections: tcp, udpConnections: udp,
      untracked: { ips: s.ips.untracked, macs: s.macs.untracked, connections: s.connections.untracked },
    },
    elapsedSec: result.elapsedSec,
    ips,
    macs,
    connections,
  };
}

/** Whole seconds of a µs time (first/last activity are shown per second). */
function secondsOf(us: number | undefined): number {
  return Math.floor((us ?? 0) / 1e6);
}

function total(c: TrafficCounters): number {
  return c[1] + c[3];
}

function buildConnections(result: AnalysisResult): ConnectionEntry[] {
  const t = result.summary.connections;
  const out: ConnectionEntry[] = [];
  for (let e = 0; e < t.idBound; e++) {
    if (t.alive[e] === 0) continue;
    const k = e * 4;
    const version = t.version[e] ?? 4;
    const fmt = (w: Uint32Array): string =>
      version === 4 ? formatIpv4(w[k + 3] ?? 0) : formatIpv6(w[k] ?? 0, w[k + 1] ?? 0, w[k + 2] ?? 0, w[k + 3] ?? 0);
    const a = fmt(t.addrA), b = fmt(t.addrB);
    const portA = t.portA[e] ?? 0, portB = t.portB[e] ?? 0;
    const known = t.clientIsA[e] ?? -1;
    const clientIsA = known >= 0 ? known : guessClientIsA(portA, portB);
    const ab: [number, number] = [t.counters[k] ?? 0, t.counters[k + 1] ?? 0];
    const ba: [number, number] = [t.counters[k + 2] ?? 0, t.counters[k + 3] ?? 0];
    const proto = t.proto[e] ?? 0;
    const first = (t.firstSeenUs[e] ?? 0) / 1e6, last = (t.lastSeenUs[e] ?? 0) / 1e6;
    out.push({
      l4Protocol: L4_NAMES[proto] ?? ipProtocolName(proto),
      ipVersion: version,
      client: clientIsA === 1 ? a : b,
      clientPort: clientIsA === 1 ? portA : portB,
      server: clientIsA === 1 ? b : a,
      serverPort: clientIsA === 1 ? portB : portA,
      clientBy: known >= 0 ? 'handshake' : 'heuristic',
      packets: ab[0] + ba[0],
      bytes: ab[1] + ba[1],
      clientToServer: clientIsA === 1 ? ab : ba,
      serverToClient: clientIsA === 1 ? ba : ab,
      firstSeen: first,
      lastSeen: last,
      durationSec: Math.round((last - first) * 1e6) / 1e6,
    });
  }
  out.sort((x, y) => y.bytes - x.bytes || x.firstSeen - y.firstSeen);
  return out;
}
