/**
 * @module modules/interfaces/resources
 * REST subtree (the appliance's /API/stats/interfaces):
 *   interfaces                    every interface: id, drops, counters (no history)
 *   interfaces/list               list of interfaces with traffic columns
 *   interfaces/list/:interface    one interface by id: counters and the per-second load history
 * Counters are [packets, bytes, 0, 0] (what the interface received). `drops` is 0: capture files
 * carry no drop counts per packet; live capture will fill it.
 */
import { entityTraffic, liveIds } from '../entity-list.js';
import type { JsonObject, Resource } from '../resource.js';
import { entityObject, entityParam, parseIntIn, tableList } from '../l2-shared/resources.js';
import type { InterfacesModule } from './index.js';
import { arrayOf, int, objectSchema, withCounters } from '../traffic-schema.js';

const FIELDS = { id: int, drops: { type: 'integer', minimum: 0, description: '0: capture files carry no drop counts' } } as const;

export function interfacesResource(m: InterfacesModule): Resource {
  const { store } = m.ctx;
  const t = m.interfaces;
  const fields = (e: number): JsonObject => ({ id: t.keyAOf(e), drops: 0 });
  const one = entityParam('interface', 'interface id', (text) => {
    const id = parseIntIn(text, 0, 0xffffffff);
    return id === null ? null : t.find(id, 0);
  }, (e, text) => entityObject(text, t, store, e, () => fields(e), undefined, FIELDS));
  return {
    kind: 'object',
    name: m.name,
    // Counters without history or first/last activity.
    schema: objectSchema({ interfaces: arrayOf(withCounters(FIELDS)) }),
    get: (q) => ({
      interfaces: Array.from(liveIds(t)).sort((a, b) => t.keyAOf(a) - t.keyAOf(b))
        .map((e) => ({ ...fields(e), ...entityTraffic(t, store, e, { ...q, skipHistory: true }) })),
    }),
    children: [
      tableList({
        name: 'list', table: t, store, defaultSort: 'id',
        columns: [{ name: 'id', type: 'number', value: (e) => t.keyAOf(e) }, { name: 'drops', type: 'number', value: () => 0 }],
        fields, searchText: (e) => String(t.keyAOf(e)), schema: FIELDS,
        children: [one],
      }),
    ],
  };
}
