/**
 * @module modules/dhcp
 * DHCPv4 and DHCPv6 seen passively (protocols/dhcp): messages per type (with history) and the
 * leases, one per client hardware address (DHCPv6: per client DUID): host name (option 12, or the client FQDN of option 81), vendor class
 * (60), requested and assigned address, lease time, server, last message and state. An assigned
 * address gets the client's host name in the analysis' name book (source "dhcp").
 *
 * Cost: onFrame only for UDP frames with payload on ports 67/68 or 546/547 (a few comparisons); strings
 * only when a lease is updated. Leases are bounded (DHCP_DEFAULTS.maxLeases, least recently seen
 * out). REST: see README.md.
 */
import type { PacketInfo } from '../../decode/packet-info.js';
import type { PacketRefs } from '../../pipeline/packet-refs.js';
import { formatIpv4, formatIpv6, formatMac } from '../../core/addresses.js';
import { Counter } from '../../store/counters.js';
import { KeyTable } from '../../store/key-table.js';
import { nameBookOf, type NameBook } from '../../names/name-book.js';
import { DhcpMessage, DhcpStatus, dhcpTypeName, fqdnText, optionText, parseDhcp } from '../../protocols/dhcp/parse.js';
import { Dhcp6Message, Dhcp6Status, dhcp6Address, dhcp6Duid, dhcp6Fqdn, dhcp6TypeName, dhcp6Vendor, parseDhcp6 } from '../../protocols/dhcp/parse6.js';
import { DetectorConfirmation } from '../../protocols/detector-link.js';
import { protocolIndex } from '../../protocols/registry.js';
import type { MeasurementModule, ModuleContext } from '../module.js';
import type { Resource } from '../resource.js';
import { entityListView } from '../entity-list.js';
import { rowListView } from '../row-list.js';
import { int, nullable, objectSchema, str, withTraffic } from '../traffic-schema.js';
import { udpMessageLayer } from '../l7-shared/udp-message.js';

export const DHCP_DEFAULTS = { maxLeases: 100_000 } as const;
const DHCP = protocolIndex('dhcp'), DHCPV6 = protocolIndex('dhcpv6');

export interface Lease {
  readonly version: 4 | 6;
  /** Client hardware address ('' when a DHCPv6 DUID carries none). */
  readonly mac: string;
  /** DHCPv6 client DUID as hex ('' for DHCPv4). */
  readonly clientId: string;
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
const STATE6: Readonly<Record<number, string>> = { 1: 'discovering', 2: 'offered', 3: 'requesting', 4: 'confirming', 5: 'renewing', 6: 'rebinding', 7: 'bound', 8: 'released', 9: 'declined', 11: 'informing' };

/** Message type name of a (type, version) key of the messages table (version 0 = DHCPv4). */
export function messageName(type: number, version: number): string {
  return version === 6 ? dhcp6TypeName(type) : dhcpTypeName(type);
}

export class DhcpModule implements MeasurementModule {
  readonly name = 'dhcp';
  readonly ctx: ModuleContext;
  /** Messages per type: key (option 53 value, 0); traffic = messages (rx from clients, tx from servers). */
  readonly messages: KeyTable;
  /** Keyed by the client MAC (DHCPv4) or "v6 " + DUID (DHCPv6). */
  readonly leases = new Map<string, Lease>();
  readonly book: NameBook;
  private readonly msg = new DhcpMessage();
  private readonly msg6 = new Dhcp6Message();
  private readonly confirmation: DetectorConfirmation;
  parsed = 0;
  malformed = 0;
  /** Messages without an Ethernet client address (no lease kept). */
  noClientMac = 0;
  leasesEvicted = 0;

  constructor(ctx: ModuleContext) {
    this.ctx = ctx;
    this.messages = ctx.store.addTable(new KeyTable('dhcp_message', { initialCapacity: 16 }));
    this.book = nameBookOf(ctx.store);
    this.confirmation = new DetectorConfirmation(ctx.store);
  }

  onPacket(): void {
    // Per message: see onFrame.
  }

  onFrame(pi: PacketInfo, refs: PacketRefs): void {
    const l4 = udpMessageLayer(pi, refs);
    if (l4 < 0) return;
    const sp = pi.srcPort[l4] as number, dp = pi.dstPort[l4] as number;
    if ((sp === 546 || sp === 547) && (dp === 546 || dp === 547)) {
      this.frame6(pi, refs);
      return;
    }
    if (sp !== 67 && sp !== 68 && dp !== 67 && dp !== 68) return;
    const d = pi.payloadData, m = this.msg;
    const status = parseDhcp(d, pi.payloadOffset, pi.payloadLen, m);
    if (status !== DhcpStatus.Ok) {
      this.malformed++;
      return;
    }
    this.parsed++;
    this.confirmation.confirm(refs.conn, DHCP);
    const e = this.messages.upsert(m.type, 0, refs.tsUs);
    if (e >= 0) this.messages.addTraffic(e, m.op === 2 ? Counter.TxPackets : Counter.RxPackets, 1, pi.payloadLen);
    if (m.chaddr < 0) {
      this.noClientMac++;
      return;
    }
    this.updateLease(d, m, refs.tsSec);
  }

