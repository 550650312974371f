/**
 * @module source/batch
 * The reusable PacketBatch every source fills. Its typed arrays grow by doubling and are then reused
 * for every following batch, so steady-state reading allocates nothing per packet or per batch.
 */
import { INITIAL_BATCH_PACKETS } from './limits.js';
import type { PacketBatch } from './types.js';

const EMPTY = new Uint8Array(0);

export class BatchBuilder implements PacketBatch {
  data: Uint8Array = EMPTY;
  count = 0;
  /** Packet slots available in the arrays (>= count). */
  capacity: number;
  offset: Int32Array;
  capLen: Int32Array;
  origLen: Int32Array;
  tsSec: Float64Array;
  tsNsec: Int32Array;
  linkType: Int32Array;
  interfaceId: Int32Array;

  constructor(initialCapacity = INITIAL_BATCH_PACKETS) {
    const n = Math.max(1, initialCapacity);
    this.capacity = n;
    this.offset = new Int32Array(n);
    this.capLen = new Int32Array(n);
    this.origLen = new Int32Array(n);
    this.tsSec = new Float64Array(n);
    this.tsNsec = new Int32Array(n);
    this.linkType = new Int32Array(n);
    this.interfaceId = new Int32Array(n);
  }

  /** Start a new batch over `data` (the previous batch's contents are dropped). */
  begin(data: Uint8Array): void {
    this.data = data;
    this.count = 0;
  }

  /** Double the capacity, keeping the first `count` entries. Parsers re-read the array fields after. */
  grow(): void {
    const n = this.capacity * 2;
    this.offset = copyInt32(this.offset, n);
    this.capLen = copyInt32(this.capLen, n);
    this.origLen = copyInt32(this.origLen, n);
    const ts = new Float64Array(n);
    ts.set(this.tsSec);
    this.tsSec = ts;
    this.tsNsec = copyInt32(this.tsNsec, n);
    this.linkType = copyInt32(this.linkType, n);
    this.interfaceId = copyInt32(this.interfaceId, n);
    this.capacity = n;
  }
}

function copyInt32(a: Int32Array, n: number): Int32Array {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
