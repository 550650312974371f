/**
 * @module modules/quic
 * QUIC: the client Initial packets of every UDP connection whose client opens with a QUIC long
 * header of a known version (v1, v2, drafts 29–32) are decrypted (protocols/quic) and the
 * ClientHello inside read: SNI, ALPN, offered TLS versions, JA3/JA4. Per server IP (the "QUIC TLS
 * server view"): names, QUIC versions; per client IP: names, JA3, JA4; per connection: columns.
 * REST: quic (summary), quic/servers, quic/clients, quic/names; per IP ip/ips/:ip/quicServer and
 * ip/ips/:ip/quicInfos.
 */
import type { PacketInfo } from '../../decode/packet-info.js';
import type { PacketRefs } from '../../pipeline/packet-refs.js';
import { initialSalt, quicVersionName } from '../../protocols/quic/keys.js';
import { QuicSession } from '../../protocols/quic/session.js';
import { resized } from '../../store/resize.js';
import { clientIsA } from '../connections/connection-list.js';
import { detectorOf } from '../../protocols/detector-link.js';
import { learnServerName } from '../l7-shared/learn-name.js';
import { QUIC, confirmProtocol } from '../l7-shared/confirm.js';
import { FlowState, growDense } from '../l7-shared/tcp-flows.js';
import type { MeasurementModule, ModuleContext } from '../module.js';
import type { Resource } from '../resource.js';
import { TlsTables } from '../ssl/tables.js';
import { quicConnectionColumns } from './connection-columns.js';
import { quicResource } from './resources.js';

const UDP = 17;

export class QuicModule implements MeasurementModule {
  readonly name = 'quic';
  readonly ctx: ModuleContext;
  state = new Uint8Array(0);
  /** Per connection id: its QUIC session (kept for the connection rows). */
  readonly sessions: (QuicSession | undefined)[] = [];
  readonly tables: TlsTables;
  /** Client Initial packets decrypted, and those that failed. */
  decrypted = 0;
  failed = 0;
  malformed = 0;

  constructor(ctx: ModuleContext) {
    this.ctx = ctx;
    const t = ctx.core.connections;
    t.listen({
      resize: (cap) => { this.state = resized(this.state, cap); growDense(this.sessions, cap); },
      reset: (e) => { this.state[e] = FlowState.New; this.sessions[e] = undefined; },
      evicted: () => undefined,
    });
    t.declareBytesPerEntity(1);
    this.tables = new TlsTables(ctx.core.ips);
    this.tables.addIpChildren(ctx.ipChildren, 'quic');
    ctx.connectionExtensions.push(quicConnectionColumns(this));
  }

  onPacket(): void {
    // Dissection is per frame: see onFrame.
  }

  onFrame(pi: PacketInfo, refs: PacketRefs): void {
    const c = refs.conn, state = this.state;
    if (c < 0 || state[c] === FlowState.Finished) return;
    const t = this.ctx.core.connections;
    const len = pi.payloadLen;
    if (t.proto[c] !== UDP || refs.connL4 !== pi.l4Count - 1 || len === 0) return;
    const fromClient = refs.connFromA === (clientIsA(t, c) === 1);
    if (!fromClient) return;
    const d = pi.payloadData, o = pi.payloadOffset;
    if (state[c] === FlowState.New) {
      // A long header with the fixed bit, and a version whose Initial keys are known.
      const version = len < 7 ? 0 : ((d[o + 1] as number) << 24 | (d[o + 2] as number) << 16 | (d[o + 3] as number) << 8 | (d[o + 4] as number)) >>> 0;
      if (((d[o] as number) & 0xc0) !== 0xc0 || initialSalt(version) === null) {
        state[c] = FlowState.Finished;
        return;
      }
      state[c] = FlowState.Collecting;
      this.sessions[c] = new QuicSession();
    }
    const s = this.sessions[c];
    if (s === undefined) return;
    const before = s.decrypted, failedBefore = s.failed;
    s.fromClient(d, o, len);
    this.decrypted += s.decrypted - before;
    this.failed += s.failed - failedBefore;
    if (s.clientHello !== null && s.reported === 0) {
      confirmProtocol(detectorOf(this.ctx.store), c, QUIC, s.clientHello.sni);
      learnServerName(this.ctx.store, this.ctx.core.ips, refs.connIpDst, s.clientHello.sni, 'quic');
    }
    this.tables.report(s, refs, 0, 'quic', quicVersionName(s.version));
    if (s.done) {
      if (s.malformed) this.malformed++;
      state[c] = FlowState.Finished;
    }
  }

  resource(): Resource {
    return quicResource(this);
  }
}

export function createQuicModule(ctx: ModuleContext): QuicModule {
  return new QuicModule(ctx);
}
