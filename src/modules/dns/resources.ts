/**
 * @module modules/dns/resources
 * The dns module's REST subtree: dns (global figures with history), dns/servers_paged (per
 * server), dns/servers/:ip (one server: figures, codes, history), dns/codes_paged (reply codes and
 * query types), dns/names_paged (the names asked for), dns/resolved_paged (address ↔ name from
 * answers). Figures: queries, responses, answered (matched to their query), timeouts, malformed,
 * responseSumUs, and response time avg/stddev/min/max in ms (min/max all time only).
 */
import { formatIpAddress, parseIpAddress } from '../../core/addresses.js';
import { dnsRcodeName, dnsTypeName } from '../../protocols/dns/parse.js';
import { historyJson, timeWindow } from '../../store/query.js';
import { entityListView, entityTraffic } from '../entity-list.js';
import type { JsonObject, JsonSchema, Resource, StatsQuery } from '../resource.js';
import { rowListView } from '../row-list.js';
import { NAME_ROW_SCHEMA, nameRowsView } from '../names/name-rows.js';
import { arrayOf, countersProperties, historySchema, int, nullable, num, objectSchema, str, withTraffic } from '../traffic-schema.js';
import { figuresJson, FIGURES, W } from './figures.js';
import { CodeKind, DNS_DEFAULTS, type DnsModule } from './index.js';

const nnum = nullable(num);
const FIGURE_PROPS: Record<string, JsonSchema> = {
  ...Object.fromEntries(FIGURES.filter((f) => f !== 'responseSumSqMs').map((f) => [f, num])),
  responseAvgMs: nnum, responseStddevMs: nnum, responseMinMs: nnum, responseMaxMs: nnum,
};
const figuresSchema = objectSchema(FIGURE_PROPS);
const KIND_NAMES = ['rcode', 'qtype'] as const;
const codeKind = { type: 'string', enum: [...KIND_NAMES] } as const;
const CODE = { kind: codeKind, code: int, name: str } as const;

function codeName(kind: number, value: number): string {
  return kind === CodeKind.Rcode ? dnsRcodeName(value) : dnsTypeName(value);
}

function codeJson(kind: number, value: number): JsonObject {
  return { kind: KIND_NAMES[kind] ?? 'rcode', code: value, name: codeName(kind, value) };
}

/** allTime / interval / lastSecond figures of one history entity; all-time min/max only. */
function figureSets(m: DnsModule, history: DnsModule['global'], e: number, allTime: Float64Array, allAt: number, mm: number, q: StatsQuery): JsonObject {
  const now = m.ctx.store.nowSec, w = timeWindow(now, q);
  const last = new Float64Array(W), interval = new Float64Array(W);
  history.sumRange(e, now - 1, now, last);
  history.sumRange(e, w.start, w.end, interval);
  const min = m.rtMinUs[mm] as number, max = m.rtMaxUs[mm] as number;
  const out: JsonObject = {
    allTime: figuresJson(allTime, allAt, min, max),
    lastSecond: figuresJson(last, 0, Infinity, -1),
    interval: figuresJson(interval, 0, Infinity, -1),
    figures: FIGURES.filter((f) => f !== 'responseSumSqMs'),
  };
  if (!q.skipHistory) out.history = historyJson(history, e, now, q);
  return out;
}

const FIGURE_SETS = { allTime: figuresSchema, lastSecond: figuresSchema, interval: figuresSchema, figures: arrayOf(str), history: historySchema } as const;

export const IP_DNS_SCHEMA: JsonSchema = objectSchema({
  ip: str, asClient: figuresSchema, asServer: nullable(figuresSchema), interval: figuresSchema, figures: arrayOf(str), history: historySchema,
  names: arrayOf(objectSchema({ name: str, source: str })),
}, { optional: ['history'] });

/**
 * ip/ips/:ip/dns: the address as a DNS client (figures over all the history the store keeps, and
 * over the request's interval, with history), as a server (all time; null when it answered none),
 * and the names DNS, mDNS and LLMNR answers gave it.
 */
export function ipDnsJson(m: DnsModule, ip: number, q: StatsQuery): JsonObject {
  const ips = m.ctx.core.ips, now = m.ctx.store.nowSec, w = timeWindow(now, q);
  const kept = new Float64Array(W), interval = new Float64Array(W);
  m.perClient.sumRange(ip, 0, now + 1, kept);
  m.perClient.sumRange(ip, w.start, w.end, interval);
  const s = m.servers.find(ip, 0);
  const text = ips.format(ip);
  const out: JsonObject = {
    ip: text,
    asClient: figuresJson(kept, 0, Infinity, -1),
    asServer: s < 0 ? null : figuresJson(m.serverAllTime, s * W, m.rtMinUs[s + 1] as number, m.rtMaxUs[s + 1] as number),
    interval: figuresJson(interval, 0, Infinity, -1),
    figures: FIGURES.filter((f) => f !== 'responseSumSqMs'),
    names: m.book.namesOf(text).filter((e) => e.source === 'dns' || e.source === 'mdns' || e.source === 'llmnr').map((e) => ({ name: e.name, source: e.source })),
  };
  if (!q.skipHistory) out.history = historyJson(m.perClient, ip, now, q);
  return out;
}

