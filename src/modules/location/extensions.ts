/**
 * @module modules/location/extensions
 * What the location module adds to other modules' rows: `countryCode` (and `countryName`) on every
 * IP row and IP object (a column, a JSON field, text a plain table filter finds), and
 * `clientCountry` / `serverCountry` on every connection row. Connections read their addresses'
 * IP entities (the cached column); an address whose entity has gone is looked up directly.
 */
import type { ConnectionTable } from '../../flow/connection-table.js';
import { countryName, formatCountryCode, NO_COUNTRY, type CountryDatabase } from '../../geo/index.js';
import type { IpTable } from '../../store/ip-table.js';
import { clientIsA } from '../connections/connection-list.js';
import type { RowExtension } from '../row-extension.js';
import { nullable, str } from '../traffic-schema.js';
import type { IpCountryColumn } from './ip-country.js';

export function ipCountryExtension(countries: IpCountryColumn): RowExtension {
  return {
    columns: [{ name: 'countryCode', type: 'string', value: (e) => formatCountryCode(countries.of(e)) ?? '' }],
    json: (e) => {
      const code = countries.of(e);
      return { countryCode: formatCountryCode(code), countryName: countryName(code) };
    },
    schema: { countryCode: nullable(str), countryName: nullable(str) },
    searchText: (e) => formatCountryCode(countries.of(e)) ?? '',
  };
}

/** The packed country of side A (or B) of connection e. */
function sideCountry(t: ConnectionTable, ips: IpTable, countries: IpCountryColumn, db: CountryDatabase | null, e: number, sideA: boolean): number {
  const words = sideA ? t.addrA : t.addrB, at = e * 4, version = t.version[e] as number;
  const ip = ips.find(version, words, at);
  if (ip >= 0) return countries.of(ip);
  if (db === null) return NO_COUNTRY;
  return db.lookup(version, words[at] as number, words[at + 1] as number, words[at + 2] as number, words[at + 3] as number);
}

export function connectionCountryExtension(t: ConnectionTable, ips: IpTable, countries: IpCountryColumn, db: CountryDatabase | null): RowExtension {
  const client = (e: number): string | null => formatCountryCode(sideCountry(t, ips, countries, db, e, clientIsA(t, e) === 1));
  const server = (e: number): string | null => formatCountryCode(sideCountry(t, ips, countries, db, e, clientIsA(t, e) !== 1));
  return {
    columns: [
      { name: 'clientCountry', type: 'string', value: (e) => client(e) ?? '' },
      { name: 'serverCountry', type: 'string', value: (e) => server(e) ?? '' },
    ],
    json: (e) => ({ clientCountry: client(e), serverCountry: server(e) }),
    schema: { clientCountry: nullable(str), serverCountry: nullable(str) },
    searchText: (e) => `${client(e) ?? ''} ${server(e) ?? ''}`,
  };
}
