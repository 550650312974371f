/**
 * @module fuzz/mmdb.fuzz
 * Fuzz target for the geolocation database loader and lookup (a user may drop in any file with
 * `--geoip FILE`): mutated small MaxMind DB files (made by geo/mmdb-writer.ts: IPv4 and IPv6 trees,
 * 24/28/32-bit records, MaxMind and ip-location-db record layouts) through CountryDatabase. The
 * only exception allowed out of opening is a GeoDatabaseError; lookups of any address never throw
 * and answer NO_COUNTRY or a packed two-letter code.
 *
 * Run longer by hand: node dist/fuzz/mmdb.fuzz.js --iterations 200000 --seed 7
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CountryDatabase, GeoDatabaseError } from '../src/geo/country-db.js';
import { isCountryCode, NO_COUNTRY } from '../src/geo/country-code.js';
import { writeMmdb, type MmdbPrefix } from '../src/geo/mmdb-writer.js';
import { mutate, prng } from './mutate.js';

export class MmdbFuzzFailure extends Error {}

/** Small valid files of every shape the reader supports. */
export function mmdbSeeds(): Uint8Array[] {
  const prefixes: MmdbPrefix[] = [
    { version: 4, words: [0, 0, 0, 0x08080800], bits: 24, data: { country: { iso_code: 'US', geoname_id: 6252001 }, continent: { code: 'NA' } } },
    { version: 4, words: [0, 0, 0, 0x01000000], bits: 8, data: { country_code: 'AU' } },
    { version: 4, words: [0, 0, 0, 0xc0000000], bits: 3, data: { registered_country: { iso_code: 'DE' } } },
    { version: 6, words: [0x2a000000, 0, 0, 0], bits: 8, data: { country: { iso_code: 'FR' } } },
  ];
  const out: Uint8Array[] = [];
  for (const recordSize of [24, 28, 32] as const) {
    out.push(writeMmdb(prefixes, { ipVersion: 6, recordSize, databaseType: 'GeoLite2-Country' }));
    out.push(writeMmdb(prefixes.filter((p) => p.version === 4), { ipVersion: 4, recordSize, databaseType: 'country ipv4' }));
  }
  return out;
}

const PROBES: [number, number, number, number, number][] = [
  [4, 0, 0, 0, 0x08080808], [4, 0, 0, 0, 0x01020304], [4, 0, 0, 0, 0xc1000001], [4, 0, 0, 0, 0xffffffff], [4, 0, 0, 0, 0],
  [6, 0x2a000000, 0, 0, 1], [6, 0x20010db8, 0, 0, 1], [6, 0, 0, 0xffff, 0x08080808], [6, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
];

/** Open and probe one input; returns 'ok' or the error code; throws MmdbFuzzFailure on a broken contract. */
export function fuzzMmdbOnce(input: Uint8Array): string {
  let db: CountryDatabase;
  try {
    db = new CountryDatabase(Buffer.from(input.buffer, input.byteOffset, input.length), 'fuzz', null);
  } catch (err) {
    if (err instanceof GeoDatabaseError) return err.code;
    throw new MmdbFuzzFailure(`open threw ${String(err)}`, { cause: err });
  }
  for (const [v, w0, w1, w2, w3] of PROBES) {
    let code: number;
    try {
      code = db.lookup(v, w0, w1, w2, w3);
    } catch (err) {
      throw new MmdbFuzzFailure(`lookup threw ${String(err)}`, { cause: err });
    }
    if (code !== NO_COUNTRY && !isCountryCode(code)) throw new MmdbFuzzFailure(`lookup answered ${code}`);
  }
  return 'ok';
}

export function runMmdbFuzz(iterations: number, seed: number, deadlineMs = Infinity): { iterations: number; outcomes: Record<string, number> } {
  const seeds = mmdbSeeds();
  const rand = prng(seed);
  const started = Date.now();
  const outcomes: Record<string, number> = {};
  let done = 0;
  for (; done < iterations && Date.now() - started < deadlineMs; done++) {
    const input = mutate(seeds[rand() % seeds.length] ?? new Uint8Array(0), rand);
    try {
      const key = fuzzMmdbOnce(input);
      outcomes[key] = (outcomes[key] ?? 0) + 1;
    } catch (err) {
      const saved = join(tmpdir(), `wiremeter-mmdb-fuzz-seed${seed}-iter${done}.mmdb`);
      writeFileSync(saved, input);
      throw new MmdbFuzzFailure(`iteration ${done} (seed ${seed}, input saved to ${saved}): ${String(err)}`, { cause: err });
    }
  }
  return { iterations: done, outcomes };
}

function main(args: readonly string[]): void {
  const value = (name: string, fallback: number): number => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  process.stdout.write(JSON.stringify(runMmdbFuzz(value('--iterations', 10_000), value('--seed', 1))) + '\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
