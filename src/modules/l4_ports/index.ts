/**
 * @module modules/l4_ports
 * Layer-4 server ports: traffic per (L4 protocol, server port) with history, and the connections
 * each port accepted. The server side of a connection is the SYN's receiver for TCP, otherwise the
 * port heuristic (see flow/client-side.ts). Traffic to the server port counts as received.
 * REST: l4_ports/ports_paged (list), l4_ports/ports/:port (both protocols of one port).
 */
import type { PacketInfo } from '../../decode/packet-info.js';
import type { PacketRefs } from '../../pipeline/packet-refs.js';
import { CacheColumn } from '../../store/cache-column.js';
import { Counter } from '../../store/counters.js';
import { KeyTable } from '../../store/key-table.js';
import { resized } from '../../store/resize.js';
import { clientIsA } from '../connections/connection-list.js';
import { entityListView, entityTraffic, liveIds } from '../entity-list.js';
import type { MeasurementModule, ModuleContext } from '../module.js';
import type { JsonObject, Resource } from '../resource.js';
import { ipProtocolName } from '../../analysis/names.js';
import { serviceName } from './service-names.js';
import { arrayOf, int, objectSchema, str, withCounters, withTraffic } from '../traffic-schema.js';

const ROW = { l4Protocol: str, port: int, service: str, connections: int } as const;

export class L4PortsModule implements MeasurementModule {
  readonly name = 'l4_ports';
  readonly ctx: ModuleContext;
  /** (L4 protocol, server port). */
  readonly ports: KeyTable;
  /** Connections accepted per port entity. */
  connections = new Float64Array(0);
  private readonly cache: CacheColumn;

  constructor(ctx: ModuleContext) {
    this.ctx = ctx;
    this.ports = ctx.store.addTable(new KeyTable('l4_port', { initialCapacity: 1024 }));
    this.ports.listen({
      resize: (cap) => { this.connections = resized(this.connections, cap); },
      reset: (e) => { this.connections[e] = 0; },
      evicted: () => undefined,
    });
    this.ports.declareBytesPerEntity(8);
    this.cache = new CacheColumn(ctx.core.connections);
  }

  onPacket(_pi: PacketInfo, refs: PacketRefs): void {
    const c = refs.conn;
    if (c < 0) return;
    const t = this.ctx.core.connections;
    const proto = t.proto[c] as number;
    if (proto !== 6 && proto !== 17 && proto !== 132) return;
    const aIsClient = clientIsA(t, c) === 1;
    const port = (aIsClient ? t.portB[c] : t.portA[c]) as number;
    // The cache is empty exactly at the connection's first credit (it is cleared when an id is reused).
    const first = this.cache.column[c] === 0;
    const e = this.ports.upsertCached(this.cache.column, c, proto, port, refs.tsUs);
    if (e < 0) return;
    const toServer = refs.connFromA === aIsClient;
    this.ports.addTraffic(e, toServer ? Counter.RxPackets : Counter.TxPackets, refs.packets, refs.bytes);
    if (first) this.connections[e] = (this.connections[e] as number) + 1;
  }

  private row(e: number): JsonObject {
    const proto = this.ports.keyAOf(e), port = this.ports.keyBOf(e);
    return { l4Protocol: ipProtocolName(proto).toUpperCase(), port, service: serviceName(proto, port), connections: this.connections[e] as number };
  }

  resource(): Resource {
    const { store } = this.ctx;
    const t = this.ports;
    const idsOf = (port: number): number[] => Array.from(liveIds(t)).filter((e) => t.keyBOf(e) === port);
    // Reads the port's entities only when answering: describe() builds it for no port.
    const one = (port: number, name: string): Resource => ({
      kind: 'object', name,
      schema: objectSchema({ port: int, protocols: arrayOf(withCounters(ROW)) }),
      get: (q) => ({ port, protocols: idsOf(port).map((e) => ({ ...this.row(e), ...entityTraffic(t, store, e, q) })) }),
    });
    return {
      kind: 'object',
      name: 'l4_ports',
      schema: objectSchema({ ports: int }),
      get: () => ({ ports: t.live }),
      children: [
        {
          kind: 'list', name: 'ports_paged', defaultSort: 'bytes',
          schema: withTraffic(ROW),
          open: (q) => entityListView({
            table: t, store,
            columns: [
              { name: 'port', type: 'number', value: (e) => t.keyBOf(e) },
              { name: 'l4', type: 'string', value: (e) => ipProtocolName(t.keyAOf(e)).toUpperCase() },
              { name: 'service', type: 'string', value: (e) => serviceName(t.keyAOf(e), t.keyBOf(e)) },
              { name: 'connections', type: 'number', value: (e) => this.connections[e] as number },
            ],
            searchText: (e) => `${t.keyBOf(e)} ${serviceName(t.keyAOf(e), t.keyBOf(e))}`,
            json: (e) => this.row(e),
          }, q),
        },
        {
          kind: 'object', name: 'ports', schema: objectSchema({ count: int }), get: () => ({ count: t.live }),
          children: [{
            kind: 'param', name: ':port', param: 'port',
            resolve: (value) => {
              if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) return { badRequest: `port must be 0-65535: ${value}` };
              const port = Number(value);
              if (idsOf(port).length === 0) return { notFound: `no server traffic seen on port ${port}` };
              return one(port, value);
            },
            describe: () => one(-1, '{port}'),
          }],
        },
      ],
    };
  }
}

export function createL4PortsModule(ctx: ModuleContext): L4PortsModule {
  return new L4PortsModule(ctx);
}
