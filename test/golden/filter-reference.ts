/**
 * @module test/golden/filter-reference
 * The shape of tshark's capture-filter reference JSON (made by make-filter-reference.sh) and a
 * helper that runs compiled capture filters over a corpus capture, returning the matched frame
 * numbers (1-based, as tshark numbers frames) per expression.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PacketDecoder, PacketInfo } from '../../src/decode/index.js';
import { CaptureFileError } from '../../src/core/errors.js';
import { buildCaptureFilter, FilterContext } from '../../src/filter/index.js';
import { openCaptureFile } from '../../src/source/index.js';
import { fixturesDir } from '../support/paths.js';

export interface FilterCase {
  /** The case as written in make-filter-reference.sh, before the capture's values are filled in. */
  readonly case: string;
  /** The wiremeter capture filter expression. */
  readonly expression: string;
  /** The equivalent tshark display filter. */
  readonly display: string;
  /** Frame numbers tshark matched, as ranges ("1-3,7"). */
  readonly frames: string;
}

export interface FilterReference {
  readonly file: string;
  readonly tshark: string;
  readonly frames: number;
  readonly values: Readonly<Record<string, string>>;
  readonly cases: readonly FilterCase[];
  /** Frames carrying an ICMP/ICMPv6 error message (rule F1), as ranges. */
  readonly icmp_error_frames: string;
  /** RARP frames (tshark's arp.opcode 3 or 4), as ranges (rule F2). */
  readonly rarp_frames: string;
  readonly problems: readonly string[];
}

export const referenceFilterDir = join(fixturesDir, 'reference-filter');

export function loadFilterReference(pcapName: string): FilterReference {
  return JSON.parse(readFileSync(join(referenceFilterDir, `${pcapName}.json`), 'utf8')) as FilterReference;
}

/** "1-3,7" → [1, 2, 3, 7]. */
export function frameList(ranges: string): number[] {
  const out: number[] = [];
  for (const part of ranges.split(',')) {
    if (part === '') continue;
    const [a, b] = part.split('-').map(Number);
    for (let f = a ?? 0; f <= (b ?? a ?? 0); f++) out.push(f);
  }
  return out;
}

/**
 * Frame numbers each expression matches in the capture, and the number of frames read. A damaged file
 * (CaptureFileError) ends the reading after the frames before the damage, as tshark does.
 */
export async function matchFrames(path: string, expressions: readonly string[]): Promise<{ frames: number; matched: number[][] }> {
  const filters = expressions.map((e) => buildCaptureFilter(e).predicate);
  const matched = expressions.map((): number[] => []);
  const decoder = new PacketDecoder();
  const pi = new PacketInfo();
  const ctx = new FilterContext();
  let frame = 0;
  const source = await openCaptureFile(path);
  try {
    for await (const batch of source) {
      for (let i = 0; i < batch.count; i++) {
        frame++;
        decoder.decode(batch, i, pi);
        for (let f = 0; f < filters.length; f++) if ((filters[f] as (typeof filters)[number])(pi, ctx)) (matched[f] as number[]).push(frame);
      }
    }
  } catch (err) {
    if (!(err instanceof CaptureFileError)) throw err;
  } finally {
    await source.close();
  }
  return { frames: frame, matched };
}
