/**
 * @module protocols/heuristics/databases
 * Database wire protocols: MySQL (server greeting: 3-byte length, sequence 0, protocol 10, a
 * version string), PostgreSQL (StartupMessage 3.0, SSLRequest, GSSENCRequest), Redis (RESP
 * array of bulk strings; simple replies on port 6379), MongoDB (message header with a known
 * opcode), MS SQL TDS (packet header on port 1433), Oracle TNS (packet header on 1521), memcached
 * text commands on 11211.
 */
import { u16be, u32be, u32le } from '../../core/bytes.js';
import { protocolIndex } from '../registry.js';
import { ascii, bytesAt, type Probe, type ProbeInput } from '../probe.js';

const MYSQL = protocolIndex('mysql'), POSTGRES = protocolIndex('postgresql'), REDIS = protocolIndex('redis');
const MONGODB = protocolIndex('mongodb'), TDS = protocolIndex('tds'), ORACLE = protocolIndex('oracle');
const MEMCACHED = protocolIndex('memcached');

export const mysqlGreetingProbe: Probe = {
  name: 'mysql', l4: 'tcp', minLen: 10,
  match(x: ProbeInput): number {
    if (x.fromClient) return 0;
    const d = x.data, o = x.off;
    const length = (d[o] as number) | ((d[o + 1] as number) << 8) | ((d[o + 2] as number) << 16);
    if (length + 4 !== x.len || d[o + 3] !== 0 || d[o + 4] !== 0x0a) return 0;
    const major = d[o + 5] as number;
    return major >= 0x33 && major <= 0x39 && d[o + 6] === 0x2e ? MYSQL : 0;
  },
};

export const postgresProbe: Probe = {
  name: 'postgresql', l4: 'tcp', minLen: 8, firstBytes: [0x00],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    if (!x.fromClient || u32be(d, o) !== x.len) return 0;
    const code = u32be(d, o + 4);
    if (x.len === 8) return code === 0x04d2162f || code === 0x04d21630 ? POSTGRES : 0;
    return code === 0x00030000 ? POSTGRES : 0;
  },
};

const BULK = ascii('\r\n$'), PONG = ascii('+PONG\r\n'), OK = ascii('+OK\r\n'), ERR = ascii('-ERR ');

export const redisProbe: Probe = {
  name: 'redis', l4: 'tcp', minLen: 4, firstBytes: [0x2a, 0x2b, 0x2d],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off, limit = o + x.len;
    if (d[o] === 0x2a) {
      let i = o + 1;
      while (i < limit && i < o + 6 && (d[i] as number) >= 0x30 && (d[i] as number) <= 0x39) i++;
      return i > o + 1 && bytesAt(d, i, limit, BULK) ? REDIS : 0;
    }
    if (x.serverPort !== 6379) return 0;
    return bytesAt(d, o, limit, PONG) || bytesAt(d, o, limit, OK) || bytesAt(d, o, limit, ERR) ? REDIS : 0;
  },
};

export const mongodbProbe: Probe = {
  name: 'mongodb', l4: 'tcp', minLen: 16,
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    const length = u32le(d, o);
    if (length < 16 || length > 48_000_000 || length < x.len) return 0;
    const op = u32le(d, o + 12);
    return op === 2013 || op === 2004 || op === 1 || op === 2012 ? (length === x.len || x.serverPort === 27017 ? MONGODB : 0) : 0;
  },
};

export const tdsProbe: Probe = {
  name: 'tds', l4: 'tcp', minLen: 8, firstBytes: [0x01, 0x02, 0x03, 0x04, 0x06, 0x07, 0x0e, 0x0f, 0x10, 0x11, 0x12], ports: [1433],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    return (d[o + 1] as number) <= 0x1f && u16be(d, o + 2) >= 8 && u16be(d, o + 2) <= 32768 ? TDS : 0;
  },
};

export const tnsProbe: Probe = {
  name: 'oracle-tns', l4: 'tcp', minLen: 8, ports: [1521, 1526],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off;
    const type = d[o + 4] as number;
    return (u16be(d, o) === x.len || u32be(d, o) === x.len) && type >= 1 && type <= 19 ? ORACLE : 0;
  },
};

const MC_CMDS = ['get ', 'gets ', 'set ', 'add ', 'delete ', 'incr ', 'decr ', 'stats', 'version', 'VALUE ', 'STORED', 'END\r\n'].map(ascii);

export const memcachedProbe: Probe = {
  name: 'memcached', l4: 'tcp', minLen: 4, ports: [11211],
  match(x: ProbeInput): number {
    const d = x.data, o = x.off, limit = o + x.len;
    for (const c of MC_CMDS) if (bytesAt(d, o, limit, c)) return MEMCACHED;
    return 0;
  },
};

export const DATABASE_PROBES: readonly Probe[] = [postgresProbe, redisProbe, tdsProbe, tnsProbe, memcachedProbe];
/** Length-only framings, tried late: they accept little else. */
export const DATABASE_LATE_PROBES: readonly Probe[] = [mysqlGreetingProbe, mongodbProbe];
