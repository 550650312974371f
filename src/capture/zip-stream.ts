/**
 * @module capture/zip-stream
 * A capture downloaded as a zip archive (yazl, streamed): each file of the tap's output (a new one
 * at every FILE_BOUNDARY, when the tap splits by size) becomes one deflated entry, `name`,
 * `name_1` …. Backpressure runs from the HTTP response through yazl to the entry being written and
 * so to the tap's bounded queue; the archive ends when the tap has finished.
 */
import { once } from 'node:events';
import { extname } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { ZipFile } from 'yazl';
import { FILE_BOUNDARY, type CaptureTap } from './capture-tap.js';

function entryName(name: string, index: number): string {
  if (index === 0) return name;
  const ext = extname(name);
  return `${name.slice(0, name.length - ext.length)}_${index}${ext}`;
}

/** The archive as a stream; destroying it stops the tap. */
export function zipTap(tap: CaptureTap, name: string, pollMs = 100): Readable {
  const zip = new ZipFile();
  const out = new Readable().wrap(zip.outputStream);
  let index = 0;
  let entry = new PassThrough();
  const mtime = new Date();
  zip.addReadStream(entry, entryName(name, index), { mtime });
  out.once('close', () => { tap.stop(); });
  const pump = async (): Promise<void> => {
    for (;;) {
      const finished = tap.finished;
      const chunks = tap.take();
      for (const c of chunks) {
        if (c === FILE_BOUNDARY) {
          entry.end();
          entry = new PassThrough();
          zip.addReadStream(entry, entryName(name, ++index), { mtime });
        } else if (!entry.write(c)) {
          await once(entry, 'drain');
        }
      }
      if (finished || out.destroyed) break;
      if (chunks.length === 0) await sleep(pollMs);
    }
    entry.end();
    zip.end();
  };
  pump().catch((err: unknown) => { out.destroy(err instanceof Error ? err : new Error(String(err))); });
  return out;
}
