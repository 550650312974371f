/**
 * @module test/golden/l2-reference
 * The shape of tshark's L2 reference JSON (made by make-l2-reference.sh) and the same figures read
 * from the L2 modules' tables, as maps key → [packets, bytes].
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir } from '../support/paths.js';

export interface Counted { readonly packets: number; readonly bytes: number }

export interface L2Reference {
  readonly file: string;
  readonly frames: number;
  readonly bytes: number;
  readonly ethertypes: readonly (Counted & { readonly type: number })[];
  readonly vlans: readonly (Counted & { readonly depth: number; readonly id: number })[];
  readonly untagged: Counted;
  readonly sizes: readonly (Counted & { readonly bucket: string })[];
  readonly arp: readonly (Counted & { readonly kind: string })[];
  readonly mpls_top: readonly (Counted & { readonly label: number })[];
  readonly mpls_tc: readonly (Counted & { readonly tc: number })[];
  readonly pcp: readonly (Counted & { readonly pcp: number })[];
  readonly dscp: readonly (Counted & { readonly dscp: number })[];
  /** IP headers cut by the snap length (rule L2), by DSCP. */
  readonly dscp_truncated: readonly (Counted & { readonly dscp: number })[];
  readonly problems: readonly string[];
}

export const referenceL2Dir = join(fixturesDir, 'reference-l2');

export function loadL2Reference(pcapName: string): L2Reference {
  return JSON.parse(readFileSync(join(referenceL2Dir, `${pcapName}.json`), 'utf8')) as L2Reference;
}

export type Counts = Map<string, [number, number]>;

export function countsOf<T extends Counted>(rows: readonly T[], key: (r: T) => string): Counts {
  const out: Counts = new Map();
  for (const r of rows) out.set(key(r), [r.packets, r.bytes]);
  return out;
}
