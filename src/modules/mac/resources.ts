/**
 * @module modules/mac/resources
 * REST subtree:
 *   mac                          totals: MACs live, created, evicted
 *   mac/macs                     the number of MACs; child :mac (aa:bb:cc:dd:ee:ff or with dashes)
 *   mac/macs/:mac                one MAC: mac, vendor, addressClass, locallyAdministered, counts of
 *                                peers/protocols/ips/vlans, firstSeen, lastSeen, counters, history;
 *                                children peers, protocols, ips, vlans (lists with their own traffic,
 *                                from this MAC's side: tx = sent by this MAC)
 *   mac/macs_paged               the MAC list (traffic columns, mac, vendor)
 *   mac/global                   unicast, broadcast, multicast totals (by destination) with history
 */
import { etherTypeName } from '../../analysis/names.js';
import { formatMac, parseMac } from '../../core/addresses.js';
import { entityListView, entityTraffic } from '../entity-list.js';
import type { JsonObject, JsonSchema, Resource } from '../resource.js';
import { extendedFields, extendedSearchText, withExtensions } from '../row-extension.js';
import { entityObject, entityParam, tableList } from '../l2-shared/resources.js';
import { ADDRESS_CLASS_NAMES, addressClassOf, isLocal } from './address-class.js';
import { vendorOf } from './oui.js';
import type { MacModule } from './index.js';
import { bool, int, nullable, objectSchema, str, withCounters, withTraffic } from '../traffic-schema.js';

const BASE = { mac: str, vendor: nullable(str) } as const;
const addressClass = { type: 'string', enum: [...ADDRESS_CLASS_NAMES] } as const;

export function macResource(m: MacModule): Resource {
  const { store, core } = m.ctx;
  const macs = core.macs, ips = core.ips;
  const ofMac = (t: MacModule['peers'], e: number): Int32Array => Int32Array.from(t.pairsOf(e, 0));
  const base = (e: number): JsonObject => {
    const mac = macs.macOf(e);
    return { mac: formatMac(mac), vendor: vendorOf(mac) };
  };

  // Other modules' fields (names …); they register after this module, so read when answering.
  const extensions = m.ctx.macExtensions;
  const extensionSchemas = (): Record<string, JsonSchema> => Object.assign({}, ...extensions.map((x) => x.schema ?? {})) as Record<string, JsonSchema>;
  const one = (e: number, text: string): Resource => entityObject(text, macs, store, e, () => {
    const mac = macs.macOf(e);
    return withExtensions({
      ...base(e),
      addressClass: ADDRESS_CLASS_NAMES[addressClassOf(mac)] ?? 'unicast',
      locallyAdministered: isLocal(mac),
      peers: m.peers.pairsOf(e, 0).length,
      protocols: m.protocols.pairsOf(e, 0).length,
      ips: m.ips.pairsOf(e, 0).length,
      vlans: m.vlans.pairsOf(e, 0).length,
    }, extensions, e);
  }, [
    tableList({
      name: 'peers', table: m.peers, store, ids: () => ofMac(m.peers, e),
      columns: [{ name: 'mac', type: 'string', value: (p) => macs.format(m.peers.keyBOf(p)) }],
      fields: (p) => base(m.peers.keyBOf(p)),
      searchText: (p) => macs.format(m.peers.keyBOf(p)),
      schema: BASE,
    }),
    tableList({
      name: 'protocols', table: m.protocols, store, ids: () => ofMac(m.protocols, e),
      columns: [{ name: 'protocol', type: 'string', value: (p) => etherTypeName(m.protocols.keyBOf(p)) }],
      fields: (p) => ({ protocol: etherTypeName(m.protocols.keyBOf(p)), value: m.protocols.keyBOf(p) }),
      searchText: (p) => etherTypeName(m.protocols.keyBOf(p)),
      schema: { protocol: str, value: int },
    }),
    tableList({
      name: 'ips', table: m.ips, store, ids: () => ofMac(m.ips, e),
      columns: [{ name: 'ip', type: 'string', value: (p) => ips.format(m.ips.keyBOf(p)) }],
      fields: (p) => ({ ip: ips.format(m.ips.keyBOf(p)), version: ips.versionOf(m.ips.keyBOf(p)) }),
      searchText: (p) => ips.format(m.ips.keyBOf(p)),
      schema: { ip: str, version: { type: 'integer', enum: [4, 6] } },
    }),
    tableList({
      name: 'vlans', table: m.vlans, store, ids: () => ofMac(m.vlans, e),
      columns: [{ name: 'vlan', type: 'number', value: (p) => m.vlans.keyBOf(p) }],
      fields: (p) => ({ vlan: m.vlans.keyBOf(p) }),
      searchText: (p) => String(m.vlans.keyBOf(p)),
      schema: { vlan: int },
    }),
  ], {
    ...BASE, addressClass, locallyAdministered: bool, peers: int, protocols: int, ips: int, vlans: int, ...extensionSchemas(),
  });

  const param = entityParam('mac', 'MAC address', (text) => {
    const mac = parseMac(text);
    return mac === null ? null : macs.find(mac);
  }, one);

  return {
    kind: 'object',
    name: m.name,
    schema: objectSchema({ macs: int, created: int, evicted: int, untracked: int }),
    get: () => ({ macs: macs.live, created: macs.created, evicted: macs.evicted, untracked: macs.untracked }),
    children: [
      { kind: 'object', name: 'macs', schema: objectSchema({ macs: int }), get: () => ({ macs: macs.live }), children: [param] },
      {
        kind: 'list', name: 'macs_paged', defaultSort: 'bytes',
        get schema() {
          const { props, optional, open } = extendedFields(BASE, extensions);
          return withTraffic(props, { optional, open });
        },
        open: (q) => entityListView({
          table: macs, store,
          columns: [
            { name: 'mac', type: 'string', value: (e) => macs.format(e) },
            { name: 'vendor', type: 'string', value: (e) => vendorOf(macs.macOf(e)) ?? '' },
            ...extensions.flatMap((x) => x.columns),
          ],
          searchText: (e) => extendedSearchText(`${macs.format(e)} ${vendorOf(macs.macOf(e)) ?? ''}`, extensions, e),
          json: (e) => withExtensions(base(e), extensions, e),
        }, q),
      },
      {
        kind: 'object', name: 'global',
        // Per destination class: counters and history, null when no frame of the class was seen.
        schema: objectSchema({ macs: int, ...Object.fromEntries(ADDRESS_CLASS_NAMES.map((n) => [n, nullable(withCounters({}))])) }),
        get: (q) => {
          const out: JsonObject = { macs: macs.live };
          ADDRESS_CLASS_NAMES.forEach((name, cls) => {
            const e = m.classes.find(cls, 0);
            out[name] = e < 0 ? null : entityTraffic(m.classes, store, e, q);
          });
          return out;
        },
      },
    ],
  };
}
