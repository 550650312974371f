/**
 * @module modules/dns
 * DNS, mDNS and LLMNR (protocols/dns) seen passively: per server and globally, queries, responses,
 * response times (queries matched to responses by connection and DNS id), unanswered queries
 * (timeouts), reply codes and query types, with history; per client IP (ip/ips/:ip/dns) the
 * same figures from the client's side, with history; the list of names asked for; and the
 * names learned from answers (A/AAAA → address named by the record's owner, PTR → the address of
 * a reverse name) into the analysis' name book (names/name-book.ts).
 *
 * Cost: runs in onFrame only for frames with payload whose innermost L4 port is 53, 5353 or 5355
 * (one table read); DNS over TCP is framed by its 2-byte length, a message longer than the rest of
 * the segment is skipped (counted) along with its continuation bytes (4 bytes per connection).
 * REST: see README.md.
 */
import type { PacketInfo } from '../../decode/packet-info.js';
import type { PacketRefs } from '../../pipeline/packet-refs.js';
import { History } from '../../store/history.js';
import { KeyTable } from '../../store/key-table.js';
import { PairTable } from '../../store/pair-table.js';
import { resized } from '../../store/resize.js';
import { Counter } from '../../store/counters.js';
import { formatIpv4 } from '../../core/addresses.js';
import { nameBookOf, type NameBook, type NameSource } from '../../names/name-book.js';
import { DnsMessage, DnsRecord, DnsStatus, formatIpv6Bytes, MAX_NAME_WIRE, nameBytesAt, parseDnsMessage, readName, readRecord, skipName } from '../../protocols/dns/parse.js';
import { NameCache } from '../../protocols/dns/name-cache.js';
import { DetectorConfirmation } from '../../protocols/detector-link.js';
import { protocolIndex } from '../../protocols/registry.js';
import { reverseNameAddress } from '../../protocols/dns/reverse.js';
import type { MeasurementModule, ModuleContext } from '../module.js';
import type { Resource } from '../resource.js';
import { F, W } from './figures.js';
import { PendingQueries } from './pending.js';
import { QueriedNames } from './queried-names.js';
import { dnsResource, IP_DNS_SCHEMA, ipDnsJson } from './resources.js';

/** Which DNS flavour a port carries (0 = none). */
export const DnsKind = { None: 0, Dns: 1, Mdns: 2, Llmnr: 3 } as const;
const PORT_KIND = new Uint8Array(65_536);
PORT_KIND[53] = DnsKind.Dns;
PORT_KIND[5353] = DnsKind.Mdns;
PORT_KIND[5355] = DnsKind.Llmnr;
const SOURCE: readonly NameSource[] = ['dns', 'dns', 'mdns', 'llmnr'];
/** Protocol registry index per kind, for the detection engine's confirmation. */
const PROTOCOL: readonly number[] = [0, protocolIndex('dns'), protocolIndex('mdns'), protocolIndex('llmnr')];

/** Kinds of the code table's first key. */
export const CodeKind = { Rcode: 0, Qtype: 1 } as const;

export const DNS_DEFAULTS = {
  /** A query without a response this long (packet time) counts as a timeout. */
  timeoutSec: 5,
  maxPending: 65_536,
  maxNames: 100_000,
} as const;

const UDP = 17, TCP = 6;
/** A response with the same records as one learned this recently (s) is not read again. */
const LEARN_REFRESH_SEC = 60;
const LEARN_SLOTS = 1024;

export class DnsModule implements MeasurementModule {
  readonly name = 'dns';
  readonly ctx: ModuleContext;
  /** One entity per server IP: key (IP entity, 0); traffic = DNS messages to (rx) and from (tx) it. */
  readonly servers: PairTable;
  /** Reply codes and query types globally: key (CodeKind, value); traffic = messages. */
  readonly codes: KeyTable;
  /** Per server: key (server entity, kind << 16 | value). */
  readonly serverCodes: PairTable;
  /** Figures per second, global (entity 0) and per server entity. */
  readonly global: History;
  readonly perServer: History;
  /** Figures per client IP entity (queries sent, answers and their times, timeouts): history only. */
  readonly perClient: History;
  readonly globalAllTime = new Float64Array(W);
  serverAllTime = new Float64Array(0);
  /** Response time min/max (µs), all time: index 0 global, 1 + server entity per server. */
  rtMinUs = new Float64Array(1).fill(Infinity);
  rtMaxUs = new Float64Array(1).fill(-1);
  readonly names: QueriedNames;
  readonly book: NameBook;
  readonly pending: PendingQueries;
  /** Per connection and direction: bytes of a TCP DNS message still to skip. */
  private tcpSkip = new Uint32Array(0);
  private readonly msg = new DnsMessage();
  private readonly takenOut = new Int32Array(2);
  private readonly nameCache = new NameCache();
  /** Confirms DNS/mDNS/LLMNR to the analysis' detection engine (the dpi module), if there is one. */
  private readonly confirmation: DetectorConfirmation;
  private readonly scratch = new Uint8Array(MAX_NAME_WIRE + 1);
  private readonly rr = new DnsRecord();
  /** Responses learned recently (learnedRecently): two hashes and the second per slot. */
  private readonly learnedA = new Int32Array(LEARN_SLOTS);
  private readonly learnedB = new Int32Array(LEARN_SLOTS);
  private readonly learnedAt = new Float64Array(LEARN_SLOTS).fill(-Infinity);
  /** Messages parsed, and messages skipped per reason. */
  messages = 0;
  malformed = 0;
  tcpSplit = 0;

