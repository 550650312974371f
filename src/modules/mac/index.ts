/**
 * @module modules/mac
 * Per MAC address, on top of the core MAC table (counters, first/last activity): peers (the MACs
 * it exchanged frames with), protocols (EtherTypes it sent and received), IPs seen (source MAC ↔
 * source IP of its frames), VLANs seen (outermost tag of frames it sent or received), vendor (IEEE
 * OUI list, oui.ts); and global unicast/broadcast/multicast totals by destination address.
 *
 * Every relation is a pair table keyed by the MAC's entity id; pairs go with the MAC when the
 * store evicts it. Peers are stored once per side ((a, b) and (b, a)), so each MAC's peer list
 * reads its own direction: tx = frames this MAC sent to the peer.
 *
 * Which Ethernet headers count follows the tunnel view (PacketRefs.macLayers). The IP of a MAC is
 * the outermost IP header of a frame with one Ethernet header; with tunnelled Ethernet, the
 * innermost Ethernet header and the innermost IP header, when that Ethernet header carries IP.
 */
import type { PacketInfo } from '../../decode/packet-info.js';
import type { PacketRefs } from '../../pipeline/packet-refs.js';
import { Counter } from '../../store/counters.js';
import { KeyTable } from '../../store/key-table.js';
import { PairTable } from '../../store/pair-table.js';
import type { MeasurementModule, ModuleContext, ModuleFactory } from '../module.js';
import type { Resource } from '../resource.js';
import { countKey } from '../l2-shared/resources.js';
import { addressClassOf } from './address-class.js';
import { macResource } from './resources.js';
import { ipMacsResource } from './ip-macs.js';

const IPV4 = 0x0800, IPV6 = 0x86dd;

function credit(t: KeyTable, a: number, b: number, slot: number, refs: PacketRefs): void {
  const e = t.upsert(a, b, refs.tsUs);
  if (e >= 0) t.addTraffic(e, slot, refs.packets, refs.bytes);
}

export class MacModule implements MeasurementModule {
  readonly name = 'mac';
  /** (MAC, peer MAC), both orientations; counters from the first MAC's side. */
  readonly peers: PairTable;
  /** (MAC, ethType): tx = sent with that protocol, rx = received. */
  readonly protocols: PairTable;
  /** (MAC, IP): frames the MAC sent with that source IP (tx). */
  readonly ips: PairTable;
  /** (MAC, VLAN id of the outermost tag): tx = sent, rx = received. */
  readonly vlans: PairTable;
  /** Key (AddressClass, 0): frames by destination class. */
  readonly classes: KeyTable;

  constructor(readonly ctx: ModuleContext) {
    const store = ctx.store, macs = ctx.core.macs;
    this.peers = store.addTable(new PairTable('mac.peers', macs, macs));
    this.protocols = store.addTable(new PairTable('mac.protocols', macs, null));
    this.ips = store.addTable(new PairTable('mac.ips', macs, ctx.core.ips));
    this.vlans = store.addTable(new PairTable('mac.vlans', macs, null));
    this.classes = store.addTable(new KeyTable('mac.classes'));
    ctx.ipChildren.push((ip) => ipMacsResource(this.ips, macs, store, ip));
  }

  onPacket(pi: PacketInfo, refs: PacketRefs): void {
    const n = refs.macLayers;
    if (n === 0) return;
    const ts = refs.tsUs, len = refs.bytes;
    for (let r = 0; r < n; r++) {
      const layer = refs.macLayer[r] as number, s = refs.macSrc[r] as number, d = refs.macDst[r] as number;
      countKey(this.classes, addressClassOf(pi.ethDst[layer] as number), 0, ts, refs.packets, len);
      const type = pi.ethType[layer] as number;
      if (s >= 0) credit(this.protocols, s, type, Counter.TxPackets, refs);
      if (d >= 0) credit(this.protocols, d, type, Counter.RxPackets, refs);
      if (s >= 0 && d >= 0) {
        credit(this.peers, s, d, Counter.TxPackets, refs);
        if (d !== s) credit(this.peers, d, s, Counter.RxPackets, refs);
      }
      if (layer === 0 && pi.vlanCount > 0) {
        const vid = pi.vlanId[0] as number;
        if (s >= 0) credit(this.vlans, s, vid, Counter.TxPackets, refs);
        if (d >= 0) credit(this.vlans, d, vid, Counter.RxPackets, refs);
      }
    }
    if (refs.ipLayers > 0) this.macIp(pi, refs);
  }

  /** Source MAC ↔ source IP of the IP header the Ethernet header carries. */
  private macIp(pi: PacketInfo, refs: PacketRefs): void {
    let ethLayer = 0, ipLayer = 0;
    if (pi.ethCount > 1) {
      ethLayer = pi.ethCount - 1;
      ipLayer = pi.ipCount - 1;
      const t = pi.ethType[ethLayer] as number;
      if (ipLayer < 1 || (t !== IPV4 && t !== IPV6)) return;
    }
    let mac = -1, ip = -1;
    for (let r = 0; r < refs.macLayers; r++) if (refs.macLayer[r] === ethLayer) mac = refs.macSrc[r] as number;
    for (let r = 0; r < refs.ipLayers; r++) if (refs.ipLayer[r] === ipLayer) ip = refs.ipSrc[r] as number;
    if (mac >= 0 && ip >= 0) credit(this.ips, mac, ip, Counter.TxPackets, refs);
  }

  resource(): Resource {
    return macResource(this);
  }
}

export const createMacModule: ModuleFactory = (ctx) => new MacModule(ctx);
