/**
 * @module modules/netbios
 * NetBIOS name service (UDP 137; protocols/netbios on the DNS parser): messages per operation
 * (query, registration, release, refresh … as request or response, with history), and the names
 * announced for addresses — registrations and refreshes (the additional NB record), positive
 * query responses (the answer's NB entries) and node-status tables (the names of the answering
 * host). Unique workstation and server names (suffix 00 and 20) go into the analysis' name book
 * (source "netbios"); group names (workgroups) are listed but name no address.
 *
 * Cost: onFrame only for UDP frames with payload on port 137. Names are bounded
 * (NETBIOS_DEFAULTS.maxNames, least recently seen out). REST: see README.md.
 */
import type { PacketInfo } from '../../decode/packet-info.js';
import type { PacketRefs } from '../../pipeline/packet-refs.js';
import { formatIpv4 } from '../../core/addresses.js';
import { Counter } from '../../store/counters.js';
import { KeyTable } from '../../store/key-table.js';
import { nameBookOf, type NameBook } from '../../names/name-book.js';
import { DnsMessage, DnsRecord, DnsStatus, parseDnsMessage, readName, readRecord } from '../../protocols/dns/parse.js';
import { decodeNetbiosName, nbAddresses, nbOpcodeName, nbstatNames, netbiosLabel, NB_TYPE_NB, NB_TYPE_NBSTAT, type NetbiosName } from '../../protocols/netbios/parse.js';
import { DetectorConfirmation } from '../../protocols/detector-link.js';
import { protocolIndex } from '../../protocols/registry.js';
import type { MeasurementModule, ModuleContext } from '../module.js';
import type { Resource } from '../resource.js';
import { entityListView } from '../entity-list.js';
import { rowListView } from '../row-list.js';
import { bool, int, objectSchema, str, withTraffic } from '../traffic-schema.js';
import { udpMessageLayer } from '../l7-shared/udp-message.js';

export const NETBIOS_DEFAULTS = { maxNames: 100_000 } as const;
const NETBIOS = protocolIndex('netbios');

export interface AnnouncedName {
  readonly name: string;
  readonly suffix: number;
  readonly ip: string;
  readonly group: boolean;
  /** How it was learned last: registration, refresh, response, status, release. */
  how: string;
  count: number;
  readonly firstSeen: number;
  lastSeen: number;
}

export class NetbiosModule implements MeasurementModule {
  readonly name = 'netbios';
  readonly ctx: ModuleContext;
  /** Messages per (opcode, response 0/1). */
  readonly operations: KeyTable;
  readonly names = new Map<string, AnnouncedName>();
  readonly book: NameBook;
  private readonly msg = new DnsMessage();
  private readonly rr = new DnsRecord();
  private readonly confirmation: DetectorConfirmation;
  messages = 0;
  malformed = 0;
  namesEvicted = 0;

  constructor(ctx: ModuleContext) {
    this.ctx = ctx;
    this.operations = ctx.store.addTable(new KeyTable('netbios_operation', { initialCapacity: 16 }));
    this.book = nameBookOf(ctx.store);
    this.confirmation = new DetectorConfirmation(ctx.store);
  }

  onPacket(): void {
    // Per message: see onFrame.
  }

  onFrame(pi: PacketInfo, refs: PacketRefs): void {
    const l4 = udpMessageLayer(pi, refs);
    if (l4 < 0) return;
    if (pi.srcPort[l4] !== 137 && pi.dstPort[l4] !== 137) return;
    const d = pi.payloadData, m = this.msg;
    if (parseDnsMessage(d, pi.payloadOffset, pi.payloadLen, m) !== DnsStatus.Ok) {
      this.malformed++;
      return;
    }
    this.messages++;
    this.confirmation.confirm(refs.conn, NETBIOS);
    const e = this.operations.upsert(m.opcode, m.qr, refs.tsUs);
    if (e >= 0) this.operations.addTraffic(e, m.qr === 1 ? Counter.TxPackets : Counter.RxPackets, 1, pi.payloadLen);
    if (m.anCount + m.arCount === 0) return;
    // Only messages that carry records make strings.
    const srcIp = refs.connIp >= 0 && pi.ipVersion[refs.connIp] === 4 ? formatIpv4(pi.ipSrc[refs.connIp * 4 + 3] as number) : null;
    this.learn(d, m, srcIp, refs.tsSec);
  }