  constructor(ctx: ModuleContext) {
    this.ctx = ctx;
    const { store, core } = ctx;
    this.servers = store.addTable(new PairTable('dns_server', core.ips, null, { initialCapacity: 64 }));
    this.codes = store.addTable(new KeyTable('dns_code', { initialCapacity: 64 }));
    this.serverCodes = store.addTable(new PairTable('dns_server_code', this.servers, null, { initialCapacity: 256 }));
    this.global = store.addHistory(new History(W, 1));
    this.perServer = store.addHistory(new History(W, this.servers.currentCapacity));
    this.servers.listen({
      resize: (cap) => {
        this.perServer.resize(cap);
        this.serverAllTime = resized(this.serverAllTime, cap * W);
        const min = resized(this.rtMinUs, cap + 1), max = resized(this.rtMaxUs, cap + 1);
        min.fill(Infinity, this.rtMinUs.length);
        max.fill(-1, this.rtMaxUs.length);
        this.rtMinUs = min;
        this.rtMaxUs = max;
      },
      reset: (e) => {
        this.serverAllTime.fill(0, e * W, e * W + W);
        this.rtMinUs[e + 1] = Infinity;
        this.rtMaxUs[e + 1] = -1;
      },
      evicted: (mark) => { this.perServer.scrub(mark); },
    });
    this.servers.declareBytesPerEntity(W * 8 + 16);
    this.perClient = store.addHistory(new History(W, core.ips.currentCapacity));
    core.ips.listen({
      resize: (cap) => { this.perClient.resize(cap); },
      reset: () => undefined,
      evicted: (mark) => { this.perClient.scrub(mark); },
    });
    core.ips.declareBytesPerEntity(8);
    ctx.ipChildren.push((ip) => ({ kind: 'object', name: 'dns', schema: IP_DNS_SCHEMA, get: (q) => ipDnsJson(this, ip, q) }));
    core.connections.listen({
      resize: (cap) => { this.tcpSkip = resized(this.tcpSkip, cap * 2); },
      reset: (e) => { this.tcpSkip[e * 2] = 0; this.tcpSkip[e * 2 + 1] = 0; },
      evicted: () => undefined,
    });
    core.connections.declareBytesPerEntity(8);
    this.names = new QueriedNames(DNS_DEFAULTS.maxNames);
    this.confirmation = new DetectorConfirmation(store);
    this.book = nameBookOf(store);
    this.pending = new PendingQueries(DNS_DEFAULTS.maxPending);
    store.onSecondClose((sec) => { this.expire(sec); });
  }

  onPacket(): void {
    // Per message: see onFrame.
  }

  onFrame(pi: PacketInfo, refs: PacketRefs): void {
    const c = refs.conn, l4 = refs.connL4;
    if (c < 0 || pi.payloadLen === 0 || l4 !== pi.l4Count - 1) return;
    let kind = PORT_KIND[pi.srcPort[l4] as number] as number;
    if (kind === DnsKind.None) kind = PORT_KIND[pi.dstPort[l4] as number] as number;
    if (kind === DnsKind.None) return;
    const proto = pi.l4Proto[l4] as number;
    const d = pi.payloadData, off = pi.payloadOffset, len = pi.payloadLen;
    if (proto === UDP) this.message(d, off, len, kind, refs);
    else if (proto === TCP) this.tcpSegment(d, off, len, kind, refs);
  }

  /** DNS over TCP: messages prefixed by their 2-byte length; one split over segments is skipped. */
  private tcpSegment(d: Uint8Array, off: number, len: number, kind: number, refs: PacketRefs): void {
    const k = refs.conn * 2 + (refs.connFromA ? 0 : 1);
    let p = off;
    const end = off + len;
    const skip = this.tcpSkip[k] as number;
    if (skip > 0) {
      const n = Math.min(skip, len);
      this.tcpSkip[k] = skip - n;
      p += n;
    }
    while (end - p >= 2) {
      const size = ((d[p] as number) << 8) | (d[p + 1] as number);
      p += 2;
      if (size > end - p) {
        this.tcpSplit++;
        this.tcpSkip[k] = size - (end - p);
        return;
      }
      this.message(d, p, size, kind, refs);
      p += size;
    }
  }

