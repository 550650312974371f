/**
 * @module modules/ip/resources
 * The REST subtree of the IP module:
 *   ip/ips                 counts; children :ip
 *   ip/ips/:ip             one address: counters, history, details; children peers, connections,
 *                          ports, qos, peers_ports (L4 endpoints), and those other modules add
 *   ip/ips_paged           the address list
 *   ip/pairs_paged         IP pairs
 *   ip/global              L3 protocols, L4 protocols, IPv4 fragments (counters + history)
 */
import { formatIpAddress, parseIpAddress } from '../../core/addresses.js';
import { ipProtocolName } from '../../analysis/names.js';
import { entityListView, entityTraffic, liveIds, type EntityColumn } from '../entity-list.js';
import type { JsonObject, JsonSchema, Resource, StatsQuery } from '../resource.js';
import { extendedFields, extendedSearchText, withExtensions } from '../row-extension.js';
import { connectionListView, connectionsOfAddress } from '../connections/connection-list.js';
import { dscpName } from './dscp.js';
import { withRemainderRow } from '../derived-row.js';
import { l4EndpointsView } from './l4-endpoints.js';
import { GlobalKind } from './ip-global.js';
import type { IpModule } from './index.js';
import { arrayOf, bool, counterSetSchema, countersProperties, int, nullable, num, objectSchema, str, withCounters, withTraffic } from '../traffic-schema.js';
import { connectionRowSchema } from '../connections/connection-schema.js';

/** The fields of an IP (list row and object) besides its traffic. */
const DETAILS = {
  ip: str, version: { type: 'integer', enum: [4, 6] }, peers: int,
  ttl: nullable(objectSchema({ min: int, max: int, avg: num })),
  mtu: objectSchema({ rx: int, tx: int }),
  tcpPackets: int, udpPackets: int, connectionsAsClient: int, connectionsAsServer: int,
  lastNewConnection: nullable(int),
} as const;

const GLOBAL = objectSchema({
  l3: arrayOf(withCounters({ protocol: { type: 'string', enum: ['IPv4', 'IPv6', 'non-IP'] } })),
  l4: arrayOf(withCounters({ protocol: str, number: int })),
  ipv4Fragments: { type: 'object', additionalProperties: false, properties: { packets: int, ...countersProperties } },
});

