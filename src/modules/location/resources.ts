/**
 * @module modules/location/resources
 * REST subtree:
 *   location                        countries seen, IPs with and without a country, the database
 *                                   in use (type, build time, attribution) or why there is none
 *   location/countries              list: countryCode (null for "none"), key ("US", "none"), name,
 *                                   ips + traffic (rx = received by the country's IPs, tx = sent)
 *   location/countries/:country     one country ("US", "de", "none"): counters, history;
 *                                   child ips (the country's IPs with their own traffic)
 */
import { countryName, formatCountryCode, geoDatabaseProblem, NO_COUNTRY, parseCountryCode } from '../../geo/index.js';
import { liveIds } from '../entity-list.js';
import { entityObject, entityParam, tableList } from '../l2-shared/resources.js';
import type { JsonObject, Resource } from '../resource.js';
import { entityListView } from '../entity-list.js';
import { int, nullable, objectSchema, str, withTraffic } from '../traffic-schema.js';
import type { LocationModule } from './index.js';

const FIELDS = { countryCode: nullable(str), key: str, name: str, ips: int } as const;

const DATABASE = nullable(objectSchema({
  source: { type: 'string', enum: ['shipped', 'file'] }, type: str, buildEpoch: int, attribution: nullable(str),
}));

/** Path name of a country entity's code. */
function keyOf(code: number): string {
  return formatCountryCode(code) ?? 'none';
}

/** Packed code of a path name, or null when it is neither two letters nor "none". */
function parseKey(text: string): number | null {
  if (text === 'none') return NO_COUNTRY;
  const code = parseCountryCode(text);
  return code === NO_COUNTRY ? null : code;
}

export function locationResource(m: LocationModule): Resource {
  const { store, core } = m.ctx;
  const t = m.countries, ips = core.ips, of = (ip: number): number => m.ipCountries.of(ip);

  /** Live IPs per packed code (one pass over the IP table per request). */
  const ipCounts = (): Map<number, number> => {
    const out = new Map<number, number>();
    if (m.db === null) return out;
    for (const ip of liveIds(ips)) { const c = of(ip); out.set(c, (out.get(c) ?? 0) + 1); }
    return out;
  };
  const fields = (e: number, counts: Map<number, number>): JsonObject => {
    const code = t.keyAOf(e);
    return { countryCode: formatCountryCode(code), key: keyOf(code), name: countryName(code) ?? 'no country (private, reserved or unknown)', ips: counts.get(code) ?? 0 };
  };
  const one = entityParam('country', 'country code (two letters, or none)', (text) => {
    const code = parseKey(text);
    return code === null ? null : t.find(code, 0);
  }, (e, text) => entityObject(text, t, store, e, () => fields(e, ipCounts()), [
    tableList({
      name: 'ips', table: ips, store,
      ids: () => { const code = t.keyAOf(e); return liveIds(ips).filter((ip) => of(ip) === code); },
      columns: [{ name: 'ip', type: 'string', value: (ip) => ips.format(ip) }, { name: 'version', type: 'number', value: (ip) => ips.versionOf(ip) }],
      fields: (ip) => ({ ip: ips.format(ip), version: ips.versionOf(ip) }),
      searchText: (ip) => ips.format(ip),
      schema: { ip: str, version: int },
    }),
  ], FIELDS));

  return {
    kind: 'object',
    name: m.name,
    schema: objectSchema({ countries: int, locatedIps: int, unlocatedIps: int, database: DATABASE, problem: nullable(str) }),
    get: () => {
      const counts = ipCounts();
      let located = 0;
      for (const [code, n] of counts) if (code !== NO_COUNTRY) located += n;
      const info = m.db?.info;
      return {
        countries: liveIds(t).filter((e) => t.keyAOf(e) !== NO_COUNTRY).length,
        locatedIps: located,
        unlocatedIps: counts.get(NO_COUNTRY) ?? 0,
        database: info === undefined ? null : {
          source: info.attribution === null ? 'file' : 'shipped', type: info.type, buildEpoch: info.buildEpoch, attribution: info.attribution,
        },
        problem: m.db === null ? geoDatabaseProblem() : null,
      };
    },
    children: [{
      kind: 'list',
      name: 'countries',
      defaultSort: 'bytes',
      schema: withTraffic(FIELDS),
      children: [one],
      open: (q) => {
        const counts = ipCounts();
        return entityListView({
          table: t, store,
          columns: [
            { name: 'countryCode', type: 'string', value: (e) => formatCountryCode(t.keyAOf(e)) ?? '' },
            { name: 'name', type: 'string', value: (e) => countryName(t.keyAOf(e)) ?? '' },
            { name: 'ips', type: 'number', value: (e) => counts.get(t.keyAOf(e)) ?? 0 },
          ],
          json: (e) => fields(e, counts),
          searchText: (e) => `${keyOf(t.keyAOf(e))} ${countryName(t.keyAOf(e)) ?? ''}`,
        }, q);
      },
    }],
  };
}