  private message(d: Uint8Array, off: number, len: number, kind: number, refs: PacketRefs): void {
    const m = this.msg;
    if (parseDnsMessage(d, off, len, m) !== DnsStatus.Ok) {
      this.malformed++;
      this.add(-1, F.malformed, 1);
      return;
    }
    this.messages++;
    // A well-formed message confirms the protocol to the detection engine (dpi module), if any.
    this.confirmation.confirm(refs.conn, PROTOCOL[kind] as number);
    const tsUs = refs.tsUs, tsSec = refs.tsSec, response = m.qr === 1;
    this.countQuestions(d, m, response, tsSec);
    // The server: where a query goes, where a response comes from.
    const ip = response ? refs.connIpSrc : refs.connIpDst;
    const server = ip >= 0 ? this.servers.upsert(ip, 0, tsUs) : -1;
    if (server >= 0) this.servers.addTraffic(server, response ? Counter.TxPackets : Counter.RxPackets, 1, len);
    const key = PendingQueries.key(refs.conn, m.id);
    if (!response) {
      const client = refs.connIpSrc;
      this.add(server, F.queries, 1);
      this.clientAdd(client, F.queries, 1);
      this.code(server, CodeKind.Qtype, m.qtype, len, tsUs);
      // mDNS answers go to the group, not back on the query's flow: no matching.
      if (kind !== DnsKind.Mdns && !this.pending.add(key, tsUs, server, client)) {
        this.add(server, F.retransmissions, 1);
        this.clientAdd(client, F.retransmissions, 1);
      }
      return;
    }
    this.add(server, F.responses, 1);
    this.clientAdd(refs.connIpDst, F.responses, 1);
    this.code(server, CodeKind.Rcode, m.rcode, len, tsUs);
    const askedUs = kind === DnsKind.Mdns ? -1 : this.pending.take(key, this.takenOut);
    if (askedUs >= 0) {
      const rt = Math.max(0, tsUs - askedUs), sq = (rt / 1000) * (rt / 1000);
      this.add(server, F.answered, 1);
      this.add(server, F.responseSumUs, rt);
      this.add(server, F.responseSumSqMs, sq);
      const client = this.takenOut[1] as number;
      this.clientAdd(client, F.answered, 1);
      this.clientAdd(client, F.responseSumUs, rt);
      this.clientAdd(client, F.responseSumSqMs, sq);
      this.minMax(0, rt);
      if (server >= 0) this.minMax(server + 1, rt);
    }
    if (m.anCount + m.nsCount + m.arCount > 0) this.learn(d, m, SOURCE[kind] as NameSource, tsSec);
  }

  /** Every question name into the list; the strings come from the name cache. */
  private countQuestions(d: Uint8Array, m: DnsMessage, response: boolean, tsSec: number): void {
    let p = m.questionOff;
    const scratch = this.scratch;
    for (let i = 0; i < m.qdCount && p >= 0; i++) {
      const n = nameBytesAt(d, m.base, m.end, p, scratch);
      if (n >= 0) this.names.add(this.nameCache.text(scratch, n), response, m.qtype, tsSec);
      const after = skipName(d, p, m.end);
      p = after < 0 ? -1 : after + 4;
    }
  }

  /**
   * Whether this response's records (owner names, types, data; not TTLs) equal those of one learned
   * in the last LEARN_REFRESH_SEC seconds: two 32-bit hashes in a direct-mapped table, no strings.
   */
  private learnedRecently(d: Uint8Array, m: DnsMessage, tsSec: number): boolean {
    const rr = this.rr, scratch = this.scratch;
    let h1 = 0x811c9dc5, h2 = 0x9e3779b9, p = m.answersOff;
    const total = m.anCount + m.nsCount + m.arCount;
    for (let i = 0; i < total; i++) {
      const next = readRecord(d, m, p, rr);
      if (next < 0) break;
      const n = nameBytesAt(d, m.base, m.end, rr.nameOff, scratch);
      for (let k = 0; k < n; k++) {
        const v = scratch[k] as number;
        h1 = Math.imul(h1 ^ v, 0x01000193);
        h2 = Math.imul(h2 + v, 0x85ebca6b) ^ (h2 >>> 13);
      }
      h1 = Math.imul(h1 ^ rr.type, 0x01000193);
      h2 = Math.imul(h2 + rr.type + n, 0x85ebca6b) ^ (h2 >>> 13);
      for (let k = 0; k < rr.rdataLen; k++) {
        const v = d[rr.rdataOff + k] as number;
        h1 = Math.imul(h1 ^ v, 0x01000193);
        h2 = Math.imul(h2 + v, 0x85ebca6b) ^ (h2 >>> 13);
      }
      p = next;
    }
    const s = (h1 >>> 0) & (LEARN_SLOTS - 1);
    if (this.learnedA[s] === (h1 | 0) && this.learnedB[s] === (h2 | 0) && tsSec - (this.learnedAt[s] as number) < LEARN_REFRESH_SEC) return true;
    this.learnedA[s] = h1 | 0;
    this.learnedB[s] = h2 | 0;
    this.learnedAt[s] = tsSec;
    return false;
  }

