/**
 * @module modules/resource
 * The contract between measurement modules and the REST layer. A module describes what it can
 * answer as a tree of resources; the API layer (src/api) walks the tree for a request path, answers
 * OPTIONS with the children's names, and does paging, sorting, filtering and CSV for lists. Modules
 * never see HTTP, and the API layer never sees typed arrays.
 */

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type JsonObject = Record<string, JsonValue>;

/** Time selection of a statistics request, already validated (epoch seconds). */
export interface StatsQuery {
  /** Interval start; undefined = no interval (interval counters equal lastSecond). */
  readonly startSec: number | undefined;
  /** Interval end (exclusive); undefined = now (the newest packet time). */
  readonly endSec: number | undefined;
  /** Resolution of history series in seconds; undefined = pick one from the interval. */
  readonly timespan: number | undefined;
  /** Maximum number of points in a history series. */
  readonly values: number;
  /** true: leave history series out of the answer. */
  readonly skipHistory: boolean;
}

/** One sortable, filterable, exportable column of a list. */
export interface ListColumn {
  /** Name used by `sort=`, by complex filters `(name=…)` and as the CSV header. */
  readonly name: string;
  readonly type: 'number' | 'string';
}

/**
 * A materialised list for one request: rows are 0..size-1 in no particular order. The API layer
 * filters, sorts (by `number`/`text` of a column), pages, and asks `json` only for displayed rows.
 */
export interface ListView {
  readonly size: number;
  readonly columns: readonly ListColumn[];
  number(row: number, column: number): number;
  text(row: number, column: number): string;
  /** What a plain (non-parenthesised) filter string is matched against: address and names. */
  searchText(row: number): string;
  /** The element of `displayedItems` for this row. */
  json(row: number): JsonObject;
}

/**
 * A JSON schema (draft-07 subset the OpenAPI document can carry) of what a resource answers.
 * Builders for the traffic fields every entity has are in traffic-schema.ts.
 */
export type JsonSchema = Readonly<Record<string, JsonValue>>;

export interface ObjectResource {
  readonly kind: 'object';
  readonly children?: readonly Resource[];
  /** Schema of the answer of `get` (optional; test/api/module-schemas.test.ts holds every module to it). */
  readonly schema?: JsonSchema;
  get(query: StatsQuery): JsonObject;
}

export interface ListResource {
  readonly kind: 'list';
  /** Default sort column when `sort` is absent. */
  readonly defaultSort: string;
  readonly children?: readonly Resource[];
  /**
   * Schema of one `displayedItems` element (`ListView.json`); the API wraps it in the list
   * envelope `{displayedItems, totalCount, unfilteredCount, page, count, sort, reverse}`.
   */
  readonly schema?: JsonSchema;
  open(query: StatsQuery): ListView;
}

/**
 * A path element that is a value (`:ip`, `:mac`). `resolve` returns the resource for one value, or
 * a reason why the value is not acceptable (answered as 400) or unknown (answered as 404).
 */
export interface ParamResource {
  readonly kind: 'param';
  /** Name without the colon, e.g. "ip". */
  readonly param: string;
  resolve(value: string): Resource | { readonly badRequest: string } | { readonly notFound: string };
  /**
   * The resource a value resolves to, built for no particular value, to describe it (kind, schema,
   * children; the OpenAPI document walks it). Its get/open are never called. Optional: without it
   * the subtree below the parameter is not documented.
   */
  describe?(): Resource;
}

export type Resource = (ObjectResource | ListResource | ParamResource) & { readonly name: string };

/** Children of a resource, as OPTIONS lists them (`:ip` for parameters). */
export function subResourceNames(resource: Resource): string[] {
  if (resource.kind === 'param') return [];
  return (resource.children ?? []).map((c) => (c.kind === 'param' ? `:${c.param}` : c.name));
}

/** An object or list of a module tree, with its path below the module root as the walk found it. */
export interface DescribedResource {
  /** Segments from the module root (its name first); parameters as `{ip}`. */
  readonly path: readonly string[];
  /** Parameter names along the path, in order. */
  readonly params: readonly string[];
  readonly resource: Resource & (ObjectResource | ListResource);
}

/**
 * Every object and list of a tree, without answering anything: named children are walked, a
 * parameter node by its `describe()` (a parameter without one ends the walk there).
 */
export function describeTree(root: Resource): DescribedResource[] {
  const out: DescribedResource[] = [];
  const visit = (node: Resource, here: readonly string[], params: readonly string[]): void => {
    if (node.kind === 'param') {
      const described = node.describe?.();
      if (described) visit(described, here, params);
      return;
    }
    out.push({ path: here, params, resource: node });
    for (const child of node.children ?? []) {
      if (child.kind === 'param') visit(child, [...here, `{${child.param}}`], [...params, child.param]);
      else visit(child, [...here, child.name], params);
    }
  };
  visit(root, [root.name], []);
  return out;
}
