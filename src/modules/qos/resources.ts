/**
 * @module modules/qos/resources
 * REST subtree:
 *   qos                    totals per kind (packets, bytes, values seen)
 *   qos/dscp               list of DSCP values (value, name: EF, AF41, CS0 …); child :dscp (value or name)
 *   qos/pcp                list of VLAN PCP values (value, name: BE, BK … NC); child :pcp
 *   qos/mpls_tc            list of MPLS TC values; child :tc
 * Each value: counters [packets, bytes, 0, 0] and history.
 */
import type { JsonObject, Resource } from '../resource.js';
import { entityObject, entityParam, idsWhere, parseIntIn, sumAllTime, tableList } from '../l2-shared/resources.js';
import { dscpName, parseDscp, pcpName } from './dscp.js';
import type { QosModule } from './index.js';
import { QosKind } from './kinds.js';
import { int, objectSchema, str } from '../traffic-schema.js';

const FIELDS = { value: int, name: str } as const;

interface KindSpec {
  readonly kind: number;
  readonly list: string;
  readonly param: string;
  name(v: number): string;
  parse(text: string): number | null;
}

const KINDS: readonly KindSpec[] = [
  { kind: QosKind.Dscp, list: 'dscp', param: 'dscp', name: dscpName, parse: parseDscp },
  { kind: QosKind.Pcp, list: 'pcp', param: 'pcp', name: pcpName, parse: (t) => parseIntIn(t, 0, 7) },
  { kind: QosKind.MplsTc, list: 'mpls_tc', param: 'tc', name: (v) => `TC ${v}`, parse: (t) => parseIntIn(t, 0, 7) },
];

export function qosResource(m: QosModule): Resource {
  const { store } = m.ctx;
  const t = m.marks;
  const fields = (k: KindSpec, e: number): JsonObject => ({ value: t.keyBOf(e), name: k.name(t.keyBOf(e)) });
  return {
    kind: 'object',
    name: m.name,
    schema: objectSchema(Object.fromEntries(KINDS.map((k) => [k.list, objectSchema({ values: int, packets: int, bytes: int })]))),
    get: () => {
      const out: JsonObject = {};
      for (const k of KINDS) {
        const ids = idsWhere(t, (e) => t.keyAOf(e) === k.kind);
        const [packets, bytes] = sumAllTime(t, ids);
        out[k.list] = { values: ids.length, packets, bytes };
      }
      return out;
    },
    children: KINDS.map((k) => tableList({
      name: k.list, table: t, store, defaultSort: 'value',
      ids: () => idsWhere(t, (e) => t.keyAOf(e) === k.kind),
      columns: [{ name: 'value', type: 'number', value: (e) => t.keyBOf(e) }, { name: 'name', type: 'string', value: (e) => k.name(t.keyBOf(e)) }],
      fields: (e) => fields(k, e),
      searchText: (e) => `${t.keyBOf(e)} ${k.name(t.keyBOf(e))}`,
      schema: FIELDS,
      children: [entityParam(k.param, k.list, (text) => {
        const v = k.parse(text);
        return v === null ? null : t.find(k.kind, v);
      }, (e, text) => entityObject(text, t, store, e, () => fields(k, e), undefined, FIELDS))],
    })),
  };
}
