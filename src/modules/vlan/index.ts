/**
 * @module modules/vlan
 * Traffic per VLAN: every tag of a frame counts the frame once under (depth, id), so the outer and
 * the inner tag of a QinQ frame are kept apart; untagged frames count under "none". The MACs and
 * IPs seen in each tagged VLAN are kept as pairs (VLAN, MAC) and (VLAN, IP) of the outermost
 * Ethernet and IP headers in the tunnel view; they go when the VLAN, the MAC or the IP is evicted.
 *
 * Tags of tunnelled Ethernet headers (inside VXLAN, GRE …) are in the frame's tag list too, after
 * the outer header's tags: their depth is their position in that list.
 */
import type { PacketInfo } from '../../decode/packet-info.js';
import type { PacketRefs } from '../../pipeline/packet-refs.js';
import { KeyTable } from '../../store/key-table.js';
import { PairTable } from '../../store/pair-table.js';
import type { MeasurementModule, ModuleContext, ModuleFactory } from '../module.js';
import type { Resource } from '../resource.js';
import { countKey } from '../l2-shared/resources.js';
import { UNTAGGED } from './vlan-keys.js';
import { vlanResource } from './resources.js';

export class VlanModule implements MeasurementModule {
  readonly name = 'vlan';
  /** Key (depth, VLAN id); (UNTAGGED, 0) for untagged frames. */
  readonly vlans: KeyTable;
  /** (VLAN entity, MAC entity). */
  readonly macs: PairTable;
  /** (VLAN entity, IP entity). */
  readonly ips: PairTable;

  constructor(readonly ctx: ModuleContext) {
    const store = ctx.store;
    this.vlans = store.addTable(new KeyTable('vlan'));
    this.macs = store.addTable(new PairTable('vlan.macs', this.vlans, ctx.core.macs));
    this.ips = store.addTable(new PairTable('vlan.ips', this.vlans, ctx.core.ips));
  }

  onPacket(pi: PacketInfo, refs: PacketRefs): void {
    const n = pi.vlanCount, ts = refs.tsUs, len = refs.bytes;
    if (n === 0) {
      countKey(this.vlans, UNTAGGED, 0, ts, refs.packets, len);
      return;
    }
    const macS = refs.macLayers > 0 ? (refs.macSrc[0] as number) : -1;
    const macD = refs.macLayers > 0 ? (refs.macDst[0] as number) : -1;
    const ipS = refs.ipLayers > 0 ? (refs.ipSrc[0] as number) : -1;
    const ipD = refs.ipLayers > 0 ? (refs.ipDst[0] as number) : -1;
    for (let i = 0; i < n; i++) {
      const v = countKey(this.vlans, i, pi.vlanId[i] as number, ts, refs.packets, len);
      if (v < 0) continue;
      if (macS >= 0) this.macs.upsert(v, macS, ts);
      if (macD >= 0) this.macs.upsert(v, macD, ts);
      if (ipS >= 0) this.ips.upsert(v, ipS, ts);
      if (ipD >= 0) this.ips.upsert(v, ipD, ts);
    }
  }

  resource(): Resource {
    return vlanResource(this);
  }
}

export const createVlanModule: ModuleFactory = (ctx) => new VlanModule(ctx);
