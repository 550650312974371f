/**
 * @module test/golden/ndpi-out
 * Reads the per-flow lines of nDPI's expected output (`ndpiReader -v` results, the `*.out` files
 * beside nDPI's test captures): `  7  UDP 10.0.0.1:5060 <-> 10.0.0.2:5060 [VLAN: 142][proto: GRE:100/SIP]…`.
 * `proto: A.B/X.Y` is master.app (X master, Y application); a `TUNNEL:` prefix names the tunnel the
 * flow was found in. Other lines (counters, summaries) are skipped.
 */

export interface NdpiFlow {
  readonly l4: string;
  readonly addrA: string;
  readonly portA: number;
  readonly addrB: string;
  readonly portB: number;
  readonly bidirectional: boolean;
  /** Master and application protocol names (one name when nDPI printed one). */
  readonly names: readonly string[];
  readonly line: number;
}

const FLOW = /^\s+\d+\s+(\S+)\s+(\S+)\s+(<->|->)\s+(\S+)\s+(?:\[VLAN: \d+\])?\[proto: ([^\]]+)\]/;

/** Splits "a.b.c.d:port" or "[v6]:port". */
export function splitEndpoint(text: string): { addr: string; port: number } | undefined {
  const v6 = /^\[([0-9a-fA-F:.]+)\]:(\d+)$/.exec(text);
  if (v6) return { addr: v6[1] ?? '', port: Number(v6[2]) };
  const v4 = /^(\d+\.\d+\.\d+\.\d+):(\d+)$/.exec(text);
  if (v4) return { addr: v4[1] ?? '', port: Number(v4[2]) };
  return undefined;
}

/** "GRE:100/SIP" → ["SIP"], "91.119/TLS.Facebook" → ["TLS", "Facebook"]. */
export function protocolNames(field: string): string[] {
  const slash = field.indexOf('/');
  if (slash < 0) return [];
  return field.slice(slash + 1).split('.').filter((n) => n.length > 0);
}

export function parseNdpiOut(text: string): NdpiFlow[] {
  const out: NdpiFlow[] = [];
  text.split('\n').forEach((line, i) => {
    const m = FLOW.exec(line);
    if (!m) return;
    const a = splitEndpoint(m[2] ?? ''), b = splitEndpoint(m[4] ?? '');
    if (!a || !b) return;
    out.push({
      l4: (m[1] ?? '').toUpperCase(), addrA: a.addr, portA: a.port, addrB: b.addr, portB: b.port,
      bidirectional: m[3] === '<->', names: protocolNames(m[5] ?? ''), line: i + 1,
    });
  });
  return out;
}
