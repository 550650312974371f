/**
 * @module modules/dhcp
 * DHCPv4 seen passively (protocols/dhcp): messages per type (with history) and the leases, one per
 * client hardware address: host name (option 12, or the client FQDN of option 81), vendor class
 * (60), requested and assigned address, lease time, server, last message and state. An assigned
 * address gets the client's host name in the analysis' name book (source "dhcp").
 *
 * Cost: onFrame only for UDP frames with payload on port 67 or 68 (one comparison each); strings
 * only when a lease is updated. Leases are bounded (DHCP_DEFAULTS.maxLeases, least recently seen
 * out). REST: see README.md.
 */
import type { PacketInfo } from '../../decode/packet-info.js';
import type { PacketRefs } from '../../pipeline/packet-refs.js';
import { formatIpv4, formatMac } from '../../core/addresses.js';
import { Counter } from '../../store/counters.js';
import { KeyTable } from '../../store/key-table.js';
import { nameBookOf, type NameBook } from '../../names/name-book.js';
import { DhcpMessage, DhcpStatus, dhcpTypeName, fqdnText, optionText, parseDhcp } from '../../protocols/dhcp/parse.js';
import type { MeasurementModule, ModuleContext } from '../module.js';
import type { Resource } from '../resource.js';
import { entityListView } from '../entity-list.js';
import { rowListView } from '../row-list.js';
import { int, nullable, objectSchema, str, withTraffic } from '../traffic-schema.js';

export const DHCP_DEFAULTS = { maxLeases: 100_000 } as const;

export interface Lease {
  readonly mac: string;
  hostname: string;
  vendorClass: string;
  requested: string;
  assigned: string;
  server: string;
  leaseSec: number;
  lastType: string;
  state: string;
  messages: number;
  readonly firstSeen: number;
  lastSeen: number;
}

const STATE: Readonly<Record<number, string>> = { 1: 'discovering', 2: 'offered', 3: 'requesting', 4: 'declined', 5: 'bound', 6: 'refused', 7: 'released', 8: 'informing' };

export class DhcpModule implements MeasurementModule {
  readonly name = 'dhcp';
  readonly ctx: ModuleContext;
  /** Messages per type: key (option 53 value, 0); traffic = messages (rx from clients, tx from servers). */
  readonly messages: KeyTable;
  readonly leases = new Map<number, Lease>();
  readonly book: NameBook;
  private readonly msg = new DhcpMessage();
  parsed = 0;
  malformed = 0;
  /** Messages without an Ethernet client address (no lease kept). */
  noClientMac = 0;
  leasesEvicted = 0;

  constructor(ctx: ModuleContext) {
    this.ctx = ctx;
    this.messages = ctx.store.addTable(new KeyTable('dhcp_message', { initialCapacity: 16 }));
    this.book = nameBookOf(ctx.store);
  }

  onPacket(): void {
    // Per message: see onFrame.
  }

  onFrame(pi: PacketInfo, refs: PacketRefs): void {
    const l4 = refs.connL4;
    if (refs.conn < 0 || pi.payloadLen === 0 || l4 !== pi.l4Count - 1 || pi.l4Proto[l4] !== 17) return;
    const sp = pi.srcPort[l4] as number, dp = pi.dstPort[l4] as number;
    if (sp !== 67 && sp !== 68 && dp !== 67 && dp !== 68) return;
    const d = pi.payloadData, m = this.msg;
    const status = parseDhcp(d, pi.payloadOffset, pi.payloadLen, m);
    if (status !== DhcpStatus.Ok) {
      this.malformed++;
      return;
    }
    this.parsed++;
    const e = this.messages.upsert(m.type, 0, refs.tsUs);
    if (e >= 0) this.messages.addTraffic(e, m.op === 2 ? Counter.TxPackets : Counter.RxPackets, 1, pi.payloadLen);
    if (m.chaddr < 0) {
      this.noClientMac++;
      return;
    }
    this.updateLease(d, m, refs.tsSec);
  }

