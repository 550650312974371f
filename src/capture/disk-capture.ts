/**
 * @module capture/disk-capture
 * A capture to disk: the tap's output written to files in a directory, a new file at each
 * FILE_BOUNDARY (the tap splits by size and by duration), each file named from a strftime pattern
 * filled with the wall-clock time it was opened, with `_1`, `_2` … before the extension when that
 * name exists already. The writer takes the tap's queue every `pollMs` and awaits each write, so
 * a slow disk costs the tap's counted drops, never memory. Resolves when the tap has finished and
 * everything is written.
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FILE_BOUNDARY, type CaptureTap } from './capture-tap.js';
import { strftime } from './strftime.js';

export interface DiskFile {
  readonly name: string;
  bytes: number;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** A free name in `dir` for `pattern` at `epochSec`. */
export async function freeName(dir: string, pattern: string, epochSec: number): Promise<string> {
  const name = strftime(pattern, epochSec);
  if (!(await exists(join(dir, name)))) return name;
  const ext = extname(name), stem = name.slice(0, name.length - ext.length);
  for (let i = 1; ; i++) {
    const candidate = `${stem}_${i}${ext}`;
    if (!(await exists(join(dir, candidate)))) return candidate;
  }
}

export class DiskCapture {
  readonly files: DiskFile[] = [];
  /** Settles when the capture has ended and its files are closed. */
  readonly done: Promise<void>;

  constructor(private readonly tap: CaptureTap, readonly directory: string, private readonly pattern: string, private readonly pollMs = 100) {
    this.done = this.run();
  }

  private handle: FileHandle | null = null;
  private current: DiskFile | null = null;

  private async openNext(): Promise<void> {
    await this.handle?.close();
    this.handle = null;
    const name = await freeName(this.directory, this.pattern, Date.now() / 1000);
    this.handle = await open(join(this.directory, name), 'wx', 0o640);
    this.current = { name, bytes: 0 };
    this.files.push(this.current);
  }

  private async run(): Promise<void> {
    try {
      await this.openNext();
      for (;;) {
        const finished = this.tap.finished;
        const chunks = this.tap.take();
        for (const c of chunks) {
          if (c === FILE_BOUNDARY) {
            await this.openNext();
            continue;
          }
          await this.handle?.write(c);
          if (this.current !== null) this.current.bytes += c.length;
        }
        if (finished) break;
        if (chunks.length === 0) await sleep(this.pollMs);
      }
    } finally {
      this.tap.stop();
      await this.handle?.close();
      this.handle = null;
    }
  }
}
