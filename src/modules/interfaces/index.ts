/**
 * @module modules/interfaces
 * Per capture interface (PacketRefs.interfaceId: the pcapng interface, 0 for classic pcap):
 * packets, bytes and their per-second history (the load). Drops stay 0 until live capture exists:
 * a capture file records no drops per packet.
 */
import type { PacketInfo } from '../../decode/packet-info.js';
import type { PacketRefs } from '../../pipeline/packet-refs.js';
import { KeyTable } from '../../store/key-table.js';
import type { MeasurementModule, ModuleContext, ModuleFactory } from '../module.js';
import type { Resource } from '../resource.js';
import { countKey } from '../l2-shared/resources.js';
import { interfacesResource } from './resources.js';

export class InterfacesModule implements MeasurementModule {
  readonly name = 'interfaces';
  /** Key (interface id, 0). */
  readonly interfaces: KeyTable;

  constructor(readonly ctx: ModuleContext) {
    this.interfaces = ctx.store.addTable(new KeyTable('interfaces'));
  }

  onPacket(_pi: PacketInfo, refs: PacketRefs): void {
    countKey(this.interfaces, refs.interfaceId, 0, refs.tsUs, refs.packets, refs.bytes);
  }

  resource(): Resource {
    return interfacesResource(this);
  }
}

export const createInterfacesModule: ModuleFactory = (ctx) => new InterfacesModule(ctx);
