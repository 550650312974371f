/**
 * @module capture/tap-stream
 * A CaptureTap's output as a Node Readable, for an HTTP response or a file. The stream takes
 * the tap's queue only when its reader asks for more (`_read`), so a slow reader leaves the
 * output in the tap's bounded queue, where further packets are dropped and counted; nothing here
 * grows without bound. While the tap has nothing, the stream looks again every `pollMs` (pushing
 * the writer's partly filled chunk, so a quiet capture still reaches the client). It ends when
 * the tap has finished and its queue is empty; destroying it (client gone) stops the tap.
 */
import { Readable } from 'node:stream';
import type { CaptureTap } from './capture-tap.js';

export class TapStream extends Readable {
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly tap: CaptureTap, private readonly pollMs = 100) {
    super({ highWaterMark: 256 * 1024 });
  }

  override _read(): void {
    if (this.timer !== null) return;
    this.pump();
  }

  private pump(): void {
    this.timer = null;
    const finished = this.tap.finished;
    const chunks = this.tap.take();
    let more = true;
    for (const c of chunks) if (c.length > 0) more = this.push(c);
    if (finished) {
      this.push(null);
      return;
    }
    if (chunks.length === 0 || more) this.timer = setTimeout(() => { this.pump(); }, chunks.length === 0 ? this.pollMs : 0);
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.tap.stop();
    callback(err);
  }
}
