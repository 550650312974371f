/**
 * @module modules/packet_size
 * Distribution of frame sizes: packets and bytes per size bucket (buckets.ts), with history. Every
 * frame counts once, whatever its tunnels.
 */
import type { PacketInfo } from '../../decode/packet-info.js';
import type { PacketRefs } from '../../pipeline/packet-refs.js';
import { KeyTable } from '../../store/key-table.js';
import type { MeasurementModule, ModuleContext, ModuleFactory } from '../module.js';
import type { Resource } from '../resource.js';
import { countKey } from '../l2-shared/resources.js';
import { bucketOf } from './buckets.js';
import { packetSizeResource } from './resources.js';

export class PacketSizeModule implements MeasurementModule {
  readonly name = 'packet_size';
  /** Key (bucket index, 0). */
  readonly buckets: KeyTable;
  /** Smallest and largest frame seen (-1 before any). */
  minLen = -1;
  maxLen = -1;

  constructor(readonly ctx: ModuleContext) {
    this.buckets = ctx.store.addTable(new KeyTable('packet_size'));
  }

  onPacket(): void {
    // Sizes are per frame: see onFrame.
  }

  onFrame(_pi: PacketInfo, refs: PacketRefs): void {
    const len = refs.wireLen;
    countKey(this.buckets, bucketOf(len), 0, refs.tsUs, 1, len);
    if (this.minLen < 0 || len < this.minLen) this.minLen = len;
    if (len > this.maxLen) this.maxLen = len;
  }

  resource(): Resource {
    return packetSizeResource(this);
  }
}

export const createPacketSizeModule: ModuleFactory = (ctx) => new PacketSizeModule(ctx);
