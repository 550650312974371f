/**
 * @module modules/ssl
 * TLS over TCP: the handshake of every connection whose client opens with a TLS handshake record
 * (any port) is read from its collected stream prefix (protocols/tcp-stream) by the TLS dissector
 * (protocols/tls). Per server IP: SNI names, negotiated versions, ciphers, ALPN, the certificate
 * (TLS ≤ 1.2), handshake and first-data response times; per client IP: SNI names asked, JA3 and
 * JA4; per connection: columns of the connection lists. The QUIC module feeds its ClientHellos to
 * the same per-IP views. REST: ssl (summary), ssl/servers, ssl/clients, ssl/names; per IP
 * ip/ips/:ip/sslServer and ip/ips/:ip/sslInfos.
 */
import type { PacketInfo } from '../../decode/packet-info.js';
import type { PacketRefs } from '../../pipeline/packet-refs.js';
import { TlsSession } from '../../protocols/tls/session.js';
import type { MeasurementModule, ModuleContext } from '../module.js';
import type { Resource } from '../resource.js';
import { detectorOf } from '../../protocols/detector-link.js';
import { learnServerName } from '../l7-shared/learn-name.js';
import { TLS, confirmProtocol } from '../l7-shared/confirm.js';
import { PerIpHistory } from '../l7-shared/per-ip-history.js';
import { serverNameExtension } from '../l7-shared/server-name.js';
import { FlowState, TcpFlows, growDense } from '../l7-shared/tcp-flows.js';
import { sslConnectionColumns } from './connection-columns.js';
import { TlsTables } from './tables.js';
import { sslResource } from './resources.js';

const TCP_SYN = 0x02;

export class SslModule implements MeasurementModule {
  readonly name = 'ssl';
  readonly ctx: ModuleContext;
  readonly flows: TcpFlows;
  /** Per connection id: its TLS session (kept after the handshake for the connection rows). */
  readonly sessions: (TlsSession | undefined)[] = [];
  readonly tables: TlsTables;
  /** Connections whose client did not open with a TLS handshake record. */
  notTls = 0;
  malformed = 0;

  constructor(ctx: ModuleContext) {
    this.ctx = ctx;
    const t = ctx.core.connections;
    this.flows = new TcpFlows(t, (e) => { this.sessions[e] = undefined; });
    t.listen({ resize: (cap) => { growDense(this.sessions, cap); }, reset: (e) => { this.sessions[e] = undefined; }, evicted: () => undefined });
    this.tables = new TlsTables(ctx.core.ips, new PerIpHistory(ctx, ['handshakes', 'handshakeSumUs', 'responses', 'responseSumUs']));
    ctx.connectionExtensions.push(sslConnectionColumns(this));
    this.tables.addIpChildren(ctx.ipChildren, 'ssl');
    ctx.ipExtensions.push(serverNameExtension('tlsServerName', (e) => this.tables.servers.get(e)?.sni.top(1)[0]?.name));
  }

  onPacket(): void {
    // Dissection is per frame: see onFrame.
  }

  onFrame(pi: PacketInfo, refs: PacketRefs): void {
    const t = this.ctx.core.connections, flows = this.flows;
    const c = TcpFlows.frameConnection(pi, refs, t, flows.state);
    if (c < 0) return;
    const len = pi.payloadLen, dir = TcpFlows.direction(refs, t, c);
    if (flows.state[c] === FlowState.New) {
      // A keep-alive probe (one old byte) does not decide.
      if (len <= 1) return;
      const d = pi.payloadData, o = pi.payloadOffset;
      // A TLS client opens with a handshake record: 0x16 0x03 0x00-0x04.
      if (dir !== 0 || len < 3 || d[o] !== 0x16 || d[o + 1] !== 3 || (d[o + 2] as number) > 4) {
        flows.state[c] = FlowState.Finished;
        this.notTls++;
        return;
      }
      flows.state[c] = FlowState.Collecting;
      flows.stream.open(c);
      this.sessions[c] = new TlsSession();
    }
    if (len === 0 && (pi.tcpFlags & TCP_SYN) === 0) return;
    const s = this.sessions[c];
    if (s === undefined) return;
    if (dir === 1) s.serverBytes += len;
    if (dir === 0 ? !s.wantsClientBytes : !s.wantsServerBytes) {
      // Only the time of the server's first data is still wanted: no bytes are collected.
      flows.stream.release(c, dir);
      if (dir === 1 && len > 0) s.serverActivity(refs.tsUs);
    } else if (flows.stream.inOrderEmpty(c, dir, pi.tcpSeq, pi.tcpFlags)) {
      this.inPlace(s, c, dir, pi, refs.tsUs);
    } else {
      const stream = flows.stream;
      if (!stream.add(c, dir, pi.tcpSeq, pi.tcpFlags, pi.payloadData, pi.payloadOffset, len)) return;
      const d = stream.direction(c, dir);
      if (d === undefined) return;
      if (dir === 1) s.fromServer(d.bytes(), refs.tsUs, d.full);
      else {
        const drop = s.fromClient(d.bytes(), refs.tsUs, d.full);
        if (drop > 0) stream.consume(c, 0, drop);
      }
    }
    if (s.clientHello !== null && s.reported === 0) {
      confirmProtocol(detectorOf(this.ctx.store), c, TLS, s.clientHello.sni);
      learnServerName(this.ctx.store, this.ctx.core.ips, dir === 0 ? refs.connIpDst : refs.connIpSrc, s.clientHello.sni, 'tls');
    }
    this.tables.report(s, refs, dir, 'tcp');
    if (s.done) {
      if (s.malformed) this.malformed++;
      flows.finish(c);
    }
  }

  /**
   * The common case: the segment starts where the direction's stream stands and nothing is held.
   * It is read where it lies; only bytes still needed afterwards (a record it cuts, the server's
   * handshake so far) are copied into the collector.
   */
  private inPlace(s: TlsSession, c: number, dir: 0 | 1, pi: PacketInfo, tsUs: number): void {
    const stream = this.flows.stream, o = pi.payloadOffset, len = pi.payloadLen;
    const view = pi.payloadData.subarray(o, o + len);
    let drop = 0;
    if (dir === 0) drop = s.fromClient(view, tsUs, false);
    else s.fromServer(view, tsUs, false);
    if (drop >= len) stream.consume(c, dir, len);
    else if (dir === 0 ? s.wantsClientBytes : s.wantsServerBytes) {
      stream.add(c, dir, pi.tcpSeq, pi.tcpFlags, pi.payloadData, o, len);
      if (drop > 0) stream.consume(c, dir, drop);
    }
  }

  resource(): Resource {
    return sslResource(this);
  }
}

export function createSslModule(ctx: ModuleContext): SslModule {
  return new SslModule(ctx);
}
