/**
 * @module modules/arp/resources
 * REST subtree:
 *   arp                 counts (allTime, interval …) of requests, replies, otherOps, gratuitous,
 *                       probes; bindings and conflicts seen
 *   arp/kinds/:kind     one count with its history (requests, replies, otherOps, gratuitous, probes)
 *   arp/table           list of bindings: ip, mac, first/last seen, frames announcing it (tx)
 *   arp/conflicts       IPs claimed by two or more MACs, with each MAC's first/last claim
 */
import { formatIpv4, formatMac } from '../../core/addresses.js';
import { entityTraffic, liveIds } from '../entity-list.js';
import type { JsonObject, Resource } from '../resource.js';
import { entityObject, entityParam, tableList } from '../l2-shared/resources.js';
import type { ArpModule } from './index.js';
import { ARP_KIND_NAMES } from './kinds.js';
import { arrayOf, int, nullable, objectSchema, str, withCounters } from '../traffic-schema.js';

const kindName = { type: 'string', enum: [...ARP_KIND_NAMES] } as const;
const BINDING = { ip: str, mac: str } as const;

/** Live bindings grouped by IP, only IPs with two MACs or more. */
function conflicts(m: ArpModule): Map<number, number[]> {
  const byIp = new Map<number, number[]>();
  for (const b of liveIds(m.bindings)) {
    const ip = m.bindings.keyBOf(b);
    const list = byIp.get(ip);
    if (list) list.push(b);
    else byIp.set(ip, [b]);
  }
  for (const [ip, list] of byIp) if (list.length < 2) byIp.delete(ip);
  return byIp;
}

export function arpResource(m: ArpModule): Resource {
  const { store } = m.ctx;
  const k = m.kinds, t = m.bindings;
  const sec = (us: number): number => Math.floor(us / 1e6);
  const bindingFields = (b: number): JsonObject => ({ ip: formatIpv4(t.keyBOf(b)), mac: formatMac(m.macOf(t.keyAOf(b))) });
  return {
    kind: 'object',
    name: m.name,
    // Per count: counters without history, null when never seen.
    schema: objectSchema({ ...Object.fromEntries(ARP_KIND_NAMES.map((n) => [n, nullable(withCounters({}))])), bindings: int, conflicts: int }),
    get: (q) => {
      const out: JsonObject = {};
      ARP_KIND_NAMES.forEach((name, kind) => {
        const e = k.find(kind, 0);
        out[name] = e < 0 ? null : entityTraffic(k, store, e, { ...q, skipHistory: true });
      });
      return { ...out, bindings: t.live, conflicts: conflicts(m).size };
    },
    children: [
      {
        kind: 'object', name: 'kinds',
        schema: objectSchema({ kinds: arrayOf(kindName) }),
        get: () => ({ kinds: [...ARP_KIND_NAMES] }),
        children: [entityParam('kind', 'ARP count', (text) => {
          const kind = ARP_KIND_NAMES.indexOf(text);
          return kind < 0 ? null : k.find(kind, 0);
        }, (e, text) => entityObject(text, k, store, e, () => ({ kind: text }), undefined, { kind: kindName }))],
      },
      tableList({
        name: 'table', table: t, store, defaultSort: 'lastSeen',
        columns: [
          { name: 'ip', type: 'string', value: (b) => formatIpv4(t.keyBOf(b)) },
          { name: 'mac', type: 'string', value: (b) => formatMac(m.macOf(t.keyAOf(b))) },
        ],
        fields: bindingFields,
        schema: BINDING,
        searchText: (b) => `${formatIpv4(t.keyBOf(b))} ${formatMac(m.macOf(t.keyAOf(b)))}`,
      }),
      {
        kind: 'object', name: 'conflicts',
        schema: objectSchema({
          conflicts: arrayOf(objectSchema({ ip: str, macs: arrayOf(objectSchema({ mac: str, firstSeen: int, lastSeen: int, frames: int })) })),
        }),
        get: () => ({
          conflicts: [...conflicts(m)].sort((a, b) => a[0] - b[0]).map(([ip, list]) => ({
            ip: formatIpv4(ip),
            macs: list.map((b) => ({
              mac: formatMac(m.macOf(t.keyAOf(b))), firstSeen: sec(t.firstSeenUs[b] as number), lastSeen: sec(t.lastSeenUs[b] as number),
              frames: t.counters[b * 4 + 2] as number,
            })),
          })),
        }),
      },
    ],
  };
}
