/**
 * @module modules/vlan/resources
 * REST subtree:
 *   vlan                 totals: VLANs seen, tagged and untagged packets/bytes
 *   vlan/vlans           list of VLANs: key, vlan (id or null), depth ("outer", "inner", "inner2" …,
 *                        "none"), macs and ips (distinct addresses seen; null for "none"), traffic
 *   vlan/vlans/:vlan     one VLAN ("100" = "outer-100", "inner-200", "none"): counters, history;
 *                        children macs and ips (lists of the addresses with their own traffic)
 * Counters are [packets, bytes, 0, 0].
 */
import { entityListView, liveIds } from '../entity-list.js';
import type { JsonObject, Resource } from '../resource.js';
import type { PairTable } from '../../store/pair-table.js';
import { entityObject, entityParam, idsWhere, sumAllTime, tableList } from '../l2-shared/resources.js';
import { UNTAGGED, depthName, parseVlanKey, vlanKeyName } from './vlan-keys.js';
import type { VlanModule } from './index.js';
import { int, nullable, objectSchema, str, withTraffic } from '../traffic-schema.js';

/** vlan, macs and ips are null for "none" (untagged). */
const FIELDS = { key: str, vlan: nullable(int), depth: str, macs: nullable(int), ips: nullable(int) } as const;

/** Live pairs per VLAN entity. */
function pairCounts(pairs: PairTable, bound: number): Int32Array {
  const counts = new Int32Array(Math.max(1, bound));
  for (const p of liveIds(pairs)) {
    const v = pairs.keyAOf(p);
    if (v < counts.length) counts[v] = (counts[v] as number) + 1;
  }
  return counts;
}

export function vlanResource(m: VlanModule): Resource {
  const { store, core } = m.ctx;
  const t = m.vlans;
  const fields = (e: number, macs?: Int32Array, ips?: Int32Array): JsonObject => {
    const depth = t.keyAOf(e), id = t.keyBOf(e);
    const none = depth === UNTAGGED;
    const macCount = macs ? (macs[e] as number) : m.macs.pairsOf(e, 0).length;
    const ipCount = ips ? (ips[e] as number) : m.ips.pairsOf(e, 0).length;
    return { key: vlanKeyName(depth, id), vlan: none ? null : id, depth: depthName(depth), macs: none ? null : macCount, ips: none ? null : ipCount };
  };
  const one = entityParam('vlan', 'VLAN', (text) => {
    const k = parseVlanKey(text);
    return k === null ? null : t.find(k[0], k[1]);
  }, (e, text) => entityObject(text, t, store, e, () => fields(e), [
    tableList({
      name: 'macs', table: m.macs, store, ids: () => Int32Array.from(m.macs.pairsOf(e, 0)),
      columns: [{ name: 'mac', type: 'string', value: (p) => core.macs.format(m.macs.keyBOf(p)) }],
      fields: (p) => ({ mac: core.macs.format(m.macs.keyBOf(p)) }),
      searchText: (p) => core.macs.format(m.macs.keyBOf(p)),
      schema: { mac: str },
    }),
    tableList({
      name: 'ips', table: m.ips, store, ids: () => Int32Array.from(m.ips.pairsOf(e, 0)),
      columns: [{ name: 'ip', type: 'string', value: (p) => core.ips.format(m.ips.keyBOf(p)) }],
      fields: (p) => ({ ip: core.ips.format(m.ips.keyBOf(p)) }),
      searchText: (p) => core.ips.format(m.ips.keyBOf(p)),
      schema: { ip: str },
    }),
  ], FIELDS));
  return {
    kind: 'object',
    name: m.name,
    schema: objectSchema({ vlans: int, taggedPackets: int, taggedBytes: int, untaggedPackets: int, untaggedBytes: int }),
    get: () => {
      const untagged = idsWhere(t, (e) => t.keyAOf(e) === UNTAGGED);
      const outer = idsWhere(t, (e) => t.keyAOf(e) === 0);
      const [uPackets, uBytes] = sumAllTime(t, untagged);
      const [tPackets, tBytes] = sumAllTime(t, outer);
      return { vlans: liveIds(t).length - untagged.length, taggedPackets: tPackets, taggedBytes: tBytes, untaggedPackets: uPackets, untaggedBytes: uBytes };
    },
    children: [
      {
        kind: 'list',
        name: 'vlans',
        defaultSort: 'bytes',
        schema: withTraffic(FIELDS),
        children: [one],
        open: (q) => {
          // Distinct MACs and IPs per VLAN: one pass over each pair table per request.
          const macs = pairCounts(m.macs, t.idBound), ips = pairCounts(m.ips, t.idBound);
          return entityListView({
            table: t, store,
            columns: [
              { name: 'vlan', type: 'number', value: (e) => (t.keyAOf(e) === UNTAGGED ? -1 : t.keyBOf(e)) },
              { name: 'depth', type: 'string', value: (e) => depthName(t.keyAOf(e)) },
              { name: 'key', type: 'string', value: (e) => vlanKeyName(t.keyAOf(e), t.keyBOf(e)) },
              { name: 'macs', type: 'number', value: (e) => macs[e] as number },
              { name: 'ips', type: 'number', value: (e) => ips[e] as number },
            ],
            json: (e) => fields(e, macs, ips),
            searchText: (e) => vlanKeyName(t.keyAOf(e), t.keyBOf(e)),
          }, q);
        },
      },
    ],
  };
}
