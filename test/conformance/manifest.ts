/**
 * @module test/conformance/manifest
 * The fixture corpus' manifest (test/fixtures/MANIFEST.tsv) as typed rows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir } from '../support/paths.js';

export interface ManifestRow {
  readonly file: string;
  /** tshark's encapsulation name(s), e.g. 'ether' or 'per-packet(ether,null,rawip)'. */
  readonly linkType: string;
  readonly packets: number;
  /** Sum of frame.len (original lengths). */
  readonly frameLenTotal: number;
  /** File size in bytes. */
  readonly bytes: number;
}

export function readManifest(): ManifestRow[] {
  const lines = readFileSync(join(fixturesDir, 'MANIFEST.tsv'), 'utf8').trim().split('\n');
  const header = (lines[0] ?? '').split('\t');
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`MANIFEST.tsv has no column ${name}`);
    return i;
  };
  const [file, linkType, packets, total, bytes] = [col('file'), col('link_type'), col('packets'), col('frame_len_total'), col('bytes')];
  return lines.slice(1).map((l) => {
    const f = l.split('\t');
    return {
      file: f[file] ?? '', linkType: f[linkType] ?? '', packets: Number(f[packets]),
      frameLenTotal: Number(f[total]), bytes: Number(f[bytes]),
    };
  });
}
