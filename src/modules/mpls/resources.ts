/**
 * @module modules/mpls/resources
 * REST subtree:
 *   mpls                    totals: labelled frames, deepest stack, labels and stacks seen
 *   mpls/labels             list of top labels; child :label (decimal)
 *   mpls/stacks             list of two-label stacks (outer, inner); child :stack ("outer/inner" or "outer-inner")
 * Each: counters [packets, bytes, 0, 0] and history.
 */
import type { JsonObject, Resource } from '../resource.js';
import { entityObject, entityParam, idsWhere, parseIntIn, tableList } from '../l2-shared/resources.js';
import type { MplsModule } from './index.js';
import { SINGLE } from './keys.js';
import { int, objectSchema, str } from '../traffic-schema.js';

const LABEL = { label: int } as const;
const STACK = { stack: str, outer: int, inner: int } as const;

const MAX_LABEL = 0xfffff;

export function mplsResource(m: MplsModule): Resource {
  const { store } = m.ctx;
  const t = m.labels;
  const single = (): Int32Array => idsWhere(t, (e) => t.keyBOf(e) === SINGLE);
  const stacks = (): Int32Array => idsWhere(t, (e) => t.keyBOf(e) !== SINGLE);
  const labelFields = (e: number): JsonObject => ({ label: t.keyAOf(e) });
  const stackFields = (e: number): JsonObject => ({ stack: `${t.keyAOf(e)}/${t.keyBOf(e)}`, outer: t.keyAOf(e), inner: t.keyBOf(e) });
  return {
    kind: 'object',
    name: m.name,
    schema: objectSchema({ labelledFrames: int, deepestStack: int, labels: int, stacks: int }),
    get: () => ({ labelledFrames: m.labelledFrames, deepestStack: m.deepestStack, labels: single().length, stacks: stacks().length }),
    children: [
      tableList({
        name: 'labels', table: t, store, ids: single,
        columns: [{ name: 'label', type: 'number', value: (e) => t.keyAOf(e) }],
        fields: labelFields, searchText: (e) => String(t.keyAOf(e)), schema: LABEL,
        children: [entityParam('label', 'MPLS label', (text) => {
          const v = parseIntIn(text, 0, MAX_LABEL);
          return v === null ? null : t.find(v, SINGLE);
        }, (e, text) => entityObject(text, t, store, e, () => labelFields(e), undefined, LABEL))],
      }),
      tableList({
        name: 'stacks', table: t, store, ids: stacks,
        columns: [{ name: 'outer', type: 'number', value: (e) => t.keyAOf(e) }, { name: 'inner', type: 'number', value: (e) => t.keyBOf(e) }],
        fields: stackFields, searchText: (e) => `${t.keyAOf(e)}/${t.keyBOf(e)}`, schema: STACK,
        children: [entityParam('stack', 'MPLS label pair', (text) => {
          const mm = /^(\d{1,7})[/-](\d{1,7})$/.exec(text);
          if (!mm) return null;
          const a = parseIntIn(mm[1] ?? '', 0, MAX_LABEL), b = parseIntIn(mm[2] ?? '', 0, MAX_LABEL);
          return a === null || b === null ? null : t.find(a, b);
        }, (e, text) => entityObject(text, t, store, e, () => stackFields(e), undefined, STACK))],
      }),
    ],
  };
}