  /** DHCPv6 between ports 546 and 547; relay messages are counted, not unwrapped. */
  private frame6(pi: PacketInfo, refs: PacketRefs): void {
    const d = pi.payloadData, m = this.msg6;
    const status = parseDhcp6(d, pi.payloadOffset, pi.payloadLen, m);
    if (status !== Dhcp6Status.Ok && status !== Dhcp6Status.Relay) {
      this.malformed++;
      return;
    }
    this.parsed++;
    this.confirmation.confirm(refs.conn, DHCPV6);
    const fromServer = m.type === 2 || m.type === 7 || m.type === 10 || m.type === 13;
    const e = this.messages.upsert(m.type, 6, refs.tsUs);
    if (e >= 0) this.messages.addTraffic(e, fromServer ? Counter.TxPackets : Counter.RxPackets, 1, pi.payloadLen);
    if (status === Dhcp6Status.Relay || m.duidOff < 0) return;
    const duid = dhcp6Duid(d, m), tsSec = refs.tsSec;
    const lease = this.lease(`v6 ${duid}`, () => this.newLease(6, m.mac < 0 ? '' : formatMac(m.mac), duid, tsSec), tsSec);
    lease.lastType = dhcp6TypeName(m.type);
    const state = STATE6[m.type];
    if (state !== undefined) lease.state = state;
    if (!fromServer) {
      const host = dhcp6Fqdn(d, m);
      if (host !== '') lease.hostname = host;
      const vendor = dhcp6Vendor(d, m);
      if (vendor !== '') lease.vendorClass = vendor;
      if (m.addrOff >= 0) lease.requested = dhcp6Address(d, m);
      if (m.type === 8) lease.assigned = '';
    } else if (m.type === 7) {
      const ci = refs.connIp;
      if (ci >= 0 && pi.ipVersion[ci] === 6) {
        const w = ci * 4;
        lease.server = formatIpv6(pi.ipSrc[w] as number, pi.ipSrc[w + 1] as number, pi.ipSrc[w + 2] as number, pi.ipSrc[w + 3] as number);
      }
      if (m.addrOff >= 0) {
        lease.assigned = dhcp6Address(d, m);
        lease.leaseSec = m.validSec;
      }
    }
    if (lease.assigned !== '' && lease.hostname !== '') this.book.add(lease.assigned, lease.hostname, 'dhcp', tsSec);
  }

  private newLease(version: 4 | 6, mac: string, clientId: string, tsSec: number): Lease {
    return { version, mac, clientId, hostname: '', vendorClass: '', requested: '', assigned: '', server: '', leaseSec: -1, lastType: '', state: '', messages: 0, firstSeen: tsSec, lastSeen: tsSec };
  }

  /** The lease of `key` (made by `make` when new), as the most recently seen one. */
  private lease(key: string, make: () => Lease, tsSec: number): Lease {
    let lease = this.leases.get(key);
    if (lease === undefined) {
      lease = make();
      while (this.leases.size >= DHCP_DEFAULTS.maxLeases) {
        this.leases.delete(this.leases.keys().next().value as string);
        this.leasesEvicted++;
      }
    } else this.leases.delete(key);
    this.leases.set(key, lease);
    lease.messages++;
    lease.lastSeen = Math.max(lease.lastSeen, tsSec);
    return lease;
  }

  private updateLease(d: Uint8Array, m: DhcpMessage, tsSec: number): void {
    const mac = formatMac(m.chaddr);
    const lease = this.lease(mac, () => this.newLease(4, mac, '', tsSec), tsSec);
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
      version: int, mac: str, clientId: str, hostname: str, vendorClass: str, requested: str, assigned: str, server: str, leaseSec: nullable(int), lastType: str, state: str, messages: int, firstSeen: int, lastSeen: int,
    });
    return {
      kind: 'object', name: 'dhcp',
      schema: objectSchema({ messages: int, malformed: int, leases: int, leasesEvicted: int, noClientMac: int }),
      get: () => ({ messages: this.parsed, malformed: this.malformed, leases: this.leases.size, leasesEvicted: this.leasesEvicted, noClientMac: this.noClientMac }),
      children: [
        {
          kind: 'list', name: 'messages_paged', defaultSort: 'packets',
          schema: withTraffic({ version: int, type: int, name: str }),
          open: (q) => entityListView({
            table: t, store,
            columns: [{ name: 'version', type: 'number', value: (e) => (t.keyBOf(e) === 6 ? 6 : 4) }, { name: 'type', type: 'number', value: (e) => t.keyAOf(e) },
              { name: 'name', type: 'string', value: (e) => messageName(t.keyAOf(e), t.keyBOf(e)) }],
            searchText: (e) => messageName(t.keyAOf(e), t.keyBOf(e)),
            json: (e) => ({ version: t.keyBOf(e) === 6 ? 6 : 4, type: t.keyAOf(e), name: messageName(t.keyAOf(e), t.keyBOf(e)) }),
          }, q),
        },
        {
          kind: 'list', name: 'leases_paged', defaultSort: 'lastSeen', schema: leaseSchema,
          open: () => rowListView([...this.leases.values()], [
            { name: 'version', type: 'number', value: (r) => r.version },
            { name: 'mac', type: 'string', value: (r) => r.mac },
            { name: 'clientId', type: 'string', value: (r) => r.clientId },
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
          ], (r) => `${r.mac} ${r.clientId} ${r.hostname} ${r.assigned} ${r.requested} ${r.vendorClass}`, (r) => ({
            version: r.version, mac: r.mac, clientId: r.clientId, hostname: r.hostname, vendorClass: r.vendorClass, requested: r.requested, assigned: r.assigned, server: r.server,
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