export function dnsResource(m: DnsModule): Resource {
  const { store, core } = m.ctx;
  const ips = core.ips, servers = m.servers, codes = m.codes, serverCodes = m.serverCodes;
  const serverIp = (s: number): string => ips.format(servers.keyAOf(s));
  const all = (s: number, k: number): number => m.serverAllTime[s * W + k] ?? 0;
  const serverFigures = (s: number): Record<string, number | null> => figuresJson(m.serverAllTime, s * W, m.rtMinUs[s + 1] as number, m.rtMaxUs[s + 1] as number);
  const figureColumns = FIGURES.filter((f) => f !== 'responseSumSqMs' && f !== 'responseSumUs').map((f, i) => ({
    name: f, type: 'number' as const, value: (s: number) => all(s, i),
  }));

  const oneServer = (s: number, name: string): Resource => ({
    kind: 'object', name,
    schema: objectSchema({ ip: str, ...FIGURE_SETS, codes: arrayOf(objectSchema({ ...CODE, count: num })), traffic: objectSchema(countersProperties, { optional: ['history'] }) },
      { optional: ['history'] }),
    get: (q) => ({
      ip: serverIp(s),
      ...figureSets(m, m.perServer, s, m.serverAllTime, s * W, s + 1, q),
      codes: serverCodes.pairsOf(s, 0).map((p) => ({ ...codeJson(serverCodes.keyBOf(p) >>> 16, serverCodes.keyBOf(p) & 0xffff), count: serverCodes.counters[p * 4] as number })),
      traffic: entityTraffic(servers, store, s, q),
    }),
  });

  return {
    kind: 'object',
    name: 'dns',
    schema: objectSchema({
      ...FIGURE_SETS, servers: int, messages: int, malformed: int, tcpSplit: int, pending: int, pendingRefused: int, names: int, namesEvicted: int,
      resolved: int, timeoutSec: num,
    }, { optional: ['history'] }),
    get: (q) => ({
      ...figureSets(m, m.global, 0, m.globalAllTime, 0, 0, q),
      servers: servers.live, messages: m.messages, malformed: m.malformed, tcpSplit: m.tcpSplit,
      pending: m.pending.size, pendingRefused: m.pending.refused, names: m.names.size, namesEvicted: m.names.evicted,
      resolved: m.book.size, timeoutSec: DNS_DEFAULTS.timeoutSec,
    }),
    children: [
      {
        kind: 'list', name: 'servers_paged', defaultSort: 'queries',
        schema: withTraffic({ ip: str, ...FIGURE_PROPS }),
        open: (q) => entityListView({
          table: servers, store,
          columns: [
            { name: 'ip', type: 'string', value: serverIp },
            ...figureColumns,
            { name: 'responseAvgMs', type: 'number', value: (s) => serverFigures(s).responseAvgMs ?? Number.NaN },
            { name: 'responseMaxMs', type: 'number', value: (s) => serverFigures(s).responseMaxMs ?? Number.NaN },
          ],
          searchText: serverIp,
          json: (s) => ({ ip: serverIp(s), ...serverFigures(s) }),
        }, q),
      },
      {
        kind: 'object', name: 'servers', schema: objectSchema({ count: int }), get: () => ({ count: servers.live }),
        children: [{
          kind: 'param', name: ':ip', param: 'ip',
          resolve: (value) => {
            const a = parseIpAddress(value);
            if (a === null) return { badRequest: `not an IPv4 or IPv6 address: ${value}` };
            const ip = ips.find(a.version, a.words, 0);
            const s = ip < 0 ? -1 : servers.find(ip, 0);
            if (s < 0) return { notFound: `no DNS server seen at ${formatIpAddress(a)}` };
            return oneServer(s, serverIp(s));
          },
          describe: () => oneServer(-1, '{ip}'),
        }],
      },
      {
        kind: 'list', name: 'codes_paged', defaultSort: 'packets',
        schema: withTraffic(CODE),
        open: (q) => entityListView({
          table: codes, store,
          columns: [
            { name: 'kind', type: 'string', value: (e) => KIND_NAMES[codes.keyAOf(e)] ?? '' },
            { name: 'code', type: 'number', value: (e) => codes.keyBOf(e) },
            { name: 'name', type: 'string', value: (e) => codeName(codes.keyAOf(e), codes.keyBOf(e)) },
          ],
          searchText: (e) => `${KIND_NAMES[codes.keyAOf(e)] ?? ''} ${codeName(codes.keyAOf(e), codes.keyBOf(e))}`,
          json: (e) => codeJson(codes.keyAOf(e), codes.keyBOf(e)),
        }, q),
      },
      {
        kind: 'list', name: 'names_paged', defaultSort: 'queries',
        schema: objectSchema({ name: str, queries: int, responses: int, lastType: str, addresses: arrayOf(str), firstSeen: int, lastSeen: int }),
        open: () => rowListView(m.names.all(), [
          { name: 'name', type: 'string', value: (r) => r.name },
          { name: 'queries', type: 'number', value: (r) => r.queries },
          { name: 'responses', type: 'number', value: (r) => r.responses },
          { name: 'lastType', type: 'string', value: (r) => dnsTypeName(r.lastType) },
          { name: 'firstSeen', type: 'number', value: (r) => r.firstSeen },
          { name: 'lastSeen', type: 'number', value: (r) => r.lastSeen },
        ], (r) => r.name, (r) => ({
          name: r.name, queries: r.queries, responses: r.responses, lastType: dnsTypeName(r.lastType),
          addresses: [...new Set(m.book.addressesOf(r.name).map((a) => a.ip))], firstSeen: r.firstSeen, lastSeen: r.lastSeen,
        })),
      },
      {
        kind: 'list', name: 'resolved_paged', defaultSort: 'lastSeen',
        schema: NAME_ROW_SCHEMA,
        open: () => nameRowsView([...m.book.all()].filter((r) => r.source === 'dns' || r.source === 'mdns' || r.source === 'llmnr')),
      },
    ],
  };
}
