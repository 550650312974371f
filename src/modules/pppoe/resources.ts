/**
 * @module modules/pppoe/resources
 * REST subtree:
 *   pppoe                     totals: sessions seen, discovery frames per code
 *   pppoe/sessions            list of sessions: session id, macA, macB, traffic (tx = from macA)
 *   pppoe/sessions/:session   one session (decimal or 0x hex id): counters and history
 *   pppoe/discovery           list of discovery codes (PADI, PADO, PADR, PADS, PADT) with traffic
 */
import { formatMac } from '../../core/addresses.js';
import { liveIds } from '../entity-list.js';
import type { JsonObject, Resource } from '../resource.js';
import { entityObject, entityParam, parseIntIn, tableList } from '../l2-shared/resources.js';
import type { PppoeModule } from './index.js';
import { int, nullable, objectSchema, str } from '../traffic-schema.js';

/** macA/macB are null until a frame of the session named them. */
const SESSION = { session: int, hex: str, macA: nullable(str), macB: nullable(str) } as const;

const CODES: Readonly<Record<number, string>> = { 0x09: 'PADI', 0x07: 'PADO', 0x19: 'PADR', 0x65: 'PADS', 0xa7: 'PADT' };

export function discoveryCodeName(code: number): string {
  return CODES[code] ?? `0x${code.toString(16).padStart(2, '0')}`;
}

function parseSessionId(text: string): number | null {
  if (/^0x[0-9a-fA-F]{1,4}$/.test(text)) return parseInt(text.slice(2), 16);
  return parseIntIn(text, 0, 0xffff);
}

export function pppoeResource(m: PppoeModule): Resource {
  const { store } = m.ctx;
  const s = m.sessions, d = m.discovery;
  const mac = (v: number): string | null => (v < 0 ? null : formatMac(v));
  const sessionFields = (e: number): JsonObject => ({
    session: s.keyAOf(e), hex: `0x${s.keyAOf(e).toString(16).padStart(4, '0')}`,
    macA: mac(m.macA[e] as number), macB: mac(m.macB[e] as number),
  });
  return {
    kind: 'object',
    name: m.name,
    schema: objectSchema({
      sessions: int,
      discovery: { type: 'object', additionalProperties: int, description: 'frames per discovery code name (PADI, PADO, PADR, PADS, PADT, or 0xNN)' },
    }),
    get: () => {
      const discovery: JsonObject = {};
      for (const e of liveIds(d)) discovery[discoveryCodeName(d.keyAOf(e))] = (d.counters[e * 4] as number) + (d.counters[e * 4 + 2] as number);
      return { sessions: liveIds(s).length, discovery };
    },
    children: [
      tableList({
        name: 'sessions', table: s, store,
        columns: [
          { name: 'session', type: 'number', value: (e) => s.keyAOf(e) },
          { name: 'macA', type: 'string', value: (e) => mac(m.macA[e] as number) ?? '' },
          { name: 'macB', type: 'string', value: (e) => mac(m.macB[e] as number) ?? '' },
        ],
        fields: sessionFields,
        schema: SESSION,
        searchText: (e) => `${s.keyAOf(e)} ${mac(m.macA[e] as number) ?? ''} ${mac(m.macB[e] as number) ?? ''}`,
        children: [entityParam('session', 'PPPoE session id', (text) => {
          const id = parseSessionId(text);
          return id === null ? null : s.find(id, 0);
        }, (e, text) => entityObject(text, s, store, e, () => sessionFields(e), undefined, SESSION))],
      }),
      tableList({
        name: 'discovery', table: d, store, defaultSort: 'code',
        columns: [{ name: 'code', type: 'number', value: (e) => d.keyAOf(e) }, { name: 'name', type: 'string', value: (e) => discoveryCodeName(d.keyAOf(e)) }],
        fields: (e) => ({ code: d.keyAOf(e), name: discoveryCodeName(d.keyAOf(e)) }),
        schema: { code: int, name: str },
        searchText: (e) => discoveryCodeName(d.keyAOf(e)),
      }),
    ],
  };
}
