/**
 * @module modules/l2-shared/resources
 * Building blocks of the L2 modules' REST subtrees: lists and single-entity objects over the store's
 * entity tables (traffic columns, history and paging come from entity-list), parameter resources,
 * and the counting rule of non-directional dimensions.
 */
import type { EntityTable } from '../../store/entity-table.js';
import type { KeyTable } from '../../store/key-table.js';
import type { Store } from '../../store/store.js';
import { Counter } from '../../store/counters.js';
import { entityListView, entityTraffic, liveIds, type EntityColumn } from '../entity-list.js';
import type { JsonObject, JsonSchema, ListResource, ObjectResource, ParamResource, Resource } from '../resource.js';
import { withTraffic } from '../traffic-schema.js';

/**
 * Dimensions without a direction (an EtherType, a VLAN, a size bucket, an interface) count every
 * packet once, in the received slots: [packets, bytes, 0, 0].
 */
export const DIMENSION_SLOT = Counter.RxPackets;

/** Counts `packets` packets of `bytes` bytes for key (a, b) of a dimension table; returns the entity (-1: not stored). */
export function countKey(table: KeyTable, a: number, b: number, tsUs: number, packets: number, bytes: number): number {
  const e = table.upsertHot(a, b, tsUs);
  if (e >= 0) table.addTraffic(e, DIMENSION_SLOT, packets, bytes);
  return e;
}

/** Live entity ids of a table that pass `keep`. */
export function idsWhere(table: EntityTable, keep: (e: number) => boolean): Int32Array {
  const all = liveIds(table);
  const out = new Int32Array(all.length);
  let n = 0;
  for (const e of all) if (keep(e)) out[n++] = e;
  return out.subarray(0, n);
}

export interface TableListSpec {
  readonly name: string;
  readonly table: EntityTable;
  readonly store: Store;
  readonly defaultSort?: string;
  /** Entities listed (default: every live entity); called per request. */
  readonly ids?: () => Int32Array;
  readonly columns?: readonly EntityColumn[];
  fields(e: number): JsonObject;
  searchText(e: number): string;
  readonly children?: readonly Resource[];
  /** Schemas of the own fields of a row (`fields`); the traffic fields are added (withTraffic). */
  readonly schema?: Readonly<Record<string, JsonSchema>>;
}

/** A list of entities with the standard traffic columns plus the module's own. */
export function tableList(spec: TableListSpec): ListResource & { readonly name: string } {
  return {
    kind: 'list',
    name: spec.name,
    defaultSort: spec.defaultSort ?? 'bytes',
    ...(spec.children ? { children: spec.children } : {}),
    ...(spec.schema ? { schema: withTraffic(spec.schema) } : {}),
    open: (q) => entityListView({
      table: spec.table,
      store: spec.store,
      ...(spec.ids ? { ids: spec.ids() } : {}),
      ...(spec.columns ? { columns: spec.columns } : {}),
      searchText: (e) => spec.searchText(e),
      json: (e) => spec.fields(e),
    }, q),
  };
}

/** One entity: its fields, first/last activity, counters (allTime, lastSecond, interval …) and history. */
export function entityObject(name: string, table: EntityTable, store: Store, e: number, fields: () => JsonObject,
  children?: readonly Resource[], schema?: Readonly<Record<string, JsonSchema>>): ObjectResource & { readonly name: string } {
  return {
    kind: 'object',
    name,
    ...(children ? { children } : {}),
    ...(schema ? { schema: withTraffic(schema) } : {}),
    get: (q) => ({
      ...fields(),
      firstSeen: Math.floor((table.firstSeenUs[e] as number) / 1e6),
      lastSeen: Math.floor((table.lastSeenUs[e] as number) / 1e6),
      ...entityTraffic(table, store, e, q),
    }),
  };
}

/**
 * A path element naming one entity. `parse` turns the text into an entity id, or null when the text
 * is not a valid value (400); -1 means valid but unknown (404). `build` must only read the entity
 * when answering (in get/open/ids), not while building: `describe` builds it for entity -1.
 */
export function entityParam(param: string, what: string, parse: (text: string) => number | null,
  build: (e: number, text: string) => Resource): ParamResource & { readonly name: string } {
  return {
    kind: 'param',
    name: param,
    param,
    resolve: (value) => {
      const e = parse(value);
      if (e === null) return { badRequest: `not a valid ${what}: ${value}` };
      if (e < 0) return { notFound: `no such ${what}: ${value}` };
      return build(e, value);
    },
    describe: () => build(-1, `{${param}}`),
  };
}

/** Parses a decimal integer in [min, max]; null otherwise. */
export function parseIntIn(text: string, min: number, max: number): number | null {
  if (!/^\d{1,10}$/.test(text)) return null;
  const v = Number(text);
  return v >= min && v <= max ? v : null;
}

/** Sum of all-time packets and bytes over some entities (for totals). */
export function sumAllTime(table: EntityTable, ids: Int32Array): [packets: number, bytes: number] {
  let p = 0, b = 0;
  const c = table.counters;
  for (const e of ids) {
    const at = e * 4;
    p += (c[at] as number) + (c[at + 2] as number);
    b += (c[at + 1] as number) + (c[at + 3] as number);
  }
  return [p, b];
}
