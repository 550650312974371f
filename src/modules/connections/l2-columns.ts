/**
 * @module modules/connections/l2-columns
 * What a connection looked like below L3, per real frame: outer and inner VLAN, PPPoE session,
 * top MPLS label, IP DSCP per direction (TCP RSTs left out: they often carry another class), the
 * capture interface, and the MTU (largest IP packet) per direction. A value that changes during
 * the connection keeps the latest and marks it `changed`, as the appliance's connection table does.
 * 18 bytes per connection.
 */
import type { PacketInfo } from '../../decode/packet-info.js';
import type { ConnectionTable } from '../../flow/connection-table.js';
import type { PacketRefs } from '../../pipeline/packet-refs.js';
import type { EntityListener } from '../../store/entity-table.js';
import { resized } from '../../store/resize.js';
import { dscpName } from '../ip/dscp.js';
import type { EntityColumn } from '../entity-list.js';
import type { JsonObject, JsonSchema } from '../resource.js';
import { bool, int, nullable, objectSchema, str } from '../traffic-schema.js';
import { clientIsA, type ConnectionExtension } from './connection-list.js';

const Changed = { Vlan: 1, Pppoe: 2, Mpls: 4, DscpA: 8, DscpB: 16, Interface: 32 } as const;
const TCP_RST = 0x04;

const dscpSchema = nullable(objectSchema({ dscp: int, class: str, changed: bool }));
const perDirection = (s: JsonSchema): JsonSchema => objectSchema({ clientToServer: s, serverToClient: s });

/** The fields ConnectionL2.json adds to a connection (null: not seen on this connection). */
export const CONNECTION_L2_SCHEMA: Readonly<Record<string, JsonSchema>> = {
  vlans: objectSchema({ outer: nullable(int), inner: nullable(int), changed: bool }),
  pppoeSession: objectSchema({ id: nullable(int), changed: bool }),
  mplsLabel: objectSchema({ top: nullable(int), changed: bool }),
  qos: perDirection(dscpSchema),
  mtu: perDirection(int),
  interface: objectSchema({ id: nullable(int), changed: bool }),
};

export class ConnectionL2 implements EntityListener, ConnectionExtension {
  /** Value + 1 (0: none seen). */
  private vlanOuter = new Uint16Array(0);
  private vlanInner = new Uint16Array(0);
  /** Session + 1 (0xFFFF, reserved by RFC 2516, is kept as 0xFFFF). */
  private pppoe = new Uint16Array(0);
  private mpls = new Uint32Array(0);
  /** Per direction (e * 2 + 0: sent by side A). */
  private dscp = new Uint8Array(0);
  private mtu = new Uint16Array(0);
  private iface = new Uint8Array(0);
  private changed = new Uint8Array(0);
  readonly columns: readonly EntityColumn[];
  readonly schema = CONNECTION_L2_SCHEMA;

  static readonly BYTES_PER_ENTITY = 2 + 2 + 2 + 4 + 2 + 4 + 1 + 1;

  constructor(private readonly t: ConnectionTable) {
    t.listen(this);
    t.declareBytesPerEntity(ConnectionL2.BYTES_PER_ENTITY);
    const opt = (v: number): number => (v === 0 ? Number.NaN : v - 1);
    this.columns = [
      { name: 'outerVlan', type: 'number', value: (e) => opt(this.vlanOuter[e] as number) },
      { name: 'innerVlan', type: 'number', value: (e) => opt(this.vlanInner[e] as number) },
      { name: 'pppoeSession', type: 'number', value: (e) => opt(this.pppoe[e] as number) },
      { name: 'mplsLabel', type: 'number', value: (e) => opt(this.mpls[e] as number) },
      { name: 'dscpC2s', type: 'number', value: (e) => opt(this.dscp[this.dir(e, true)] as number) },
      { name: 'dscpS2c', type: 'number', value: (e) => opt(this.dscp[this.dir(e, false)] as number) },
      { name: 'mtuC2s', type: 'number', value: (e) => this.mtu[this.dir(e, true)] as number },
      { name: 'mtuS2c', type: 'number', value: (e) => this.mtu[this.dir(e, false)] as number },
      { name: 'interface', type: 'number', value: (e) => opt(this.iface[e] as number) },
    ];
  }

