/**
 * @module modules/names
 * Names of IP addresses from every source, in one place: what the analysis learned (DNS answers,
 * mDNS/LLMNR, DHCP host names, NetBIOS registrations: names/name-book.ts) and the user-defined
 * names (names/user-names.ts, with their category). Shown as a column and a JSON field `names` on
 * every IP row (found by the plain table filter too), as ip/ips/:ip/names, and as this module's
 * lists; user-defined MAC names the same way on every MAC row. No per-packet work: the dissecting modules fill the book.
 */
import { nameBookOf, type NameBook } from '../../names/name-book.js';
import { activeUserNames, type UserName } from '../../names/user-names.js';
import type { IpTable } from '../../store/ip-table.js';
import type { MeasurementModule, ModuleContext } from '../module.js';
import type { JsonObject, JsonSchema, Resource } from '../resource.js';
import { rowListView } from '../row-list.js';
import { NAME_ROW_SCHEMA, nameRowsView } from './name-rows.js';
import { arrayOf, int, objectSchema, str } from '../traffic-schema.js';

/** One name of an address as rows and answers show it. */
export interface AddressName {
  readonly name: string;
  readonly source: string;
  readonly category?: string;
}

export const ADDRESS_NAME_SCHEMA: JsonSchema = objectSchema({ name: str, source: str, category: str }, { optional: ['category'] });
const NAMES_FIELD = { names: arrayOf(ADDRESS_NAME_SCHEMA) } as const;

/** Every name of an address: the user-defined one first, then the learned ones (distinct name and source). */
export function namesOfAddress(book: NameBook, ip: string): AddressName[] {
  const out: AddressName[] = [];
  const user = activeUserNames()?.get('ip', ip);
  if (user !== undefined && user.name !== '') out.push({ name: user.name, source: 'user', category: user.category });
  const seen = new Set<string>();
  for (const e of book.namesOf(ip).reverse()) {
    const k = `${e.name}\u0000${e.source}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ name: e.name, source: e.source });
  }
  return out;
}

function namesJson(names: readonly AddressName[]): JsonObject[] {
  return names.map((n) => (n.category === undefined ? { name: n.name, source: n.source } : { name: n.name, source: n.source, category: n.category }));
}

export class NamesModule implements MeasurementModule {
  readonly name = 'names';
  readonly ctx: ModuleContext;
  readonly book: NameBook;

  constructor(ctx: ModuleContext) {
    this.ctx = ctx;
    this.book = nameBookOf(ctx.store);
    const ips: IpTable = ctx.core.ips;
    const of = (e: number): AddressName[] => namesOfAddress(this.book, ips.format(e));
    ctx.ipExtensions.push({
      columns: [{ name: 'names', type: 'string', value: (e) => of(e).map((n) => n.name).join(' ') }],
      json: (e) => ({ names: namesJson(of(e)) }),
      schema: NAMES_FIELD,
      searchText: (e) => of(e).map((n) => (n.category === undefined ? n.name : `${n.name} ${n.category}`)).join(' '),
    });
    // MACs have user-defined names only.
    const macs = ctx.core.macs;
    const ofMac = (e: number): AddressName[] => {
      const user = activeUserNames()?.get('mac', macs.format(e));
      return user === undefined || user.name === '' ? [] : [{ name: user.name, source: 'user', category: user.category }];
    };
    ctx.macExtensions.push({
      columns: [{ name: 'names', type: 'string', value: (e) => ofMac(e).map((n) => n.name).join(' ') }],
      json: (e) => ({ names: namesJson(ofMac(e)) }),
      schema: NAMES_FIELD,
      searchText: (e) => ofMac(e).map((n) => `${n.name} ${n.category ?? ''}`).join(' '),
    });
    ctx.ipChildren.push((e) => ({
      kind: 'object', name: 'names', schema: objectSchema({ ip: str, ...NAMES_FIELD }),
      get: () => ({ ip: ips.format(e), names: namesJson(of(e)) }),
    }));
  }

  onPacket(): void {
    // Nothing per packet.
  }

  resource(): Resource {
    const userRow = objectSchema({ kind: str, address: str, category: str, name: str, updated: int });
    return {
      kind: 'object', name: 'names',
      schema: objectSchema({ learned: int, learnedEvicted: int, learnedCapacity: int, userDefined: int }),
      get: () => ({ learned: this.book.size, learnedEvicted: this.book.evicted, learnedCapacity: this.book.capacity, userDefined: activeUserNames()?.size ?? 0 }),
      children: [
        {
          kind: 'list', name: 'learned_paged', defaultSort: 'lastSeen', schema: NAME_ROW_SCHEMA,
          open: () => nameRowsView([...this.book.all()]),
        },
        {
          kind: 'list', name: 'user_paged', defaultSort: 'address', schema: userRow,
          open: () => rowListView<UserName>(activeUserNames()?.list() ?? [], [
            { name: 'kind', type: 'string', value: (r) => r.kind },
            { name: 'address', type: 'string', value: (r) => r.address },
            { name: 'category', type: 'string', value: (r) => r.category },
            { name: 'name', type: 'string', value: (r) => r.name },
            { name: 'updated', type: 'number', value: (r) => r.updated },
          ], (r) => `${r.address} ${r.category} ${r.name}`, (r) => ({ kind: r.kind, address: r.address, category: r.category, name: r.name, updated: r.updated })),
        },
      ],
    };
  }
}

export function createNamesModule(ctx: ModuleContext): NamesModule {
  return new NamesModule(ctx);
}
