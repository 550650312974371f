/**
 * @module modules/ssl/connection-columns
 * The TLS columns of the connection lists (SNI, negotiated version, ALPN, JA3, JA4) and the `tls`
 * field of a connection row, for connections whose handshake the ssl module read.
 */
import { versionName, offeredMaxVersion } from '../../protocols/tls/parse.js';
import type { ConnectionExtension } from '../connections/connection-list.js';
import type { SslModule } from './index.js';
import { TLS_CONNECTION_SCHEMA } from './schemas.js';

const ms = (us: number): number | null => (us < 0 ? null : Math.round(us / 10) / 100);

export function sslConnectionColumns(m: SslModule): ConnectionExtension {
  const text = (e: number, f: (s: NonNullable<SslModule['sessions'][number]>) => string | null | undefined): string => {
    const s = m.sessions[e];
    return s === undefined ? '' : f(s) ?? '';
  };
  return {
    columns: [
      { name: 'tlsSni', type: 'string', value: (e) => text(e, (s) => s.clientHello?.sni) },
      { name: 'tlsVersion', type: 'string', value: (e) => text(e, (s) => (s.serverHello === null ? null : versionName(s.serverHello.version))) },
      { name: 'tlsAlpn', type: 'string', value: (e) => text(e, (s) => s.serverHello?.alpn) },
      { name: 'ja3', type: 'string', value: (e) => text(e, (s) => s.ja3) },
      { name: 'ja4', type: 'string', value: (e) => text(e, (s) => s.ja4) },
    ],
    schema: TLS_CONNECTION_SCHEMA,
    optionalFields: ['tls'],
    searchText: (e) => text(e, (s) => s.clientHello?.sni),
    json: (e) => {
      const s = m.sessions[e], ch = s?.clientHello;
      if (s === undefined || ch === null || ch === undefined) return {};
      const sh = s.serverHello;
      return {
        tls: {
          sni: ch.sni, offeredVersion: versionName(offeredMaxVersion(ch)), version: sh === null ? null : versionName(sh.version),
          alpnOffered: [...ch.alpn], alpn: sh?.alpn ?? null, cipher: sh === null ? null : `0x${sh.cipher.toString(16).padStart(4, '0')}`,
          ja3: s.ja3, ja4: s.ja4, handshakeMs: ms(s.handshakeUs), responseMs: ms(s.responseUs), certificate: s.certificate?.info?.subject ?? null,
        },
      };
    },
  };
}
