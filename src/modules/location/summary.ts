/**
 * @module modules/location/summary
 * Countries of a finished analysis for `wiremeter analyze`: the JSON report's `countries` field and
 * the text summary's "Top N countries" table. Empty when the location module did not run or
 * geolocation is off.
 */
import { countryName, formatCountryCode } from '../../geo/index.js';
import type { Analyzer } from '../../pipeline/analyzer.js';
import { readCounters, type TrafficCounters } from '../../store/counters.js';
import { liveIds } from '../entity-list.js';
import { LocationModule } from './index.js';

export interface CountryEntry {
  /** Two letters, or null for addresses without a country. */
  readonly countryCode: string | null;
  readonly name: string;
  readonly ips: number;
  /** [rxPackets, rxBytes, txPackets, txBytes]. */
  readonly allTime: TrafficCounters;
}

export function countrySummary(analyzer: Analyzer): CountryEntry[] {
  const m = analyzer.module('location');
  if (!(m instanceof LocationModule) || m.db === null) return [];
  const ipsPer = new Map<number, number>();
  for (const ip of liveIds(m.ctx.core.ips)) { const c = m.ipCountries.of(ip); ipsPer.set(c, (ipsPer.get(c) ?? 0) + 1); }
  const t = m.countries;
  const out: CountryEntry[] = [];
  for (const e of liveIds(t)) {
    const code = t.keyAOf(e);
    out.push({ countryCode: formatCountryCode(code), name: countryName(code) ?? 'no country', ips: ipsPer.get(code) ?? 0, allTime: readCounters(t.counters, e) });
  }
  const bytes = (c: CountryEntry): number => c.allTime[1] + c.allTime[3];
  // Bytes descending; on a tie countries before "no country", then by code.
  return out.sort((a, b) => bytes(b) - bytes(a) || Number(a.countryCode === null) - Number(b.countryCode === null) ||
    (a.countryCode ?? '').localeCompare(b.countryCode ?? ''));
}

/** The text summary's country table (nothing when there are no countries). */
export function formatCountrySummary(countries: readonly CountryEntry[], top: number): string {
  if (countries.length === 0 || top === 0) return '';
  const num = new Intl.NumberFormat('en-US');
  const rows = countries.slice(0, top).map((c) => [c.countryCode ?? '--', c.name, num.format(c.ips),
    ...c.allTime.map((v) => num.format(v))]);
  const header = ['country', 'name', 'ips', 'rx packets', 'rx bytes', 'tx packets', 'tx bytes'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    '  ' + cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return ['', `Top ${top} countries by bytes`, line(header), ...rows.map(line), ''].join('\n');
}
