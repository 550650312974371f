/**
 * @module modules/location
 * Geolocation statistics: traffic per country with history, and the IPs of each country. Every IP
 * header a packet has in the tunnel view credits its source's country as sent (tx) and its
 * destination's as received (rx), exactly as the IP table credits the addresses, so a country's
 * counters are the sum of its IPs' counters. Addresses without a country (private, reserved, not in
 * the database) count under "none". The country of an IP is looked up once per IP entity
 * (ip-country.ts) and the country entity is cached per IP, so a packet costs a few array reads.
 * Also adds the country to IP rows and connection rows (extensions.ts). REST: see README.md.
 */
import type { PacketInfo } from '../../decode/packet-info.js';
import { geoDatabase, type CountryDatabase } from '../../geo/index.js';
import type { PacketRefs } from '../../pipeline/packet-refs.js';
import { CacheColumn } from '../../store/cache-column.js';
import { Counter } from '../../store/counters.js';
import { KeyTable } from '../../store/key-table.js';
import type { MeasurementModule, ModuleContext } from '../module.js';
import type { Resource } from '../resource.js';
import { connectionCountryExtension, ipCountryExtension } from './extensions.js';
import { IpCountryColumn } from './ip-country.js';
import { locationResource } from './resources.js';

export class LocationModule implements MeasurementModule {
  readonly name = 'location';
  readonly ctx: ModuleContext;
  /** The database of this analysis (null: geolocation off or unavailable). */
  readonly db: CountryDatabase | null;
  /** Key (packed country code, 0); (NO_COUNTRY, 0) is "none". */
  readonly countries: KeyTable;
  readonly ipCountries: IpCountryColumn;
  /** Per IP entity: its country entity + 1 (see KeyTable.upsertCached). */
  private readonly cache: CacheColumn;

  constructor(ctx: ModuleContext) {
    this.ctx = ctx;
    const ips = ctx.core.ips;
    this.db = geoDatabase();
    this.countries = ctx.store.addTable(new KeyTable('location.country', { initialCapacity: 64 }));
    this.ipCountries = new IpCountryColumn(ips, this.db);
    this.cache = new CacheColumn(ips);
    ctx.ipExtensions.push(ipCountryExtension(this.ipCountries));
    ctx.connectionExtensions.push(connectionCountryExtension(ctx.core.connections, ips, this.ipCountries, this.db));
  }

  onPacket(_pi: PacketInfo, refs: PacketRefs): void {
    const n = refs.ipLayers;
    if (n === 0 || this.db === null) return;
    const packets = refs.packets, bytes = refs.bytes, ts = refs.tsUs;
    for (let r = 0; r < n; r++) {
      const s = refs.ipSrc[r] as number, d = refs.ipDst[r] as number;
      if (s >= 0) this.credit(s, Counter.TxPackets, packets, bytes, ts);
      if (d >= 0) this.credit(d, Counter.RxPackets, packets, bytes, ts);
    }
  }

  private credit(ip: number, slot: number, packets: number, bytes: number, ts: number): void {
    const c = this.countries.upsertCached(this.cache.column, ip, this.ipCountries.of(ip), 0, ts);
    if (c >= 0) this.countries.addTraffic(c, slot, packets, bytes);
  }

  resource(): Resource {
    return locationResource(this);
  }
}

export function createLocationModule(ctx: ModuleContext): LocationModule {
  return new LocationModule(ctx);
}
