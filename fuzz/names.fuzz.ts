/**
 * @module fuzz/names.fuzz
 * Fuzz target for the name dissectors: DNS/mDNS/LLMNR (protocols/dns), NetBIOS name service
 * (protocols/netbios) and DHCPv4/v6 (protocols/dhcp). Seeds are the UDP/TCP payloads on their ports
 * in every corpus capture. Each mutated message is parsed twice, once followed by 0x00 bytes and
 * once by 0xff bytes beyond its length: nothing may escape, and the two results must be equal (a
 * parser that read past the message's end would not agree). Names stay within 255 bytes of wire
 * form. A second stage sends mutated whole frames of the DNS, DHCP and NetBIOS captures through
 * the real modules (dns, dhcp, netbios, names) and reads their REST answers.
 *
 * Run longer by hand: node dist/fuzz/names.fuzz.js --iterations 2000000 --seed 7
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { decodeOne, frame, readCaptureFrames, type TestFrame } from '../src/decode/test-frames.js';
import { answerRecords, DnsMessage, DnsRecord, DnsStatus, parseDnsMessage, questionNames, readRecord } from '../src/protocols/dns/parse.js';
import { decodeNetbiosName, nbstatNames } from '../src/protocols/netbios/parse.js';
import { DhcpMessage, fqdnText, optionText, parseDhcp } from '../src/protocols/dhcp/parse.js';
import { Dhcp6Message, dhcp6Address, dhcp6Duid, dhcp6Fqdn, dhcp6Vendor, parseDhcp6 } from '../src/protocols/dhcp/parse6.js';
import { runFrames, QUERY } from '../src/modules/l2-shared/testing.js';
import { createDnsModule } from '../src/modules/dns/index.js';
import { createDhcpModule } from '../src/modules/dhcp/index.js';
import { createNetbiosModule } from '../src/modules/netbios/index.js';
import { createNamesModule } from '../src/modules/names/index.js';
import type { Resource } from '../src/modules/resource.js';
import { pcapsDir } from '../test/support/paths.js';
import { mutate, prng } from './mutate.js';

const PORTS = new Set([53, 5353, 5355, 67, 68, 137, 546, 547]);

/** Distinct payloads on the name ports, and the frames that carried them. */
export function nameSeeds(): { payloads: Uint8Array[]; frames: TestFrame[] } {
  const payloads: Uint8Array[] = [], frames: TestFrame[] = [];
  const seen = new Set<string>();
  for (const name of readdirSync(pcapsDir).filter((f) => f.endsWith('.pcap') || f.endsWith('.pcapng')).sort()) {
    for (const f of readCaptureFrames(join(pcapsDir, name))) {
      const pi = decodeOne(f);
      const l4 = pi.l4Count - 1;
      if (l4 < 0 || pi.payloadLen === 0 || !(PORTS.has(pi.srcPort[l4] as number) || PORTS.has(pi.dstPort[l4] as number))) continue;
      const p = Uint8Array.from(pi.payloadData.subarray(pi.payloadOffset, pi.payloadOffset + Math.min(pi.payloadLen, 1500)));
      const key = Buffer.from(p).toString('hex');
      if (seen.has(key)) continue;
      seen.add(key);
      payloads.push(p);
      if (frames.length < 400) frames.push({ ...f, data: Uint8Array.from(f.data.subarray(f.start, f.start + f.capLen)), start: 0 });
    }
  }
  return { payloads, frames };
}

/** Everything the parsers say about one message placed in `buf` (the rest of buf is filler). */
function describe(buf: Uint8Array, len: number): string {
  const out: string[] = [];
  const m = new DnsMessage();
  const s = parseDnsMessage(buf, 0, len, m);
  out.push(`dns ${s}`);
  if (s === DnsStatus.Ok) {
    for (const q of questionNames(buf, m)) {
      if (Buffer.byteLength(q) > 255 * 4) throw new Error(`name too long: ${q.length}`);
      out.push(q, JSON.stringify(decodeNetbiosName(q)));
    }
    for (const a of answerRecords(buf, m)) out.push(`${a.name} ${a.type} ${a.data} ${a.section}`);
    const rr = new DnsRecord();
    for (let i = 0, at = m.answersOff; i < m.anCount; i++) {
      const next = readRecord(buf, m, at, rr);
      if (next < 0) break;
      if (rr.type === 0x21) out.push(JSON.stringify(nbstatNames(buf, rr.rdataOff, rr.rdataLen)));
      at = next;
    }
  }
  const d = new DhcpMessage();
  out.push(`dhcp ${parseDhcp(buf, 0, len, d)} ${d.type} ${d.hostOff >= 0 ? optionText(buf, d.hostOff, d.hostLen) : ''} ${fqdnText(buf, d)}`);
  if (d.hostOff >= 0 && d.hostOff + d.hostLen > len) throw new Error('host name option beyond the message');
  const d6 = new Dhcp6Message();
  out.push(`dhcp6 ${parseDhcp6(buf, 0, len, d6)} ${dhcp6Duid(buf, d6)} ${dhcp6Address(buf, d6)} ${dhcp6Fqdn(buf, d6)} ${dhcp6Vendor(buf, d6)}`);
  if (d6.addrOff >= 0 && d6.addrOff + 24 > len) throw new Error('IA address beyond the message');
  return out.join('\n');
}

export interface NamesFuzzResult { iterations: number; parsedDns: number; frames: number }

export function runNamesFuzz(maxIterations: number, seed: number, budgetMs: number): NamesFuzzResult {
  const { payloads, frames } = nameSeeds();
  const rand = prng(seed);
  const started = Date.now();
  let iterations = 0, parsedDns = 0;
  const zero = new Uint8Array(2048), ones = new Uint8Array(2048);
  while (iterations < maxIterations && Date.now() - started < budgetMs * 0.7) {
    const input = mutate(payloads[rand() % payloads.length] as Uint8Array, rand);
    const len = Math.min(input.length, 1500);
    zero.fill(0);
    ones.fill(0xff);
    zero.set(input.subarray(0, len));
    ones.set(input.subarray(0, len));
    const a = describe(zero, len), b = describe(ones, len);
    if (a !== b) throw new Error(`parsers read beyond the message: ${Buffer.from(input).toString('hex')}\n${a}\n---\n${b}`);
    if (a.startsWith('dns 0')) parsedDns++;
    iterations++;
  }
  // Stage two: mutated frames through the modules, then their answers.
  const mutated: TestFrame[] = [];
  for (let i = 0; i < 3000 && Date.now() - started < budgetMs; i++) {
    const f = frames[rand() % frames.length] as TestFrame;
    const bytes = mutate(f.data.subarray(0, f.capLen), rand);
    mutated.push(frame(bytes, f.linkType, bytes.length, 1_700_000_000 + (i >> 4), (i & 15) * 1000));
  }
  const analyzer = runFrames(mutated, [createDnsModule, createDhcpModule, createNetbiosModule, createNamesModule]);
  const walk = (r: Resource): void => {
    if (r.kind === 'object') {
      JSON.stringify(r.get(QUERY));
      for (const c of r.children ?? []) walk(c);
    } else if (r.kind === 'list') {
      const v = r.open(QUERY);
      for (let i = 0; i < v.size; i++) JSON.stringify(v.json(i));
    }
  };
  for (const m of analyzer.modules) walk(m.resource());
  return { iterations, parsedDns, frames: mutated.length };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string, dflt: number): number => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : dflt;
  };
  console.log(runNamesFuzz(arg('--iterations', 200_000), arg('--seed', 1), 3_600_000));
}
