/**
 * @module modules/ssl/tables
 * The TLS figures kept per server IP and per client IP (maps keyed by IP entity id, cleared when
 * the IP entity is reused), fed once per fact of a TLS session (ClientHello, ServerHello,
 * certificate, handshake time, response time: the session's `reported` bits say what was counted)
 * by the ssl module (TCP) and the quic module (ClientHellos from QUIC Initials).
 */
import type { PacketRefs } from '../../pipeline/packet-refs.js';
import type { CertificateHandle } from '../../protocols/tls/certificate.js';
import { FingerprintBook, type Fingerprint } from '../../protocols/tls/fingerprint-book.js';
import { slimClientHello, versionName } from '../../protocols/tls/parse.js';
import type { ClientHello, ServerHello } from '../../protocols/tls/parse.js';
import type { IpTable } from '../../store/ip-table.js';
import { PerIpStats } from '../l7-shared/per-ip-stats.js';
import { CodeTally, NameTally, TimeStats } from '../l7-shared/rows-view.js';
import type { PerIpHistory } from '../l7-shared/per-ip-history.js';
import type { JsonObject, Resource } from '../resource.js';
import { IP_SSL_INFOS_SCHEMA, IP_SSL_SERVER_SCHEMA } from './schemas.js';

/** What a TLS handshake reader (TlsSession, QuicSession) learned; `reported` is the tables' bookkeeping. */
export interface TlsFacts {
  clientHello: ClientHello | null;
  readonly serverHello: ServerHello | null;
  readonly certificate: CertificateHandle | null;
  /** Set by report when the ClientHello is counted (JA3/JA4 are read from it). */
  fingerprint: Fingerprint | null;
  readonly handshakeUs: number;
  readonly responseUs: number;
  reported: number;
}

/** The per-IP tab's history fields when the tables keep none (QUIC). */
const NO_HISTORY: JsonObject = { figures: [] };

const Bit = { Hello: 1, ServerHello: 2, Certificate: 4, Handshake: 8, Response: 16 } as const;
const NAMES_PER_IP = 64;

export class ServerStats {
  hellos = 0;
  quicHellos = 0;
  readonly sni = new NameTally(NAMES_PER_IP);
  readonly versions = new NameTally(16);
  readonly offered = new NameTally(16);
  /** Negotiated cipher suites by code (named when asked: 0x hex sorts as the code does). */
  readonly ciphers = new CodeTally(32);
  readonly alpn = new NameTally(16);
  /** QUIC versions of the QUIC Initials read (QUIC only). */
  readonly quicVersions = new NameTally(8);
  readonly handshake = new TimeStats();
  readonly response = new TimeStats();
  certificate: CertificateHandle | null = null;

  json(ip: string): JsonObject {
    const c = this.certificate?.info ?? null;
    return {
      ip, hellos: this.hellos, quicHellos: this.quicHellos,
      sni: this.sni.top(), versions: this.versions.top(), offeredVersions: this.offered.top(), ciphers: this.ciphers.top(cipherName), alpn: this.alpn.top(),
      quicVersions: this.quicVersions.top(),
      handshakes: this.handshake.count, handshakeAvgMs: this.handshake.avgMs, handshakeStdDevMs: this.handshake.stdDevMs,
      handshakeMinMs: this.handshake.minMs, handshakeMaxMs: this.handshake.maxMs,
      responses: this.response.count, responseAvgMs: this.response.avgMs, responseStdDevMs: this.response.stdDevMs,
      responseMinMs: this.response.minMs, responseMaxMs: this.response.maxMs,
      certificate: c === null ? null : { subject: c.subject, issuer: c.issuer, altNames: [...c.altNames], validTo: c.validTo },
    };
  }
}

const cipherName = (c: number): string => `0x${c.toString(16).padStart(4, '0')}`;

/** Distinct fingerprints counted per client (more are counted as dropped). */
const FINGERPRINTS_PER_IP = 64;

export class ClientStats {
  hellos = 0;
  readonly sni = new NameTally(NAMES_PER_IP);
  /**
   * Hellos per fingerprint, in first-seen order. JA3, JA4, the highest version and the cipher
   * suites offered are derived from it when asked (the same tallies as counting each hello).
   */
  readonly fingerprints = new Map<Fingerprint, number>();
  droppedFingerprints = 0;
  /** What servers chose for this client. */
  readonly negotiatedVersions = new CodeTally(16);
  readonly negotiatedCiphers = new CodeTally(64);

  addFingerprint(fp: Fingerprint): void {
    const had = this.fingerprints.get(fp);
    if (had !== undefined) this.fingerprints.set(fp, had + 1);
    else if (this.fingerprints.size < FINGERPRINTS_PER_IP) this.fingerprints.set(fp, 1);
    else this.droppedFingerprints++;
  }

  /** JA3 names and their hellos (at most 16 names, as a per-hello tally would keep). */
  ja3(): NameTally {
    const t = new NameTally(16);
    for (const [fp, n] of this.fingerprints) t.add(fp.ja3, n);
    return t;
  }

  ja4(): NameTally {
    const t = new NameTally(16);
    for (const [fp, n] of this.fingerprints) t.add(fp.ja4, n);
    return t;
  }

  /** Highest version the client announced, per hello. */
  offeredVersions(): CodeTally {
    const t = new CodeTally(16);
    for (const [fp, n] of this.fingerprints) t.add(fp.offeredMax, n);
    return t;
  }

