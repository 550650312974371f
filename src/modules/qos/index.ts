/**
 * @module modules/qos
 * Traffic per QoS mark: IP DSCP (every IP header in the tunnel view counts the frame under its
 * DSCP, as the core counts IP headers), VLAN PCP (the frame's outermost tag) and MPLS TC (the
 * outermost label). Frames without the mark are not counted under that kind.
 */
import type { PacketInfo } from '../../decode/packet-info.js';
import type { PacketRefs } from '../../pipeline/packet-refs.js';
import { KeyTable } from '../../store/key-table.js';
import type { MeasurementModule, ModuleContext, ModuleFactory } from '../module.js';
import type { Resource } from '../resource.js';
import { countKey } from '../l2-shared/resources.js';
import { QosKind } from './kinds.js';
import { qosResource } from './resources.js';

export { QosKind } from './kinds.js';

export class QosModule implements MeasurementModule {
  readonly name = 'qos';
  /** Key (QosKind, value). */
  readonly marks: KeyTable;

  constructor(readonly ctx: ModuleContext) {
    this.marks = ctx.store.addTable(new KeyTable('qos'));
  }

  onPacket(pi: PacketInfo, refs: PacketRefs): void {
    const t = this.marks, ts = refs.tsUs, len = refs.bytes;
    for (let r = 0; r < refs.ipLayers; r++) {
      countKey(t, QosKind.Dscp, (pi.ipTos[refs.ipLayer[r] as number] as number) >> 2, ts, refs.packets, len);
    }
    if (pi.vlanCount > 0) countKey(t, QosKind.Pcp, pi.vlanPcp[0] as number, ts, refs.packets, len);
    if (pi.mplsCount > 0) countKey(t, QosKind.MplsTc, pi.mplsTc[0] as number, ts, refs.packets, len);
  }

  resource(): Resource {
    return qosResource(this);
  }
}

export const createQosModule: ModuleFactory = (ctx) => new QosModule(ctx);
