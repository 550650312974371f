/**
 * Golden test: on every nDPI test capture of the corpus (`ndpi_*.pcap*` with nDPI's expected
 * `*.out` beside it), wiremeter's application protocol per flow agrees with nDPI's. Each nDPI flow
 * is matched to our connection by L4 protocol and both endpoints; nDPI's `X.Y` (master.app) agrees
 * when either X or Y is ours, names compared through NDPI_NAMES. Prints one line per capture and
 * the totals: agreement on the flows we claim (our protocol is not Unknown; must be ≥ 90%) and
 * overall agreement counting Unknown (both Unknown agree; a flow we miss or leave Unknown while
 * nDPI names it does not).
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyzeFile } from '../../src/analysis/analyze-file.js';
import { formatIpv4, formatIpv6 } from '../../src/core/addresses.js';
import type { DpiModule } from '../../src/modules/dpi/index.js';
import { connectionProtocol } from '../../src/modules/dpi/connection-columns.js';
import { confidenceName } from '../../src/protocols/confidence.js';
import { protocolInfo } from '../../src/protocols/registry.js';
import { pcapPath, pcapsDir } from '../support/paths.js';
import { parseNdpiOut, type NdpiFlow } from './ndpi-out.js';

/**
 * nDPI protocol names whose wiremeter id differs from the lower-cased name. NFS: nDPI's NFS
 * dissector names every ONC RPC call to portmapper, mountd and NFS "NFS"; wiremeter names the
 * portmapper ONC RPC and the others NFS.
 */
const NDPI_NAMES: Readonly<Record<string, readonly string[]>> = {
  IEC60870: ['iec60870'], EthernetIP: ['ethernetip'], 'OPC-UA': ['opcua'], CiscoSkinny: ['skinny'],
  S7Comm: ['s7comm'], PROFINET_IO: ['profinet-io'], DCERPC: ['dcerpc'], NFS: ['nfs', 'sunrpc'],
  SMBv1: ['smbv1'], SMBv23: ['smb'], FTP_CONTROL: ['ftp'], FTP_DATA: ['ftp-data'], ICMPV6: ['icmpv6'],
  DHCPV6: ['dhcpv6'], MDNS: ['mdns'], HTTP_Proxy: ['http-proxy'], IPsec: ['ipsec', 'esp'],
};

const L4: Readonly<Record<string, number>> = { TCP: 6, UDP: 17, ICMP: 1, ICMPV6: 58, SCTP: 132 };

function agrees(ndpi: readonly string[], ourId: string): boolean {
  if (ndpi.length === 0 || ndpi.every((n) => n === 'Unknown')) return ourId === 'unknown';
  return ndpi.some((n) => (NDPI_NAMES[n] ?? [n.toLowerCase()]).includes(ourId));
}

/** One canonical spelling of an address (IPv6 compressed as a URL host spells it). */
function canonical(addr: string): string {
  if (!addr.includes(':')) return addr;
  // nDPI prints what it read; a fuzzed capture can hold an address no parser accepts.
  return URL.canParse(`http://[${addr}]/`) ? new URL(`http://[${addr}]/`).hostname.slice(1, -1) : addr;
}

function key(l4: number, a: string, pa: number, b: string, pb: number): string {
  const x = `${canonical(a)}|${pa}`, y = `${canonical(b)}|${pb}`;
  return x < y ? `${l4}|${x}|${y}` : `${l4}|${y}|${x}`;
}

interface Tally { flows: number; matched: number; agree: number; claimed: number; claimedAgree: number }

const captures = readdirSync(pcapsDir).filter((f) => f.startsWith('ndpi_') && f.endsWith('.out')).sort();

test('DPI agrees with nDPI on its own test captures', async (t) => {
  assert.ok(captures.length >= 20, `expected nDPI's 20 captures, found ${captures.length}`);
  const total: Tally = { flows: 0, matched: 0, agree: 0, claimed: 0, claimedAgree: 0 };
  const disagreements: string[] = [];
  const byConfidence = new Map<string, number>();
  for (const out of captures) {
    const pcap = out.replace(/\.out$/, '');
    const flows: NdpiFlow[] = parseNdpiOut(readFileSync(pcapPath(out), 'utf8'));
    const result = await analyzeFile(pcapPath(pcap));
    const dpi = result.analyzer.module('dpi') as DpiModule;
    const conns = result.summary.connections;
    const ours = new Map<string, { id: string; confidence: string }>();
    for (let e = 0; e < conns.idBound; e++) {
      if (conns.alive[e] === 0) continue;
      const k4 = e * 4;
      const fmt = (w: Uint32Array): string => (conns.version[e] === 4 ? formatIpv4(w[k4 + 3] as number)
        : formatIpv6(w[k4] as number, w[k4 + 1] as number, w[k4 + 2] as number, w[k4 + 3] as number));
      const found = connectionProtocol(conns, dpi.detector, e);
      ours.set(key(conns.proto[e] as number, fmt(conns.addrA), conns.portA[e] as number, fmt(conns.addrB), conns.portB[e] as number),
        { id: protocolInfo(found.index).id, confidence: confidenceName(found.level) });
    }
    const tally: Tally = { flows: 0, matched: 0, agree: 0, claimed: 0, claimedAgree: 0 };
    for (const f of flows) {
      tally.flows++;
      const mine = ours.get(key(L4[f.l4] ?? -1, f.addrA, f.portA, f.addrB, f.portB));
      const id = mine?.id;
      if (mine !== undefined && id !== 'unknown') byConfidence.set(mine.confidence, (byConfidence.get(mine.confidence) ?? 0) + 1);
      const ok = agrees(f.names, id ?? 'unknown');
      if (id !== undefined) tally.matched++;
      if (ok) tally.agree++;
      if (id !== undefined && id !== 'unknown') {
        tally.claimed++;
        if (ok) tally.claimedAgree++;
      }
      if (!ok) disagreements.push(`${pcap}:${f.line} ${f.l4} ${f.addrA}:${f.portA} ${f.addrB}:${f.portB} nDPI ${f.names.join('.')} ours ${id ?? '(no connection)'}`);
    }
    for (const k of Object.keys(total) as (keyof Tally)[]) total[k] += tally[k];
    t.diagnostic(`${pcap.padEnd(40)} flows ${tally.flows}  matched ${tally.matched}  agree ${tally.agree}/${tally.flows}  claimed ${tally.claimedAgree}/${tally.claimed}`);
  }
  const pct = (a: number, b: number): string => (b === 0 ? 'n/a' : `${((a / b) * 100).toFixed(1)}%`);
  for (const d of disagreements) t.diagnostic(`differs: ${d}`);
  t.diagnostic(`TOTAL flows ${total.flows}, matched to a connection ${total.matched}`);
  t.diagnostic(`TOTAL claimed (ours not Unknown): ${total.claimedAgree}/${total.claimed} agree = ${pct(total.claimedAgree, total.claimed)}`);
  t.diagnostic(`TOTAL our claims by confidence: ${[...byConfidence].map(([c, n]) => `${c} ${n}`).join(', ')}`);
  t.diagnostic(`TOTAL overall (Unknown included): ${total.agree}/${total.flows} agree = ${pct(total.agree, total.flows)}`);
  assert.ok(total.claimed > 0);
  assert.ok(total.claimedAgree / total.claimed >= 0.9, `agreement on claimed flows ${pct(total.claimedAgree, total.claimed)} is below 90%`);
});
