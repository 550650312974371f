/**
 * @module modules/mpls
 * Traffic per MPLS label: each labelled frame counts under its top label (`labels`) and, when the
 * stack has two labels or more, under its top two labels (`stacks`, outer then inner).
 */
import type { PacketInfo } from '../../decode/packet-info.js';
import type { PacketRefs } from '../../pipeline/packet-refs.js';
import { KeyTable } from '../../store/key-table.js';
import type { MeasurementModule, ModuleContext, ModuleFactory } from '../module.js';
import type { Resource } from '../resource.js';
import { countKey } from '../l2-shared/resources.js';
import { SINGLE } from './keys.js';
import { mplsResource } from './resources.js';

export class MplsModule implements MeasurementModule {
  readonly name = 'mpls';
  /** Key (top label, SINGLE) for labels, (top label, second label) for two-label stacks. */
  readonly labels: KeyTable;
  /** Frames with a label stack, and their deepest stack. */
  labelledFrames = 0;
  deepestStack = 0;

  constructor(readonly ctx: ModuleContext) {
    this.labels = ctx.store.addTable(new KeyTable('mpls'));
  }

  onPacket(pi: PacketInfo, refs: PacketRefs): void {
    const n = pi.mplsCount;
    if (n === 0) return;
    this.labelledFrames += refs.packets;
    if (n > this.deepestStack) this.deepestStack = n;
    const top = pi.mplsLabel[0] as number;
    countKey(this.labels, top, SINGLE, refs.tsUs, refs.packets, refs.bytes);
    if (n >= 2) countKey(this.labels, top, pi.mplsLabel[1] as number, refs.tsUs, refs.packets, refs.bytes);
  }

  resource(): Resource {
    return mplsResource(this);
  }
}

export const createMplsModule: ModuleFactory = (ctx) => new MplsModule(ctx);
