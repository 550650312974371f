/**
 * @module modules/http
 * HTTP/1.x: every TCP connection whose client opens with a request line is followed through its
 * collected stream (protocols/tcp-stream, bodies skipped) by the HTTP dissector (protocols/http):
 * requests and responses matched in order (pipelining), response times, status families, host
 * names, URLs. HTTP over UDP (SSDP's M-SEARCH/NOTIFY) is read per datagram. Per server IP, per
 * client IP, per host name, and per connection the last `ringSize` transactions.
 * REST: http (summary), http/servers, http/clients, http/hosts; ip/ips/:ip/httpServer.
 */
import type { PacketInfo } from '../../decode/packet-info.js';
import type { PacketRefs } from '../../pipeline/packet-refs.js';
import type { HttpHead } from '../../protocols/http/parse.js';
import { INCOMPLETE, isStatusLine, methodAt, parseHead } from '../../protocols/http/parse.js';
import { HttpSession, type HttpListener, type HttpTransaction } from '../../protocols/http/session.js';
import { clientIsA } from '../connections/connection-list.js';
import { detectorOf } from '../../protocols/detector-link.js';
import { learnServerName } from '../l7-shared/learn-name.js';
import { HTTP, confirmProtocol } from '../l7-shared/confirm.js';
import { PerIpHistory } from '../l7-shared/per-ip-history.js';
import { serverNameExtension } from '../l7-shared/server-name.js';
import { FlowState, TcpFlows, growDense } from '../l7-shared/tcp-flows.js';
import type { MeasurementModule, ModuleContext } from '../module.js';
import type { Resource } from '../resource.js';
import { httpConnectionColumns } from './connection-columns.js';
import { httpResource } from './resources.js';
import { IP_HTTP_SERVER_SCHEMA } from './schemas.js';
import { HttpServerStats, HttpTables } from './tables.js';

const UDP = 17;

export interface HttpOptions {
  /** Transactions kept per connection (default 8). */
  readonly ringSize: number;
}

export class HttpModule implements MeasurementModule, HttpListener {
  readonly name = 'http';
  readonly ctx: ModuleContext;
  readonly flows: TcpFlows;
  readonly sessions: (HttpSession | undefined)[] = [];
  readonly tables: HttpTables;
  readonly ringSize: number;
  /** Connections whose client did not open with a request; UDP messages read. */
  notHttp = 0;
  udpMessages = 0;
  /** The IP entities of the frame being dissected (for the listener). */
  private serverIp = -1;
  private clientIp = -1;
  private conn = -1;

  constructor(ctx: ModuleContext, options?: Partial<HttpOptions>) {
    this.ctx = ctx;
    this.ringSize = Math.max(1, Math.min(64, options?.ringSize ?? 8));
    const t = ctx.core.connections;
    this.flows = new TcpFlows(t, () => undefined);
    t.listen({ resize: (cap) => { growDense(this.sessions, cap); }, reset: (e) => { this.sessions[e] = undefined; }, evicted: () => undefined });
    this.tables = new HttpTables(ctx.core.ips, new PerIpHistory(ctx, ['responses', 'responseSumUs']));
    ctx.connectionExtensions.push(httpConnectionColumns(this));
    ctx.ipExtensions.push(serverNameExtension('httpServerName', (e) => this.tables.servers.get(e)?.hosts.top(1)[0]?.name));
    ctx.ipChildren.push((ip) => ({
      kind: 'object', name: 'httpServer', schema: IP_HTTP_SERVER_SCHEMA,
      get: (q) => ({ ...(this.tables.servers.get(ip) ?? new HttpServerStats()).json(ctx.core.ips.format(ip)), ...this.tables.history?.json(ip, q) }),
    }));
  }

  onPacket(): void {
    // Dissection is per frame: see onFrame.
  }

  onFrame(pi: PacketInfo, refs: PacketRefs): void {
    const c = refs.conn, flows = this.flows;
    if (c < 0 || flows.state[c] === FlowState.Finished) return;
    const t = this.ctx.core.connections;
    if (t.proto[c] === UDP) {
      this.onDatagram(pi, refs, c);
      return;
    }
    if (TcpFlows.frameConnection(pi, refs, t, flows.state) < 0) return;
    const len = pi.payloadLen, dir = TcpFlows.direction(refs, t, c);
    if (flows.state[c] === FlowState.New) {
      // A keep-alive probe (one old byte) does not decide.
      if (len <= 1) return;
      if (dir !== 0 || methodAt(pi.payloadData, pi.payloadOffset, pi.payloadOffset + len) < 0) {
        flows.state[c] = FlowState.Finished;
        this.notHttp++;
        return;
      }
      flows.state[c] = FlowState.Collecting;
      flows.stream.open(c);
      this.sessions[c] = new HttpSession(this.ringSize, this);
    }
    if (len === 0) return;
    if (!flows.stream.add(c, dir, pi.tcpSeq, pi.tcpFlags, pi.payloadData, pi.payloadOffset, len)) return;
    const s = this.sessions[c];
    if (s === undefined) return;
    this.clientIp = dir === 0 ? refs.connIpSrc : refs.connIpDst;
    this.serverIp = dir === 0 ? refs.connIpDst : refs.connIpSrc;
    this.conn = c;
    s.onData(flows.stream, c, dir, refs.tsUs);
    if (s.clientStopped) flows.finish(c);
    else if (s.isStopped(1)) flows.stream.release(c, 1); // a body until close: nothing more to keep
  }

  /** HTTP over UDP (SSDP): one message per datagram. */
  private onDatagram(pi: PacketInfo, refs: PacketRefs, c: number): void {
    if (refs.connL4 !== pi.l4Count - 1 || pi.payloadLen === 0) return;
    const d = pi.payloadData, o = pi.payloadOffset, end = o + pi.payloadLen, flows = this.flows;
    if (flows.state[c] === FlowState.New) {
      flows.state[c] = methodAt(d, o, end) >= 0 || isStatusLine(d, o, end) ? FlowState.Collecting : FlowState.Finished;
      if (flows.state[c] === FlowState.Finished) return;
    }
    const head = parseHead(d, o, end);
    if (head === null || head === INCOMPLETE) return;
    this.udpMessages++;
    const t = this.ctx.core.connections;
    const fromClient = refs.connFromA === (clientIsA(t, c) === 1);
    const server = fromClient ? refs.connIpDst : refs.connIpSrc, client = fromClient ? refs.connIpSrc : refs.connIpDst;
    if (head.isRequest) this.tables.request(server, client, head.host, head.target, head.userAgent);
    else this.tables.response(server, head.status, head.contentType, -1);
  }

  request(t: HttpTransaction): void {
    const c = this.conn;
    if (c >= 0 && this.sessions[c]?.requests === 1) {
      confirmProtocol(detectorOf(this.ctx.store), c, HTTP, t.host);
      learnServerName(this.ctx.store, this.ctx.core.ips, this.serverIp, t.host, 'http');
    }
    this.tables.request(this.serverIp, this.clientIp, t.host, t.url, t.userAgent);
  }

  response(t: HttpTransaction | undefined, head: HttpHead): void {
    this.tables.response(this.serverIp, head.status, head.contentType, t?.responseUs ?? -1);
  }

  resource(): Resource {
    return httpResource(this);
  }
}

export function createHttpModule(ctx: ModuleContext): HttpModule {
  return new HttpModule(ctx);
}
