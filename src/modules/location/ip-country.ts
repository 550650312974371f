/**
 * @module modules/location/ip-country
 * The country of every IP entity, one Uint16 per entity beside the IP table: looked up once, the
 * first time a packet or a request asks (0 = not looked up yet), cleared when the id is reused.
 * Values are geo/country-code.ts codes, with NO_COUNTRY stored as NONE so it stays cached.
 */
import type { CountryDatabase } from '../../geo/index.js';
import { NO_COUNTRY } from '../../geo/index.js';
import type { EntityListener } from '../../store/entity-table.js';
import type { IpTable } from '../../store/ip-table.js';
import { resized } from '../../store/resize.js';

/** Stored for "looked up: no country" (not a packed code: its letters are not A–Z). */
const NONE = 1;

export class IpCountryColumn implements EntityListener {
  private codes = new Uint16Array(0);

  constructor(private readonly ips: IpTable, private readonly db: CountryDatabase | null) {
    ips.listen(this);
    ips.declareBytesPerEntity(2);
  }

  resize(capacity: number): void {
    this.codes = resized(this.codes, capacity);
  }

  reset(e: number): void {
    this.codes[e] = 0;
  }

  evicted(): void {
    // reset() clears the entry when the id is reused.
  }

  /** The packed country of IP entity e (NO_COUNTRY when none); looks it up on the first call. */
  of(e: number): number {
    const known = this.codes[e] as number;
    if (known !== 0) return known === NONE ? NO_COUNTRY : known;
    const ips = this.ips, db = this.db;
    const code = db === null ? NO_COUNTRY : db.lookup(ips.versionOf(e), ips.wordOf(e, 0), ips.wordOf(e, 1), ips.wordOf(e, 2), ips.wordOf(e, 3));
    this.codes[e] = code === NO_COUNTRY ? NONE : code;
    return code;
  }
}
