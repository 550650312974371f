/**
 * @module modules/mac_protocols/resources
 * REST subtree:
 *   mac_protocols                      totals: protocols seen, packets and bytes
 *   mac_protocols/protocols            list of protocols (traffic columns, protocol, kind, value)
 *   mac_protocols/protocols/:protocol  one protocol: counters and history (name, 0x0800, 2048, llc-0x42)
 * Counters are [packets, bytes, 0, 0] (a protocol has no direction).
 */
import { liveIds } from '../entity-list.js';
import type { Resource } from '../resource.js';
import { entityObject, entityParam, sumAllTime, tableList } from '../l2-shared/resources.js';
import type { MacProtocolsModule } from './index.js';
import { parseProtocol, protocolFields, type ProtocolFields } from './protocol-names.js';
import { int, objectSchema, str } from '../traffic-schema.js';

const FIELDS = { protocol: str, kind: { type: 'string', enum: ['ethertype', 'llc'] }, value: int, hex: str } as const;

export function macProtocolsResource(m: MacProtocolsModule): Resource {
  const { store } = m.ctx;
  const t = m.protocols;
  const fields = (e: number): ProtocolFields => protocolFields(t.keyAOf(e));
  const one = entityParam('protocol', 'MAC protocol', (text) => {
    const v = parseProtocol(text, Array.from(liveIds(t), (e) => t.keyAOf(e)));
    return v === null ? null : t.find(v, 0);
  }, (e, text) => entityObject(text, t, store, e, () => fields(e), undefined, FIELDS));
  return {
    kind: 'object',
    name: m.name,
    schema: objectSchema({ protocols: int, packets: int, bytes: int }),
    get: () => {
      const ids = liveIds(t);
      const [packets, bytes] = sumAllTime(t, ids);
      return { protocols: ids.length, packets, bytes };
    },
    children: [
      tableList({
        name: 'protocols', table: t, store,
        columns: [
          { name: 'protocol', type: 'string', value: (e) => fields(e).protocol },
          { name: 'value', type: 'number', value: (e) => t.keyAOf(e) },
        ],
        fields, searchText: (e) => `${fields(e).protocol} ${fields(e).hex}`, schema: FIELDS,
        children: [one],
      }),
    ],
  };
}
