/**
 * @module modules/quic/connection-columns
 * The QUIC columns of the connection lists (SNI, QUIC version, ALPN offered, JA4) and the `quic`
 * field of a connection row, for connections whose client Initial was read.
 */
import { quicVersionName } from '../../protocols/quic/keys.js';
import { offeredMaxVersion, versionName } from '../../protocols/tls/parse.js';
import type { ConnectionExtension } from '../connections/connection-list.js';
import { arrayOf, nullable, objectSchema, str } from '../traffic-schema.js';
import type { QuicModule } from './index.js';

export function quicConnectionColumns(m: QuicModule): ConnectionExtension {
  const hello = (e: number): NonNullable<QuicModule['sessions'][number]> | undefined => {
    const s = m.sessions[e];
    return s?.clientHello === null ? undefined : s;
  };
  return {
    columns: [
      { name: 'quicSni', type: 'string', value: (e) => hello(e)?.clientHello?.sni ?? '' },
      { name: 'quicVersion', type: 'string', value: (e) => { const s = m.sessions[e]; return s === undefined || s.version === 0 ? '' : quicVersionName(s.version); } },
      { name: 'quicJa4', type: 'string', value: (e) => hello(e)?.ja4 ?? '' },
    ],
    schema: { quic: objectSchema({ version: str, sni: nullable(str), alpnOffered: arrayOf(str), tlsVersion: str, ja3: str, ja4: str }) },
    optionalFields: ['quic'],
    searchText: (e) => hello(e)?.clientHello?.sni ?? '',
    json: (e) => {
      const s = hello(e), ch = s?.clientHello;
      if (s === undefined || ch === null || ch === undefined) return {};
      return { quic: { version: quicVersionName(s.version), sni: ch.sni, alpnOffered: [...ch.alpn], tlsVersion: versionName(offeredMaxVersion(ch)), ja3: s.ja3, ja4: s.ja4 } };
    },
  };
}
