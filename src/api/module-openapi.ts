/**
 * @module api/module-openapi
 * The OpenAPI paths of the module trees. The wildcard route /API/stats/modules/* serves every
 * module node; this adds one documented path per object and list of every registered module
 * (src/modules/registry.ts), found by walking the trees of an empty analysis once: parameter nodes
 * become path parameters (`{ip}`), objects answer their declared schema, lists the list envelope
 * around their item schema (or CSV with csv=true).
 */
import { Analyzer } from '../pipeline/analyzer.js';
import { describeTree, type DescribedResource, type JsonSchema, type JsonValue } from '../modules/resource.js';
import { Store } from '../store/store.js';
import { errorSchema } from './schemas.js';
import { statsQuerySchema } from './stats-query.js';

type JsonRecord = Record<string, JsonValue>;

/** The list envelope around one item schema. */
export function listEnvelopeSchema(item: JsonSchema): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['displayedItems', 'totalCount', 'unfilteredCount', 'page', 'count', 'sort', 'reverse'],
    properties: {
      displayedItems: { type: 'array', items: item },
      totalCount: { type: 'integer', minimum: 0, description: 'rows matching the filter' },
      unfilteredCount: { type: 'integer', minimum: 0, description: 'all rows' },
      page: { type: 'integer', minimum: 0 },
      count: { type: 'integer', minimum: 1 },
      sort: { type: 'string' },
      reverse: { type: 'boolean' },
    },
  };
}

const OBJECT_QUERY = ['starttime', 'endtime', 'skiphistorydata', 'timespan', 'values', 'mm-id', 'group'] as const;
const LIST_QUERY = [...OBJECT_QUERY, 'sort', 'reverse', 'page', 'count', 'filter', 'csv'] as const;
const anyObject: JsonSchema = { type: 'object', additionalProperties: true, description: 'not described by the module' };

function queryParameters(names: readonly (keyof typeof statsQuerySchema.properties)[]): JsonValue[] {
  return names.map((name) => {
    const { description, ...schema } = statsQuerySchema.properties[name] as { readonly description: string } & JsonRecord;
    return { name, in: 'query', required: false, description, schema };
  });
}

function operation(node: DescribedResource): JsonRecord {
  const r = node.resource;
  const list = r.kind === 'list';
  const error = { description: 'error', content: { 'application/json': { schema: errorSchema } } };
  const ok: JsonRecord = list
    ? { description: `a page of the list (item schema below), or the whole list as CSV with csv=true; default sort ${r.defaultSort}`,
      content: { 'application/json': { schema: listEnvelopeSchema(r.schema ?? anyObject) }, 'text/csv': { schema: { type: 'string' } } } }
    : { description: 'the object', content: { 'application/json': { schema: r.schema ?? anyObject } } };
  return {
    summary: list ? `List ${node.path.join('/')}` : `Object ${node.path.join('/')}`,
    tags: ['stats', `module ${node.path[0] ?? ''}`],
    parameters: [
      ...node.params.map((name): JsonValue => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      ...queryParameters(list ? LIST_QUERY : OBJECT_QUERY),
    ],
    responses: { 200: ok, 400: error, 401: error, 403: error, 404: error, 429: error },
  };
}

/** Every object and list of every registered module, as the trees of an empty analysis show them. */
export function describeModules(): DescribedResource[] {
  const analyzer = new Analyzer({ store: new Store({ memoryBudgetBytes: 64 * 2 ** 20 }), batchFrames: false });
  return analyzer.modules.flatMap((m) => describeTree(m.resource()));
}

let cached: Readonly<Record<string, JsonValue>> | undefined;

/** OpenAPI path items `/API/stats/modules/<module>/…` → `{get}`, built once per process. */
export function modulePaths(): Readonly<Record<string, JsonValue>> {
  if (cached) return cached;
  const paths: Record<string, JsonValue> = {};
  for (const node of describeModules()) paths[`/API/stats/modules/${node.path.join('/')}`] = { get: operation(node) };
  cached = paths;
  return paths;
}
