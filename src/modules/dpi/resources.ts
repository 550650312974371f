/**
 * @module modules/dpi/resources
 * The dpi module's REST subtree: dpi (summary), dpi/protocols_paged (traffic per application
 * protocol), dpi/protocols/:protocol (one protocol by id or name, with history), dpi/ips_paged
 * (traffic per IP and protocol), dpi/catalog (every protocol the engine knows, with its ports).
 */
import { CATEGORIES, PROTOCOLS, findProtocol, protocolInfo, type PortSpec } from '../../protocols/registry.js';
import { entityListView, entityTraffic } from '../entity-list.js';
import type { JsonObject, JsonSchema, JsonValue, Resource } from '../resource.js';
import { arrayOf, countersProperties, int, objectSchema, str, withTraffic } from '../traffic-schema.js';
import type { DpiModule } from './index.js';

const category: JsonSchema = { type: 'string', enum: [...CATEGORIES] };
const PROTOCOL = { protocol: str, id: str, category } as const;
/** A port, or an inclusive range "first-last". */
const ports = arrayOf({ oneOf: [int, { type: 'string', pattern: '^[0-9]+-[0-9]+$' }] });

function portsJson(ports: readonly PortSpec[] | undefined): JsonValue[] {
  return (ports ?? []).map((p) => (typeof p === 'number' ? p : `${p[0]}-${p[1]}`));
}

function protocolJson(index: number): JsonObject {
  const info = protocolInfo(index);
  return { protocol: info.name, id: info.id, category: info.category };
}

export function dpiResource(m: DpiModule): Resource {
  const { store } = m.ctx;
  const t = m.protocols, pairs = m.ipProtocols, ips = m.ctx.core.ips;
  // Reads the protocol only when answering: describe() builds it for no protocol (index and entity -1).
  const one = (index: number, e: number, name: string): Resource => ({
    kind: 'object', name,
    // An entity without firstSeen/lastSeen (entityTraffic only).
    schema: objectSchema({ ...PROTOCOL, tcpPorts: ports, udpPorts: ports, connections: int, ...countersProperties }, { optional: ['history'] }),
    get: (q) => ({
      ...protocolJson(index),
      tcpPorts: portsJson(protocolInfo(index).tcp),
      udpPorts: portsJson(protocolInfo(index).udp),
      connections: m.connectionsPerProtocol()[index] ?? 0,
      ...entityTraffic(t, store, e, q),
    }),
  });
  return {
    kind: 'object',
    name: 'dpi',
    schema: objectSchema({ protocols: int, knownProtocols: int, packetBudget: int, inspectedPackets: int, probeCalls: int }),
    get: () => ({
      protocols: t.live,
      knownProtocols: PROTOCOLS.length - 1,
      packetBudget: m.packetBudget,
      inspectedPackets: m.detector.inspectedPackets,
      probeCalls: m.detector.probeCalls,
    }),
    children: [
      {
        kind: 'list', name: 'protocols_paged', defaultSort: 'bytes',
        schema: withTraffic({ ...PROTOCOL, connections: int }),
        open: (q) => {
          const connections = m.connectionsPerProtocol();
          return entityListView({
            table: t, store,
            columns: [
              { name: 'protocol', type: 'string', value: (e) => protocolInfo(t.keyAOf(e)).name },
              { name: 'id', type: 'string', value: (e) => protocolInfo(t.keyAOf(e)).id },
              { name: 'category', type: 'string', value: (e) => protocolInfo(t.keyAOf(e)).category },
              { name: 'connections', type: 'number', value: (e) => connections[t.keyAOf(e)] ?? 0 },
            ],
            searchText: (e) => `${protocolInfo(t.keyAOf(e)).name} ${protocolInfo(t.keyAOf(e)).id}`,
            json: (e) => ({ ...protocolJson(t.keyAOf(e)), connections: connections[t.keyAOf(e)] ?? 0 }),
          }, q);
        },
      },
      {
        kind: 'object', name: 'protocols', schema: objectSchema({ count: int }), get: () => ({ count: t.live }),
        children: [{
          kind: 'param', name: ':protocol', param: 'protocol',
          resolve: (value) => {
            if (value.length === 0 || value.length > 64) return { badRequest: `protocol must be an id or a name: ${value}` };
            const info = findProtocol(value);
            if (!info) return { notFound: `unknown protocol: ${value}` };
            const e = t.find(info.index, 0);
            if (e < 0) return { notFound: `no ${info.name} traffic seen` };
            return one(info.index, e, value);
          },
          describe: () => one(-1, -1, '{protocol}'),
        }],
      },
      {
        kind: 'list', name: 'ips_paged', defaultSort: 'bytes',
        schema: withTraffic({ ip: str, ...PROTOCOL }),
        open: (q) => entityListView({
          table: pairs, store,
          columns: [
            { name: 'ip', type: 'string', value: (e) => ips.format(pairs.keyAOf(e)) },
            { name: 'protocol', type: 'string', value: (e) => protocolInfo(pairs.keyBOf(e)).name },
            { name: 'category', type: 'string', value: (e) => protocolInfo(pairs.keyBOf(e)).category },
          ],
          searchText: (e) => `${ips.format(pairs.keyAOf(e))} ${protocolInfo(pairs.keyBOf(e)).name}`,
          json: (e) => ({ ip: ips.format(pairs.keyAOf(e)), ...protocolJson(pairs.keyBOf(e)) }),
        }, q),
      },
      {
        kind: 'object', name: 'catalog',
        schema: objectSchema({
          protocols: arrayOf(objectSchema({ id: str, name: str, category, tcpPorts: ports, udpPorts: ports, ipProtocol: int }, { optional: ['ipProtocol'] })),
        }),
        get: () => ({
          protocols: PROTOCOLS.slice(1).map((p) => ({
            id: p.id, name: p.name, category: p.category, tcpPorts: portsJson(p.tcp), udpPorts: portsJson(p.udp),
            ...(p.ipProto === undefined ? {} : { ipProtocol: p.ipProto }),
          })),
        }),
      },
    ],
  };
}
