/**
 * @module modules/mac_protocols
 * Traffic per MAC protocol: the protocol each Ethernet header carries after its VLAN tags (an
 * EtherType, a SNAP protocol id, or an 802.2 LLC DSAP as LLC_BASE + DSAP, as the decoder names
 * it). Every Ethernet header in the tunnel view counts once: a VXLAN frame counts for the outer
 * IPv4 and for the inner frame's protocol, as tshark's eth.type occurrences do.
 */
import type { PacketInfo } from '../../decode/packet-info.js';
import type { PacketRefs } from '../../pipeline/packet-refs.js';
import { KeyTable } from '../../store/key-table.js';
import type { MeasurementModule, ModuleContext, ModuleFactory } from '../module.js';
import type { Resource } from '../resource.js';
import { countKey } from '../l2-shared/resources.js';
import { macProtocolsResource } from './resources.js';

export class MacProtocolsModule implements MeasurementModule {
  readonly name = 'mac_protocols';
  /** Key (protocol, 0): protocol = ethType value of PacketInfo. */
  readonly protocols: KeyTable;

  constructor(readonly ctx: ModuleContext) {
    this.protocols = ctx.store.addTable(new KeyTable('mac_protocols'));
  }

  onPacket(pi: PacketInfo, refs: PacketRefs): void {
    const n = refs.macLayers, table = this.protocols, ts = refs.tsUs, len = refs.bytes;
    for (let r = 0; r < n; r++) countKey(table, pi.ethType[refs.macLayer[r] as number] as number, 0, ts, refs.packets, len);
  }

  resource(): Resource {
    return macProtocolsResource(this);
  }
}

export const createMacProtocolsModule: ModuleFactory = (ctx) => new MacProtocolsModule(ctx);
