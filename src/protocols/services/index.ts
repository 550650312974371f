/**
 * @module protocols/services
 * Server name (TLS SNI, QUIC SNI, HTTP Host) → named service, by domain suffix: the name, then each
 * parent domain, is looked up in one map (at most one lookup per label; a port in a Host is cut).
 * Answers a registry index, 0 when no service matches. Called once per connection, when the
 * dissector stores the name; answers are remembered per name (bounded).
 */
import { protocolIndex } from '../registry.js';
import { SERVICES } from './specs.js';

const BY_DOMAIN = new Map<string, number>();
for (const svc of SERVICES) for (const d of svc.domains) if (!BY_DOMAIN.has(d)) BY_DOMAIN.set(d, protocolIndex(svc.id));

/** Answers by the name as given: the same few names come back on connection after connection. */
const memo = new Map<string, number>();
const MEMO_SIZE = 8192;

/** The service a server name belongs to (registry index), 0 when none. */
export function serviceOf(name: string): number {
  const known = memo.get(name);
  if (known !== undefined) return known;
  const service = lookup(name);
  if (memo.size >= MEMO_SIZE) memo.clear();
  memo.set(name, service);
  return service;
}

function lookup(name: string): number {
  let host = name.toLowerCase();
  if (host.startsWith('[')) return 0; // an IPv6 literal
  const colon = host.indexOf(':');
  if (colon >= 0) host = host.slice(0, colon);
  if (host.endsWith('.')) host = host.slice(0, -1);
  for (let at = 0, guard = 0; at >= 0 && guard < 64; guard++) {
    const hit = BY_DOMAIN.get(at === 0 ? host : host.slice(at));
    if (hit !== undefined) return hit;
    const dot = host.indexOf('.', at);
    at = dot < 0 ? -1 : dot + 1;
  }
  return 0;
}