export function ipResource(m: IpModule): Resource {
  const { store, core } = m.ctx;
  const ips = core.ips, d = m.details;

  const extensions = m.ctx.ipExtensions;
  const details = (e: number): JsonObject => withExtensions({
    ip: ips.format(e),
    version: ips.versionOf(e),
    peers: d.peers[e] as number,
    ttl: d.ttl(e),
    mtu: { rx: d.mtuRx[e] as number, tx: d.mtuTx[e] as number },
    tcpPackets: d.tcpPackets[e] as number,
    udpPackets: d.udpPackets[e] as number,
    connectionsAsClient: d.clientConnections[e] as number,
    connectionsAsServer: d.serverConnections[e] as number,
    lastNewConnection: (d.lastConnectionUs[e] as number) < 0 ? null : Math.floor((d.lastConnectionUs[e] as number) / 1e6),
  }, extensions, e);
  // Extensions register after this module: schemas and columns are read when asked.
  const detailsSchema = (): JsonSchema => {
    const { props, optional, open } = extendedFields(DETAILS, extensions);
    return withTraffic(props, { optional, open });
  };
  const allColumns = (): EntityColumn[] => [...columns, ...extensions.flatMap((x) => x.columns)];
  const searchText = (e: number): string => extendedSearchText(ips.format(e), extensions, e);

  const columns: EntityColumn[] = [
    { name: 'ip', type: 'string', value: (e) => ips.format(e) },
    { name: 'version', type: 'number', value: (e) => ips.versionOf(e) },
    { name: 'peers', type: 'number', value: (e) => d.peers[e] as number },
    { name: 'ttlMin', type: 'number', value: (e) => d.ttl(e)?.min ?? Number.NaN },
    { name: 'ttlMax', type: 'number', value: (e) => d.ttl(e)?.max ?? Number.NaN },
    { name: 'ttlAvg', type: 'number', value: (e) => d.ttl(e)?.avg ?? Number.NaN },
    { name: 'mtuRx', type: 'number', value: (e) => d.mtuRx[e] as number },
    { name: 'mtuTx', type: 'number', value: (e) => d.mtuTx[e] as number },
    { name: 'tcpPackets', type: 'number', value: (e) => d.tcpPackets[e] as number },
    { name: 'udpPackets', type: 'number', value: (e) => d.udpPackets[e] as number },
  ];

  // Reads entity e only when answering: describe() builds it for e = -1.
  const one = (e: number, name: string): Resource => {
    const words = (): [number, number, number, number] => [0, 1, 2, 3].map((k) => ips.wordOf(e, k)) as [number, number, number, number];
    const ofThis = (side: 'pairs' | 'qos' | 'ports'): Int32Array =>
      Int32Array.from(side === 'pairs' ? m.pairs.pairsOf(e, 'either') : (side === 'qos' ? m.qos : m.ports).pairsOf(e, 0));
    return {
      kind: 'object',
      name,
      get schema() { return detailsSchema(); },
      get: (q) => ({ ...details(e), firstSeen: Math.floor((ips.firstSeenUs[e] as number) / 1e6),
        lastSeen: Math.floor((ips.lastSeenUs[e] as number) / 1e6), ...entityTraffic(ips, store, e, q) }),
      children: [
        {
          kind: 'list', name: 'peers', defaultSort: 'bytes',
          schema: withTraffic({ ip: str, thisIsLowerId: bool }),
          open: (q) => entityListView({
            table: m.pairs, store, ids: ofThis('pairs'),
            columns: [{ name: 'ip', type: 'string', value: (p) => ips.format(peerOf(m, p, e)) }],
            searchText: (p) => ips.format(peerOf(m, p, e)),
            // Counters from this IP's point of view: tx = this IP sent.
            json: (p) => ({ ip: ips.format(peerOf(m, p, e)), thisIsLowerId: m.pairs.keyAOf(p) === e }),
          }, q),
        },
        {
          kind: 'list', name: 'connections', defaultSort: 'bytes',
          get schema() { return connectionRowSchema(m.ctx.connectionExtensions); },
          open: (q) => connectionListView(core.connections, store, q,
            connectionsOfAddress(core.connections, ips.versionOf(e), ...words()), m.ctx.connectionExtensions),
        },
        {
          kind: 'list', name: 'ports', defaultSort: 'port',
          schema: withTraffic({ port: int, l4Protocol: str, connections: int }),
          open: (q) => entityListView({
            table: m.ports, store, ids: ofThis('ports'),
            columns: [{ name: 'port', type: 'number', value: (p) => m.ports.keyBOf(p) & 0xffff },
              { name: 'connections', type: 'number', value: (p) => m.ports.counters[p * 4] as number }],
            searchText: (p) => String(m.ports.keyBOf(p) & 0xffff),
            json: (p) => ({ port: m.ports.keyBOf(p) & 0xffff, l4Protocol: ipProtocolName(m.ports.keyBOf(p) >>> 16).toUpperCase(),
              connections: m.ports.counters[p * 4] as number }),
          }, q),
        },
        {
          kind: 'list', name: 'qos', defaultSort: 'bytes',
          // The derived CS0 row has no firstSeen/lastSeen; history is never included.
          schema: withTraffic({ dscp: int, class: str }, { optional: ['firstSeen', 'lastSeen'] }),
          // Marked traffic is stored per (IP, DSCP); the default class CS0 is the rest.
          open: (q) => withRemainderRow(entityListView({
            table: m.qos, store, ids: ofThis('qos'),
            columns: [{ name: 'dscp', type: 'number', value: (p) => m.qos.keyBOf(p) },
              { name: 'class', type: 'string', value: (p) => dscpName(m.qos.keyBOf(p)) }],
            searchText: (p) => dscpName(m.qos.keyBOf(p)),
            json: (p) => ({ dscp: m.qos.keyBOf(p), class: dscpName(m.qos.keyBOf(p)) }),
          }, { ...q, skipHistory: true }), entityListView({
            table: ips, store, ids: Int32Array.of(e),
            columns: [{ name: 'dscp', type: 'number', value: () => 0 }, { name: 'class', type: 'string', value: () => dscpName(0) }],
            searchText: () => dscpName(0),
            json: () => ({}),
          }, { ...q, skipHistory: true }), { values: { dscp: 0, class: dscpName(0) }, json: { dscp: 0, class: dscpName(0) } }),
        },
        {
          kind: 'list', name: 'peers_ports', defaultSort: 'bytes',
          schema: objectSchema({ peer: str, port: int, l4Protocol: str, peerRole: { type: 'string', enum: ['client', 'server'] }, connections: int,
            allTime: counterSetSchema, interval: counterSetSchema, intervalPerSecond: counterSetSchema }),
          open: (q) => l4EndpointsView(core.connections, ips, store, e, q),
        },
        ...m.ctx.ipChildren.map((child) => child(e)),
      ],
    };
  };

  return {
    kind: 'object',
    name: 'ip',
    schema: objectSchema({ ips: int, pairs: int }),
    get: () => ({ ips: ips.live, pairs: m.pairs.live }),
    children: [
      {
        kind: 'object',
        name: 'ips',
        schema: objectSchema({ count: int, ipv4: int, ipv6: int, untracked: int, evicted: int }),
        get: () => {
          let v4 = 0;
          for (let e = 0; e < ips.idBound; e++) if (ips.alive[e] !== 0 && ips.versionOf(e) === 4) v4++;
          return { count: ips.live, ipv4: v4, ipv6: ips.live - v4, untracked: ips.untracked, evicted: ips.evicted };
        },
        children: [{
          kind: 'param',
          name: ':ip',
          param: 'ip',
          resolve: (value) => {
            const a = parseIpAddress(value);
            if (a === null) return { badRequest: `not an IPv4 or IPv6 address: ${value}` };
            const e = ips.find(a.version, a.words, 0);
            if (e < 0) return { notFound: `no traffic seen for ${formatIpAddress(a)}` };
            return one(e, ips.format(e));
          },
          describe: () => one(-1, '{ip}'),
        }],
      },
      {
        kind: 'list',
        name: 'ips_paged',
        defaultSort: 'bytes',
        get schema() { return detailsSchema(); },
        open: (q) => entityListView({ table: ips, store, columns: allColumns(), searchText, json: details }, q),
      },
      {
        kind: 'list',
        name: 'pairs_paged',
        defaultSort: 'bytes',
        schema: withTraffic({ ipA: str, ipB: str }),
        open: (q) => entityListView({
          table: m.pairs, store,
          columns: [{ name: 'ipA', type: 'string', value: (p) => ips.format(m.pairs.keyAOf(p)) },
            { name: 'ipB', type: 'string', value: (p) => ips.format(m.pairs.keyBOf(p)) }],
          searchText: (p) => `${ips.format(m.pairs.keyAOf(p))} ${ips.format(m.pairs.keyBOf(p))}`,
          json: (p) => ({ ipA: ips.format(m.pairs.keyAOf(p)), ipB: ips.format(m.pairs.keyBOf(p)) }),
        }, q),
      },
      { kind: 'object', name: 'global', schema: GLOBAL, get: (q) => globalJson(m, q) },
    ],
  };
}

function peerOf(m: IpModule, pair: number, self: number): number {
  const a = m.pairs.keyAOf(pair);
  return a === self ? m.pairs.keyBOf(pair) : a;
}

function globalJson(m: IpModule, q: StatsQuery): JsonObject {
  const t = m.global.table, store = m.ctx.store;
  const l3: JsonObject[] = [], l4: JsonObject[] = [];
  let fragments: JsonObject = { packets: 0 };
  for (const e of liveIds(t)) {
    const kind = t.keyAOf(e), value = t.keyBOf(e);
    const traffic = entityTraffic(t, store, e, q);
    if (kind === GlobalKind.L3) l3.push({ protocol: value === 4 ? 'IPv4' : value === 6 ? 'IPv6' : 'non-IP', ...traffic });
    else if (kind === GlobalKind.L4) l4.push({ protocol: ipProtocolName(value).toUpperCase(), number: value, ...traffic });
    else fragments = { ...traffic };
  }
  return { l3, l4, ipv4Fragments: fragments };
}
