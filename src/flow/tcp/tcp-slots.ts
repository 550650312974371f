/**
 * @module flow/tcp/tcp-slots
 * TCP state only for TCP connections: a connection gets a slot in the TcpConnectionMetrics pool on
 * its first TCP segment and gives it back when the connection entity is reused or evicted. UDP and
 * other connections then cost 4 bytes here instead of the TCP figures' ~250.
 */
import type { EntityListener } from '../../store/entity-table.js';
import { resized } from '../../store/resize.js';
import { TcpConnectionMetrics } from './tcp-connection-metrics.js';

export class TcpSlots implements EntityListener {
  readonly metrics = new TcpConnectionMetrics(256);
  /** Per connection entity: its metrics slot + 1 (0 = none). */
  private slot = new Int32Array(0);
  private free = new Int32Array(256);
  private freeCount = 0;
  private next = 0;

  resize(capacity: number): void {
    this.slot = resized(this.slot, capacity);
  }

  reset(e: number): void {
    this.release(e);
  }

  evicted(mark: Uint8Array): void {
    for (let e = 0; e < this.slot.length && e < mark.length; e++) if (mark[e] === 1) this.release(e);
  }

  /** The metrics slot of connection e, or -1 when it has none (no TCP segment seen). */
  of(e: number): number {
    return (this.slot[e] as number) - 1;
  }

  /** The metrics slot of connection e, allocated (and reset) on first use. */
  acquire(e: number): number {
    const s = (this.slot[e] as number) - 1;
    if (s >= 0) return s;
    let t: number;
    if (this.freeCount > 0) t = this.free[--this.freeCount] as number;
    else {
      t = this.next++;
      if (t >= this.metrics.capacity) this.metrics.resize(t + 1);
    }
    this.metrics.reset(t);
    this.slot[e] = t + 1;
    return t;
  }

  /** Slots in use. */
  get used(): number {
    return this.next - this.freeCount;
  }

  memoryBytes(): number {
    return this.metrics.memoryBytes() + this.free.byteLength;
  }

  private release(e: number): void {
    const s = (this.slot[e] as number) - 1;
    if (s < 0) return;
    this.slot[e] = 0;
    if (this.freeCount === this.free.length) this.free = resized(this.free, this.free.length * 2);
    this.free[this.freeCount++] = s;
  }
}
