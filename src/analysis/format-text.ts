/**
 * @module analysis/format-text
 * The human-readable `analyze` summary (the JSON report is the machine-readable one).
 */
import type { AnalysisReport, ProtocolCount } from './report.js';

const num = new Intl.NumberFormat('en-US');

function n(v: number): string {
  return Number.isNaN(v) ? '-' : num.format(v);
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    '  ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), ...rows.map(line)];
}

function mix(list: readonly ProtocolCount[]): string[] {
  return table(['protocol', 'packets', 'bytes'], list.map((p) => [p.protocol, n(p.packets), n(p.bytes)]));
}

export function formatTextReport(r: AnalysisReport, top: number): string {
  const out: string[] = [];
  out.push(`file        ${r.file} (${r.format})`);
  out.push(`packets     ${n(r.packets)}    bytes ${n(r.bytes)} (captured ${n(r.capturedBytes)})`);
  out.push(`time        ${r.firstPacketTime || '-'} .. ${r.lastPacketTime || '-'}  (${r.durationSec.toFixed(6)} s)`);
  out.push(`link types  ${r.linkTypes.map((l) => `${l.name} ${n(l.packets)}`).join(', ') || '-'}`);
  const reasons = Object.entries(r.malformed.byReason).map(([k, v]) => `${k} ${n(v)}`).join(', ');
  out.push(`malformed   ${n(r.malformed.packets)} packets${reasons ? `; anomalies: ${reasons}` : ''}`);
  const warnings = Object.entries(r.fileWarnings).map(([k, v]) => `${k} ${n(v)}`).join(', ');
  if (warnings) out.push(`file notes  ${warnings}`);
  const c = r.counts;
  out.push(`entities    ${n(c.ips)} IPs (${n(c.ipv4)} IPv4, ${n(c.ipv6)} IPv6), ${n(c.macs)} MACs, ` +
    `${n(c.connections)} connections (${n(c.tcpConnections)} TCP, ${n(c.udpConnections)} UDP)`);
  out.push(`tunnel view ${r.tunnelView}`);
  out.push('', 'L2 protocols (outermost Ethernet header)', ...mix(r.protocols.l2));
  out.push('', 'L3 protocols (IP headers)', ...mix(r.protocols.l3));
  out.push('', 'L4 protocols (IP headers by protocol carried)', ...mix(r.protocols.l4));
  out.push('', `Top ${top} IPs by bytes`, ...table(['ip', 'rx packets', 'rx bytes', 'tx packets', 'tx bytes'],
    r.ips.slice(0, top).map((e) => [e.ip, n(e.allTime[0]), n(e.allTime[1]), n(e.allTime[2]), n(e.allTime[3])])));
  out.push('', `Top ${top} MACs by bytes`, ...table(['mac', 'rx packets', 'rx bytes', 'tx packets', 'tx bytes'],
    r.macs.slice(0, top).map((e) => [e.mac, n(e.allTime[0]), n(e.allTime[1]), n(e.allTime[2]), n(e.allTime[3])])));
  out.push('', `Top ${top} connections by bytes`, ...table(['proto', 'client', 'server', 'packets', 'bytes', 'duration s'],
    r.connections.slice(0, top).map((e) => [e.l4Protocol, endpoint(e.client, e.clientPort, e.ipVersion),
      endpoint(e.server, e.serverPort, e.ipVersion), n(e.packets), n(e.bytes), e.durationSec.toFixed(3)])));
  if (r.fileError) out.push('', `ERROR ${r.fileError.code}: ${r.fileError.message}`, 'The figures above cover the packets before the damage.');
  return out.join('\n') + '\n';
}

function endpoint(ip: string, port: number, version: number): string {
  return version === 6 ? `[${ip}]:${port}` : `${ip}:${port}`;
}