  private updateLease(d: Uint8Array, m: DhcpMessage, tsSec: number): void {
    let lease = this.leases.get(m.chaddr);
    if (lease === undefined) {
      lease = { mac: formatMac(m.chaddr), hostname: '', vendorClass: '', requested: '', assigned: '', server: '', leaseSec: -1, lastType: '', state: '', messages: 0, firstSeen: tsSec, lastSeen: tsSec };
      while (this.leases.size >= DHCP_DEFAULTS.maxLeases) {
        this.leases.delete(this.leases.keys().next().value as number);
        this.leasesEvicted++;
      }
    } else this.leases.delete(m.chaddr);
    this.leases.set(m.chaddr, lease);
    lease.messages++;
    lease.lastSeen = Math.max(lease.lastSeen, tsSec);
    lease.lastType = dhcpTypeName(m.type);
    const state = STATE[m.type];
    if (state !== undefined) lease.state = state;
    if (m.op === 1) {
      const host = m.hostLen > 0 ? optionText(d, m.hostOff, m.hostLen) : fqdnText(d, m);
      if (host !== '') lease.hostname = host;
      if (m.vendorLen > 0) lease.vendorClass = optionText(d, m.vendorOff, m.vendorLen);
      if (m.requested !== 0) lease.requested = formatIpv4(m.requested);
      if (m.type === 7) lease.assigned = '';
    } else {
      if (m.serverId !== 0) lease.server = formatIpv4(m.serverId);
      if (m.leaseSec >= 0) lease.leaseSec = m.leaseSec;
      // An Ack (or a BOOTP reply) assigns yiaddr.
      if ((m.type === 5 || m.type === 0) && m.yiaddr !== 0) lease.assigned = formatIpv4(m.yiaddr);
    }
    if (lease.assigned !== '' && lease.hostname !== '') this.book.add(lease.assigned, lease.hostname, 'dhcp', tsSec);
  }

  resource(): Resource {
    const { store } = this.ctx;
    const t = this.messages;
    const leaseSchema = objectSchema({
      mac: str, hostname: str, vendorClass: str, requested: str, assigned: str, server: str, leaseSec: nullable(int), lastType: str, state: str, messages: int, firstSeen: int, lastSeen: int,
    });
    return {
      kind: 'object', name: 'dhcp',
      schema: objectSchema({ messages: int, malformed: int, leases: int, leasesEvicted: int, noClientMac: int }),
      get: () => ({ messages: this.parsed, malformed: this.malformed, leases: this.leases.size, leasesEvicted: this.leasesEvicted, noClientMac: this.noClientMac }),
      children: [
        {
          kind: 'list', name: 'messages_paged', defaultSort: 'packets',
          schema: withTraffic({ type: int, name: str }),
          open: (q) => entityListView({
            table: t, store,
            columns: [{ name: 'type', type: 'number', value: (e) => t.keyAOf(e) }, { name: 'name', type: 'string', value: (e) => dhcpTypeName(t.keyAOf(e)) }],
            searchText: (e) => dhcpTypeName(t.keyAOf(e)),
            json: (e) => ({ type: t.keyAOf(e), name: dhcpTypeName(t.keyAOf(e)) }),
          }, q),
        },
        {
          kind: 'list', name: 'leases_paged', defaultSort: 'lastSeen', schema: leaseSchema,
          open: () => rowListView([...this.leases.values()], [
            { name: 'mac', type: 'string', value: (r) => r.mac },
            { name: 'hostname', type: 'string', value: (r) => r.hostname },
            { name: 'vendorClass', type: 'string', value: (r) => r.vendorClass },
            { name: 'requested', type: 'string', value: (r) => r.requested },
            { name: 'assigned', type: 'string', value: (r) => r.assigned },
            { name: 'server', type: 'string', value: (r) => r.server },
            { name: 'leaseSec', type: 'number', value: (r) => r.leaseSec },
            { name: 'state', type: 'string', value: (r) => r.state },
            { name: 'messages', type: 'number', value: (r) => r.messages },
            { name: 'firstSeen', type: 'number', value: (r) => r.firstSeen },
            { name: 'lastSeen', type: 'number', value: (r) => r.lastSeen },
          ], (r) => `${r.mac} ${r.hostname} ${r.assigned} ${r.requested} ${r.vendorClass}`, (r) => ({
            mac: r.mac, hostname: r.hostname, vendorClass: r.vendorClass, requested: r.requested, assigned: r.assigned, server: r.server,
            leaseSec: r.leaseSec < 0 ? null : r.leaseSec, lastType: r.lastType, state: r.state, messages: r.messages, firstSeen: r.firstSeen, lastSeen: r.lastSeen,
          })),
        },
      ],
    };
  }
}

export function createDhcpModule(ctx: ModuleContext): DhcpModule {
  return new DhcpModule(ctx);
}