  /** Every cipher suite the client announced (GREASE left out), per hello. */
  offeredCiphers(): CodeTally {
    const t = new CodeTally(128);
    for (const [fp, n] of this.fingerprints) fp.eachCipher((c) => { t.add(c, n); });
    return t;
  }

  json(ip: string): JsonObject {
    return {
      ip, hellos: this.hellos, sni: this.sni.top(), ja3: this.ja3().top(), ja4: this.ja4().top(),
      offeredVersions: this.offeredVersions().top(versionName), offeredCiphers: this.offeredCiphers().top(cipherName, 64),
      negotiatedVersions: this.negotiatedVersions.top(versionName), negotiatedCiphers: this.negotiatedCiphers.top(cipherName),
    };
  }
}

export class TlsTables extends PerIpStats<ServerStats, ClientStats> {
  /** SNI names over all servers (TCP and QUIC). */
  readonly names = new NameTally(4096);
  /** SNI names of TLS over TCP only. */
  readonly tcpNames = new NameTally(4096);
  hellos = 0;
  readonly ips: IpTable;
  /** Fingerprints shared by every session of these tables. */
  readonly fingerprints = new FingerprintBook();

  /** Per server IP: handshakes, data responses and their summed times, with history (TCP only). */
  readonly history: PerIpHistory | null;

  constructor(ips: IpTable, history: PerIpHistory | null = null) {
    super(ips, () => new ServerStats(), () => new ClientStats());
    this.ips = ips;
    this.history = history;
  }



  /** Counts the facts of session s not counted yet; `dir` is the frame's direction (0 from the client). */
  report(s: TlsFacts, refs: PacketRefs, dir: 0 | 1, transport: 'tcp' | 'quic', quicVersion = ''): void {
    const clientIp = dir === 0 ? refs.connIpSrc : refs.connIpDst, serverIp = dir === 0 ? refs.connIpDst : refs.connIpSrc;
    const ch = s.clientHello;
    if (ch !== null && (s.reported & Bit.Hello) === 0) {
      s.reported |= Bit.Hello;
      this.hellos++;
      const fp = s.fingerprint = this.fingerprints.intern(ch, transport === 'quic' ? 'q' : 't');
      const server = this.server(serverIp), client = this.client(clientIp);
      if (server !== undefined) {
        if (transport === 'quic') {
          server.quicHellos++;
          server.quicVersions.add(quicVersion);
        }
        else server.hellos++;
        if (ch.sni !== null) server.sni.add(ch.sni);
        server.offered.add(versionName(fp.offeredMax));
      }
      if (client !== undefined) {
        client.hellos++;
        if (ch.sni !== null) client.sni.add(ch.sni);
        client.addFingerprint(fp);
      }
      // The connection keeps only what its row shows.
      s.clientHello = slimClientHello(ch);
      if (ch.sni !== null) {
        this.names.add(ch.sni);
        if (transport === 'tcp') this.tcpNames.add(ch.sni);
      }
    }
    const sh = s.serverHello;
    if (sh !== null && (s.reported & Bit.ServerHello) === 0) {
      s.reported |= Bit.ServerHello;
      const server = this.server(serverIp);
      if (server !== undefined) {
        server.versions.add(versionName(sh.version));
        server.ciphers.add(sh.cipher);
        if (sh.alpn !== null) server.alpn.add(sh.alpn);
      }
      const client = this.client(clientIp);
      if (client !== undefined) {
        client.negotiatedVersions.add(sh.version);
        client.negotiatedCiphers.add(sh.cipher);
      }
    }
    if (s.certificate !== null && (s.reported & Bit.Certificate) === 0) {
      s.reported |= Bit.Certificate;
      const server = this.server(serverIp);
      if (server !== undefined) server.certificate = s.certificate;
    }
    const hs = s.handshakeUs;
    if (hs >= 0 && (s.reported & Bit.Handshake) === 0) {
      s.reported |= Bit.Handshake;
      const server = this.server(serverIp);
      if (server !== undefined) server.handshake.add(hs);
      this.history?.add(serverIp, 0, 1, 1, hs);
    }
    const rs = s.responseUs;
    if (rs >= 0 && (s.reported & Bit.Response) === 0) {
      s.reported |= Bit.Response;
      const server = this.server(serverIp);
      if (server !== undefined) server.response.add(rs);
      this.history?.add(serverIp, 2, 1, 3, rs);
    }
  }

  /** ip/ips/:ip/<prefix>Server and ip/ips/:ip/<prefix>Infos (prefix ssl or quic). */
  addIpChildren(children: ((ip: number) => Resource)[], prefix: string): void {
    children.push((ip) => ({
      kind: 'object', name: `${prefix}Server`, schema: IP_SSL_SERVER_SCHEMA,
      get: (q) => ({ ...(this.servers.get(ip) ?? new ServerStats()).json(this.ips.format(ip)), ...(this.history?.json(ip, q) ?? NO_HISTORY) }),
    }));
    children.push((ip) => ({
      kind: 'object', name: `${prefix}Infos`, schema: IP_SSL_INFOS_SCHEMA,
      get: () => {
        const server = this.servers.get(ip);
        return {
          ...(this.clients.get(ip) ?? new ClientStats()).json(this.ips.format(ip)),
          asServer: { versions: server?.versions.top() ?? [], ciphers: server?.ciphers.top(cipherName) ?? [] },
        };
      },
    }));
  }
}