  /** Names from the answers into the name book. */
  private learn(d: Uint8Array, m: DnsMessage, source: NameSource, tsSec: number): void {
    if (this.learnedRecently(d, m, tsSec)) return;
    const rr = this.rr, scratch = this.scratch, cache = this.nameCache;
    // The name asked for also names the addresses its CNAME chain ends at (answer section).
    let asked: string | null = null;
    if (m.questionOff >= 0 && m.qdCount === 1) {
      const n = nameBytesAt(d, m.base, m.end, m.questionOff, scratch);
      if (n > 0) asked = cache.text(scratch, n);
    }
    const total = m.anCount + m.nsCount + m.arCount;
    let p = m.answersOff;
    // Strings only for the records that name an address: A, AAAA, and PTR of reverse names.
    for (let i = 0; i < total; i++) {
      const next = readRecord(d, m, p, rr);
      if (next < 0) return;
      p = next;
      const t = rr.type, o = rr.rdataOff;
      if (!((t === 1 && rr.rdataLen === 4) || (t === 28 && rr.rdataLen === 16) || t === 12)) continue;
      const n = nameBytesAt(d, m.base, m.end, rr.nameOff, scratch);
      if (n <= 0) continue;
      const owner = cache.text(scratch, n);
      if (t === 12) {
        const ip = reverseNameAddress(owner);
        const target = ip === null ? null : readName(d, m.base, m.end, o);
        if (ip !== null && target !== null) this.book.add(ip, stripLocalDot(target), source, tsSec);
        continue;
      }
      const ip = t === 1 ? formatIpv4((((d[o] as number) << 24) | ((d[o + 1] as number) << 16) | ((d[o + 2] as number) << 8) | (d[o + 3] as number)) >>> 0)
        : formatIpv6Bytes(d, o);
      this.book.add(ip, stripLocalDot(owner), source, tsSec);
      if (asked !== null && i < m.anCount && asked !== owner) this.book.add(ip, stripLocalDot(asked), source, tsSec);
    }
  }

  private code(server: number, kind: number, value: number, len: number, tsUs: number): void {
    const e = this.codes.upsert(kind, value, tsUs);
    if (e >= 0) this.codes.addTraffic(e, Counter.RxPackets, 1, len);
    if (server < 0) return;
    const p = this.serverCodes.upsert(server, (kind << 16) | value, tsUs);
    if (p >= 0) this.serverCodes.addTraffic(p, Counter.RxPackets, 1, len);
  }

  /** Adds to a figure globally and, when server >= 0, for that server. */
  private add(server: number, k: number, v: number): void {
    const g = this.global, at = g.touch(0);
    g.open[at + k] = (g.open[at + k] as number) + v;
    this.globalAllTime[k] = (this.globalAllTime[k] as number) + v;
    if (server < 0) return;
    const h = this.perServer, s = h.touch(server);
    h.open[s + k] = (h.open[s + k] as number) + v;
    const b = server * W + k;
    this.serverAllTime[b] = (this.serverAllTime[b] as number) + v;
  }

  /** Adds to a figure of a client IP (when it is stored and alive). */
  private clientAdd(ip: number, k: number, v: number): void {
    if (ip < 0 || this.ctx.core.ips.alive[ip] !== 1) return;
    const h = this.perClient, at = h.touch(ip);
    h.open[at + k] = (h.open[at + k] as number) + v;
  }

  private minMax(i: number, rt: number): void {
    if (rt < (this.rtMinUs[i] as number)) this.rtMinUs[i] = rt;
    if (rt > (this.rtMaxUs[i] as number)) this.rtMaxUs[i] = rt;
  }

  /** Queries older than the timeout become timeouts (credited to the closing second). */
  private expire(sec: number): void {
    this.pending.expire((sec + 1 - DNS_DEFAULTS.timeoutSec) * 1e6, (server, client) => {
      this.add(server >= 0 && this.servers.alive[server] === 1 ? server : -1, F.timeouts, 1);
      this.clientAdd(client, F.timeouts, 1);
    });
  }

  resource(): Resource {
    return dnsResource(this);
  }
}

/** mDNS/LLMNR owners end in ".local" and DNS ones never end in a dot: names are kept as written. */
function stripLocalDot(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

export function createDnsModule(ctx: ModuleContext): DnsModule {
  return new DnsModule(ctx);
}
