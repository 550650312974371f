/**
 * @module modules/tcp/connection-columns
 * The TCP columns of the connection lists (global and per IP): handshake and response times,
 * retransmissions, duplicate ACKs, missed data, flag counts per direction, termination, MSS,
 * windows (max, min, limit with its scale, usage), bytes in flight, zero windows, validity.
 * Directions are named from the roles: c2s (client to server) and s2c.
 */
import type { ConnectionTable } from '../../flow/connection-table.js';
import type { TcpSlots } from '../../flow/tcp/index.js';
import { FlagCount } from '../../flow/tcp/index.js';
import { clientIsA, type ConnectionExtension } from '../connections/connection-list.js';
import type { EntityColumn } from '../entity-list.js';
import type { JsonObject } from '../resource.js';
import { ms } from './figures.js';
import { TCP_CONNECTION_SCHEMA } from './schemas.js';

const TERMINATION = ['open', 'FIN', 'RST', 'timeout'];

export function tcpConnectionColumns(t: ConnectionTable, tcp: TcpSlots): ConnectionExtension {
  const m = tcp.metrics;
  /** Metrics index of direction c2s (toServer) or s2c of connection e; -1 for non-TCP. */
  const dirIndex = (e: number, toServer: boolean): number => {
    const s = tcp.of(e);
    if (s < 0) return -1;
    const aIsClient = clientIsA(t, e) === 1;
    return s * 2 + (aIsClient === toServer ? 0 : 1);
  };
  const num = (name: string, f: (e: number, s: number) => number): EntityColumn => ({
    name, type: 'number', value: (e) => { const s = tcp.of(e); return s < 0 ? Number.NaN : f(e, s); },
  });
  const perDir = (name: string, f: (k: number) => number): EntityColumn[] => [
    { name: `${name}C2s`, type: 'number', value: (e) => { const k = dirIndex(e, true); return k < 0 ? Number.NaN : f(k); } },
    { name: `${name}S2c`, type: 'number', value: (e) => { const k = dirIndex(e, false); return k < 0 ? Number.NaN : f(k); } },
  ];
  const retransPercent = (k: number): number => {
    const p = m.payloadBytes[k] as number;
    return p > 0 ? Math.round(((m.retransBytes[k] as number) / p) * 10000) / 100 : 0;
  };
  const usage = (k: number): number => {
    const s = k >>> 1, dir = k & 1;
    return Math.round(((m.maxWindow[k] as number) / m.windowLimit(s, dir)) * 10000) / 100;
  };
  const columns: EntityColumn[] = [
    num('handshakeMs', (_e, s) => (m.handshakeUs(s) < 0 ? Number.NaN : ms(m.handshakeUs(s)))),
    ...perDir('responseMaxMs', (k) => ((m.responseCount[k] as number) > 0 ? ms(m.responseMaxUs[k] as number) : Number.NaN)),
    ...perDir('responseAvgMs', (k) => ((m.responseCount[k] as number) > 0 ? ms((m.responseSumUs[k] as number) / (m.responseCount[k] as number)) : Number.NaN)),
    ...perDir('payloadBytes', (k) => m.payloadBytes[k] as number),
    ...perDir('retransBytes', (k) => m.retransBytes[k] as number),
    ...perDir('retransPercent', retransPercent),
    ...perDir('dupAcks', (k) => m.dupAcks[k] as number),
    ...perDir('missedBytes', (k) => m.missedBytes[k] as number),
    ...perDir('zeroWindow', (k) => m.zeroWindow[k] as number),
    ...perDir('maxWindow', (k) => m.maxWindow[k] as number),
    ...perDir('windowUsagePercent', usage),
    ...perDir('maxInFlight', (k) => m.maxInFlight[k] as number),
    ...perDir('rst', (k) => m.flagCount(k >>> 1, k & 1, FlagCount.Rst)),
    { name: 'termination', type: 'string', value: (e) => { const s = tcp.of(e); return s < 0 ? '' : TERMINATION[m.termination[s] as number] ?? ''; } },
    { name: 'valid', type: 'number', value: (e) => { const s = tcp.of(e); return s < 0 ? Number.NaN : m.isValid(s) ? 1 : 0; } },
  ];
  const direction = (e: number, toServer: boolean): JsonObject => {
    const k = dirIndex(e, toServer), s = k >>> 1, dir = k & 1;
    const responses = m.responseCount[k] as number;
    return {
      payloadBytes: m.payloadBytes[k] as number,
      retransPackets: m.retransPackets[k] as number,
      retransBytes: m.retransBytes[k] as number,
      retransPercent: retransPercent(k),
      fastRetrans: m.fastRetrans[k] as number,
      spuriousRetrans: m.spuriousRetrans[k] as number,
      outOfOrder: m.outOfOrder[k] as number,
      dupAcks: m.dupAcks[k] as number,
      missedBytes: m.missedBytes[k] as number,
      zeroWindow: m.zeroWindow[k] as number,
      syn: m.flagCount(s, dir, FlagCount.Syn),
      synAck: m.flagCount(s, dir, FlagCount.SynAck),
      fin: m.flagCount(s, dir, FlagCount.Fin),
      rst: m.flagCount(s, dir, FlagCount.Rst),
      mss: m.mssOrDefault(s, dir, t.version[e] as number),
      mssAnnounced: (m.mss[k] as number) > 0,
      maxWindow: m.maxWindow[k] as number,
      minWindow: m.minWindowOf(s, dir),
      windowLimit: m.windowLimit(s, dir),
      windowScale: m.windowScaleAgreed(s) ? m.windowShift(s, dir) : null,
      windowUsagePercent: usage(k),
      maxInFlight: m.maxInFlight[k] as number,
      responses,
      responseAvgMs: responses > 0 ? ms((m.responseSumUs[k] as number) / responses) : null,
      responseMaxMs: responses > 0 ? ms(m.responseMaxUs[k] as number) : null,
    };
  };
  return {
    columns,
    schema: TCP_CONNECTION_SCHEMA,
    optionalFields: ['tcp'],
    json: (e) => {
      const s = tcp.of(e);
      if (s < 0) return {};
      const hs = m.handshakeUs(s);
      return {
        tcp: {
          handshakeMs: hs < 0 ? null : ms(hs),
          serverDelayMs: (m.serverDelayUs[s] as number) < 0 ? null : ms(m.serverDelayUs[s] as number),
          clientDelayMs: (m.clientDelayUs[s] as number) < 0 ? null : ms(m.clientDelayUs[s] as number),
          termination: TERMINATION[m.termination[s] as number] ?? 'open',
          valid: m.isValid(s),
          clientToServer: direction(e, true),
          serverToClient: direction(e, false),
        },
      };
    },
  };
}

