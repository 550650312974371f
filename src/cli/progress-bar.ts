/**
 * @module cli/progress-bar
 * A one-line progress bar on a terminal stream (stderr): percentage, bytes, packets, rate.
 * Redraws at most every `intervalMs`; prints nothing when the stream is not a TTY.
 */
import type { SourceProgress } from '../source/types.js';

export class ProgressBar {
  private lastDraw = 0;
  private readonly started = Date.now();
  private drawn = false;

  constructor(private readonly stream: NodeJS.WriteStream, private readonly intervalMs = 200) {}

  update(p: SourceProgress): void {
    const now = Date.now();
    if (now - this.lastDraw < this.intervalMs) return;
    this.lastDraw = now;
    const width = 30;
    const frac = p.bytesTotal > 0 ? Math.min(1, p.bytesRead / p.bytesTotal) : 0;
    const filled = Math.round(frac * width);
    const secs = Math.max(0.001, (now - this.started) / 1000);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(1).padStart(5)}% ` +
      `${(p.bytesRead / 1e6).toFixed(0)} MB  ${p.packets.toLocaleString('en-US')} packets  ${(p.packets / secs / 1e6).toFixed(2)} Mpps`;
    this.stream.write(`\r${line}`);
    this.drawn = true;
  }

  finish(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
  }
}