  resize(capacity: number): void {
    this.vlanOuter = resized(this.vlanOuter, capacity);
    this.vlanInner = resized(this.vlanInner, capacity);
    this.pppoe = resized(this.pppoe, capacity);
    this.mpls = resized(this.mpls, capacity);
    this.dscp = resized(this.dscp, capacity * 2);
    this.mtu = resized(this.mtu, capacity * 2);
    this.iface = resized(this.iface, capacity);
    this.changed = resized(this.changed, capacity);
  }

  reset(e: number): void {
    this.vlanOuter[e] = 0;
    this.vlanInner[e] = 0;
    this.pppoe[e] = 0;
    this.mpls[e] = 0;
    this.dscp[e * 2] = 0;
    this.dscp[e * 2 + 1] = 0;
    this.mtu[e * 2] = 0;
    this.mtu[e * 2 + 1] = 0;
    this.iface[e] = 0;
    this.changed[e] = 0;
  }

  evicted(): void {
    // reset() clears an id when it is reused.
  }

  /** One real frame of connection refs.conn. */
  onFrame(pi: PacketInfo, refs: PacketRefs): void {
    const e = refs.conn;
    if (e < 0) return;
    const k = e * 2 + (refs.connFromA ? 0 : 1);
    let changed = this.changed[e] as number;
    // The connection's first frame sets the values; a later difference is a change.
    const first = (this.t.counters[e * 4] as number) + (this.t.counters[e * 4 + 2] as number) <= 1;
    const outer = pi.vlanCount > 0 ? (pi.vlanId[0] as number) + 1 : 0, inner = pi.vlanCount > 1 ? (pi.vlanId[1] as number) + 1 : 0;
    if (outer !== this.vlanOuter[e] || inner !== this.vlanInner[e]) {
      if (!first) changed |= Changed.Vlan;
      this.vlanOuter[e] = outer;
      this.vlanInner[e] = inner;
    }
    const session = pi.pppoeSession >= 0 ? Math.min(pi.pppoeSession + 1, 0xffff) : 0;
    if (session !== this.pppoe[e]) {
      if (!first) changed |= Changed.Pppoe;
      this.pppoe[e] = session;
    }
    const label = pi.mplsCount > 0 ? (pi.mplsLabel[0] as number) + 1 : 0;
    if (label !== this.mpls[e]) {
      if (!first) changed |= Changed.Mpls;
      this.mpls[e] = label;
    }
    const iface = Math.min(254, pi.interfaceId) + 1;
    if (iface !== this.iface[e]) {
      if (!first) changed |= Changed.Interface;
      this.iface[e] = iface;
    }
    const ip = refs.connIp;
    if (ip >= 0) {
      const len = pi.ipTotalLen[ip] as number;
      if (len > (this.mtu[k] as number)) this.mtu[k] = Math.min(len, 65535);
      if (pi.tcpFlags < 0 || (pi.tcpFlags & TCP_RST) === 0) {
        const dscp = ((pi.ipTos[ip] as number) >>> 2) + 1, before = this.dscp[k] as number;
        if (dscp !== before) {
          if (before !== 0) changed |= refs.connFromA ? Changed.DscpA : Changed.DscpB;
          this.dscp[k] = dscp;
        }
      }
    }
    this.changed[e] = changed;
  }

  private dir(e: number, toServer: boolean): number {
    return e * 2 + ((clientIsA(this.t, e) === 1) === toServer ? 0 : 1);
  }

  json(e: number): JsonObject {
    const c = this.changed[e] as number;
    const opt = (v: number): number | null => (v === 0 ? null : v - 1);
    const dscpOf = (toServer: boolean): JsonObject | null => {
      const k = this.dir(e, toServer), v = opt(this.dscp[k] as number);
      const sentByA = (k & 1) === 0;
      return v === null ? null : { dscp: v, class: dscpName(v), changed: (c & (sentByA ? Changed.DscpA : Changed.DscpB)) !== 0 };
    };
    return {
      vlans: { outer: opt(this.vlanOuter[e] as number), inner: opt(this.vlanInner[e] as number), changed: (c & Changed.Vlan) !== 0 },
      pppoeSession: { id: opt(this.pppoe[e] as number), changed: (c & Changed.Pppoe) !== 0 },
      mplsLabel: { top: opt(this.mpls[e] as number), changed: (c & Changed.Mpls) !== 0 },
      qos: { clientToServer: dscpOf(true), serverToClient: dscpOf(false) },
      mtu: { clientToServer: this.mtu[this.dir(e, true)] as number, serverToClient: this.mtu[this.dir(e, false)] as number },
      interface: { id: opt(this.iface[e] as number), changed: (c & Changed.Interface) !== 0 },
    };
  }
}