  private learn(d: Uint8Array, m: DnsMessage, srcIp: string | null, tsSec: number): void {
    const rr = this.rr;
    const how = m.qr === 1 ? 'response' : nbOpcodeName(m.opcode);
    if (m.qr === 1 && m.rcode !== 0) return;
    let at = m.answersOff;
    const total = m.anCount + m.nsCount + m.arCount;
    for (let i = 0; i < total; i++) {
      const next = readRecord(d, m, at, rr);
      if (next < 0) return;
      at = next;
      if (rr.type === NB_TYPE_NB) {
        const owner = readName(d, m.base, m.end, rr.nameOff);
        const n = owner === null ? null : decodeNetbiosName(owner);
        if (n === null) continue;
        for (const a of nbAddresses(d, rr.rdataOff, rr.rdataLen)) this.note(n, formatIpv4(a.address), a.group, how, tsSec);
      } else if (rr.type === NB_TYPE_NBSTAT && srcIp !== null) {
        for (const n of nbstatNames(d, rr.rdataOff, rr.rdataLen)) this.note(n, srcIp, n.group, 'status', tsSec);
      }
    }
  }

  private note(n: NetbiosName, ip: string, group: boolean, how: string, tsSec: number): void {
    if (n.name === '' || n.name.startsWith('*')) return;
    const key = `${netbiosLabel(n)} ${ip}`;
    let a = this.names.get(key);
    if (a === undefined) {
      a = { name: n.name, suffix: n.suffix, ip, group, how, count: 0, firstSeen: tsSec, lastSeen: tsSec };
      while (this.names.size >= NETBIOS_DEFAULTS.maxNames) {
        this.names.delete(this.names.keys().next().value as string);
        this.namesEvicted++;
      }
    } else this.names.delete(key);
    this.names.set(key, a);
    a.count++;
    a.how = how;
    a.lastSeen = Math.max(a.lastSeen, tsSec);
    if (!group && how !== 'release' && (n.suffix === 0x00 || n.suffix === 0x20) && ip !== '0.0.0.0') this.book.add(ip, n.name, 'netbios', tsSec);
  }

  resource(): Resource {
    const { store } = this.ctx;
    const t = this.operations;
    return {
      kind: 'object', name: 'netbios',
      schema: objectSchema({ messages: int, malformed: int, names: int, namesEvicted: int }),
      get: () => ({ messages: this.messages, malformed: this.malformed, names: this.names.size, namesEvicted: this.namesEvicted }),
      children: [
        {
          kind: 'list', name: 'operations_paged', defaultSort: 'packets',
          schema: withTraffic({ opcode: int, operation: str, response: bool }),
          open: (q) => entityListView({
            table: t, store,
            columns: [{ name: 'opcode', type: 'number', value: (e) => t.keyAOf(e) }, { name: 'operation', type: 'string', value: (e) => nbOpcodeName(t.keyAOf(e)) },
              { name: 'response', type: 'number', value: (e) => t.keyBOf(e) }],
            searchText: (e) => nbOpcodeName(t.keyAOf(e)),
            json: (e) => ({ opcode: t.keyAOf(e), operation: nbOpcodeName(t.keyAOf(e)), response: t.keyBOf(e) === 1 }),
          }, q),
        },
        {
          kind: 'list', name: 'names_paged', defaultSort: 'lastSeen',
          schema: objectSchema({ name: str, suffix: int, label: str, ip: str, group: bool, how: str, count: int, firstSeen: int, lastSeen: int }),
          open: () => rowListView([...this.names.values()], [
            { name: 'name', type: 'string', value: (r) => r.name },
            { name: 'suffix', type: 'number', value: (r) => r.suffix },
            { name: 'ip', type: 'string', value: (r) => r.ip },
            { name: 'how', type: 'string', value: (r) => r.how },
            { name: 'count', type: 'number', value: (r) => r.count },
            { name: 'firstSeen', type: 'number', value: (r) => r.firstSeen },
            { name: 'lastSeen', type: 'number', value: (r) => r.lastSeen },
          ], (r) => `${netbiosLabel(r)} ${r.ip}`, (r) => ({
            name: r.name, suffix: r.suffix, label: netbiosLabel(r), ip: r.ip, group: r.group, how: r.how, count: r.count, firstSeen: r.firstSeen, lastSeen: r.lastSeen,
          })),
        },
      ],
    };
  }
}

export function createNetbiosModule(ctx: ModuleContext): NetbiosModule {
  return new NetbiosModule(ctx);
}
