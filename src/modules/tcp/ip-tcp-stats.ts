/**
 * @module modules/tcp/ip-tcp-stats
 * ip/ips/:ip/tcpStats: an IP's TCP figures. Handshakes and retransmissions per interval and as
 * history come from the module's per-IP history; all-time figures (handshakes, payload,
 * retransmissions, response times, zero windows, resets, missed data, as client and as server)
 * are summed over the IP's connections that the store holds.
 */
import { clientIsA, connectionsOfAddress } from '../connections/connection-list.js';
import { FlagCount } from '../../flow/tcp/index.js';
import { historyJson, timeWindow } from '../../store/query.js';
import type { JsonObject, StatsQuery } from '../resource.js';
import { PER_IP, P, ms } from './figures.js';
import type { TcpModule } from './index.js';

interface RoleSums { connections: number; handshakes: number; handshakeSumUs: number; retransPacketsSent: number; payloadSent: number; payloadReceived: number; retransBytesSent: number;
  responses: number; responseSumUs: number; responseMaxUs: number; zeroWindowSent: number; rstSent: number; missedBytes: number }

function emptySums(): RoleSums {
  return { connections: 0, handshakes: 0, handshakeSumUs: 0, retransPacketsSent: 0, payloadSent: 0, payloadReceived: 0, retransBytesSent: 0, responses: 0, responseSumUs: 0,
    responseMaxUs: 0, zeroWindowSent: 0, rstSent: 0, missedBytes: 0 };
}

export function ipTcpStats(mod: TcpModule, ip: number, q: StatsQuery): JsonObject {
  const { core, store } = mod.ctx;
  const ips = core.ips, t = core.connections, tcp = core.tcp, m = tcp.metrics;
  const words = [0, 1, 2, 3].map((k) => ips.wordOf(ip, k)) as [number, number, number, number];
  const roles = { client: emptySums(), server: emptySums() };
  for (const e of connectionsOfAddress(t, ips.versionOf(ip), ...words)) {
    const s = tcp.of(e);
    if (s < 0) continue;
    const k = e * 4;
    const thisIsA = t.addrA[k] === words[0] && t.addrA[k + 1] === words[1] && t.addrA[k + 2] === words[2] && t.addrA[k + 3] === words[3];
    const isClient = (clientIsA(t, e) === 1) === thisIsA;
    const r = isClient ? roles.client : roles.server;
    const mine = s * 2 + (thisIsA ? 0 : 1), theirs = s * 2 + (thisIsA ? 1 : 0);
    r.connections++;
    const hs = m.handshakeUs(s);
    if (hs >= 0) {
      r.handshakes++;
      r.handshakeSumUs += hs;
    }
    r.retransPacketsSent += m.retransPackets[mine] as number;
    r.payloadSent += m.payloadBytes[mine] as number;
    r.payloadReceived += m.payloadBytes[theirs] as number;
    r.retransBytesSent += m.retransBytes[mine] as number;
    r.responses += m.responseCount[mine] as number;
    r.responseSumUs += m.responseSumUs[mine] as number;
    r.responseMaxUs = Math.max(r.responseMaxUs, m.responseMaxUs[mine] as number);
    r.zeroWindowSent += m.zeroWindow[mine] as number;
    r.rstSent += m.flagCount(s, thisIsA ? 0 : 1, FlagCount.Rst);
    r.missedBytes += (m.missedBytes[mine] as number) + (m.missedBytes[theirs] as number);
  }
  const roleJson = (r: RoleSums): JsonObject => ({
    ...r,
    handshakeAvgMs: r.handshakes > 0 ? ms(r.handshakeSumUs / r.handshakes) : null,
    responseAvgMs: r.responses > 0 ? ms(r.responseSumUs / r.responses) : null,
    responseMaxMs: r.responses > 0 ? ms(r.responseMaxUs) : null,
  });
  const w = PER_IP.length, now = store.nowSec;
  const interval = new Float64Array(w);
  const tw = timeWindow(now, q);
  mod.perIp.sumRange(ip, tw.start, tw.end, interval);
  const handshakes = (v: ArrayLike<number>): JsonObject => {
    const c = v[P.handshakesAsClient] ?? 0, s = v[P.handshakesAsServer] ?? 0;
    return {
      asClient: { count: c, avgMs: c > 0 ? ms((v[P.handshakeSumUsAsClient] ?? 0) / c) : null },
      asServer: { count: s, avgMs: s > 0 ? ms((v[P.handshakeSumUsAsServer] ?? 0) / s) : null },
      retransPackets: v[P.retransPackets] ?? 0,
      retransBytes: v[P.retransBytes] ?? 0,
    };
  };
  const out: JsonObject = {
    ip: ips.format(ip),
    interval: handshakes(interval),
    asClient: roleJson(roles.client),
    asServer: roleJson(roles.server),
    figures: [...PER_IP],
  };
  if (!q.skipHistory) out.history = historyJson(mod.perIp, ip, now, q);
  return out;
}
