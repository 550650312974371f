/**
 * @module fuzz/source.fuzz
 * Fuzz target for the packet sources: mutated beginnings of every corpus capture (and gzip-compressed
 * ones) through openCaptureStream, with random read and stream chunk sizes. Whatever the input, the
 * only exception allowed out of opening or iterating is a CaptureFileError, and every batch must be
 * consistent (packet bytes inside `data`, ns < 10^9, known interfaces, no empty batches).
 *
 * Run longer by hand: node dist/fuzz/source.fuzz.js --iterations 200000 --seed 7
 * A failing input is written to os.tmpdir() so it can be replayed.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { CaptureFileError } from '../src/core/errors.js';
import { openCaptureStream } from '../src/source/index.js';
import { pcapsDir } from '../test/support/paths.js';
import { mutate, prng } from './mutate.js';

/** The first `maxBytes` of every corpus capture, plus a few gzip-compressed ones. */
export function sourceSeeds(maxBytes = 4096): Uint8Array[] {
  const files = readdirSync(pcapsDir).filter((f) => f.endsWith('.pcap') || f.endsWith('.pcapng')).sort();
  const seeds = files.map((f) => Uint8Array.from(readFileSync(join(pcapsDir, f)).subarray(0, maxBytes)));
  for (let i = 0; i < seeds.length; i += 10) seeds.push(Uint8Array.from(gzipSync(seeds[i] ?? new Uint8Array(0))));
  return seeds;
}

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array, void, undefined> {
  for (let p = 0; p < bytes.length; p += size) {
    await Promise.resolve(); // arrive like a socket's chunks: one at a time, asynchronously
    yield bytes.subarray(p, p + size);
  }
}

/** An input broke the contract (not a CaptureFileError): what and why. */
export class SourceFuzzFailure extends Error {}

function check(ok: boolean, what: string): void {
  if (!ok) throw new SourceFuzzFailure(`invariant broken: ${what}`);
}

/**
 * Open and read `input` completely. Returns the packets read and the CaptureFileError code (or
 * null); throws SourceFuzzFailure on a broken invariant and lets any other exception escape.
 */
export async function fuzzSourceOnce(input: Uint8Array, chunkBytes: number, streamChunk: number): Promise<{ packets: number; code: string | null }> {
  let packets = 0;
  try {
    const source = await openCaptureStream(chunked(input, streamChunk), 'fuzz', input.length, { chunkBytes, maxRecordBytes: 1 << 20 });
    try {
      let batches = 0;
      for await (const b of source) {
        check(++batches <= input.length, 'more batches than input bytes');
        check(b.count > 0, 'empty batch');
        const ifaces = source.interfaces();
        for (let i = 0; i < b.count; i++) {
          const off = b.offset[i] ?? -1, cap = b.capLen[i] ?? -1, ns = b.tsNsec[i] ?? -1, id = b.interfaceId[i] ?? -1;
          check(off >= 0 && cap >= 0 && off + cap <= b.data.length, `packet bytes outside data (offset ${off}, capLen ${cap})`);
          check(ns >= 0 && ns < 1e9, `tsNsec ${ns}`);
          check(Number.isFinite(b.tsSec[i]), 'tsSec not finite');
          check(id >= 0 && id < ifaces.length && b.linkType[i] === ifaces[id]?.linkType, `interface ${id}`);
          check((b.origLen[i] ?? -1) >= 0, 'negative origLen');
        }
        packets += b.count;
        check(source.progress().packets === packets, 'progress.packets');
      }
    } finally {
      await source.close();
      await source.close();
    }
  } catch (err) {
    if (err instanceof CaptureFileError) {
      check(err.packetsBefore === packets, `packetsBefore ${err.packetsBefore} but ${packets} delivered`);
      check(err.fileOffset >= 0, 'negative fileOffset');
      return { packets, code: err.code };
    }
    throw err;
  }
  return { packets, code: null };
}

export interface SourceFuzzRun {
  readonly iterations: number;
  readonly packets: number;
  /** How the runs ended: 'ok' or an error code, with counts. */
  readonly outcomes: Record<string, number>;
}

/** Run up to `iterations` mutations (or until `deadlineMs` elapses), deterministic per `seed`. */
export async function runSourceFuzz(iterations: number, seed: number, deadlineMs = Infinity): Promise<SourceFuzzRun> {
  const seeds = sourceSeeds();
  const rand = prng(seed);
  const started = Date.now();
  const outcomes: Record<string, number> = {};
  let packets = 0, done = 0;
  for (; done < iterations && Date.now() - started < deadlineMs; done++) {
    const base = seeds[rand() % seeds.length] ?? new Uint8Array(0);
    const input = mutate(base, rand);
    const chunkBytes = [1, 7, 64, 1000, 65_536][rand() % 5] ?? 64;
    const streamChunk = 1 + (rand() % 700);
    try {
      const r = await fuzzSourceOnce(input, chunkBytes, streamChunk);
      packets += r.packets;
      const key = r.code ?? 'ok';
      outcomes[key] = (outcomes[key] ?? 0) + 1;
    } catch (err) {
      const saved = join(tmpdir(), `wiremeter-source-fuzz-seed${seed}-iter${done}.bin`);
      writeFileSync(saved, input);
      throw new SourceFuzzFailure(`iteration ${done} (seed ${seed}, chunkBytes ${chunkBytes}, streamChunk ${streamChunk}, input saved to ${saved}): ${String(err)}`, { cause: err });
    }
  }
  return { iterations: done, packets, outcomes };
}

async function main(args: readonly string[]): Promise<void> {
  const value = (name: string, fallback: number): number => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const result = await runSourceFuzz(value('--iterations', 10_000), value('--seed', 1));
  process.stdout.write(JSON.stringify(result) + '\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv.slice(2));
