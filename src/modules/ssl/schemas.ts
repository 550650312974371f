/**
 * @module modules/ssl/schemas
 * JSON schemas of the ssl module's answers: the summary, the server and client rows, the per-IP
 * children sslServer and sslInfos, and the `tls` field of connection rows.
 */
import type { JsonSchema } from '../resource.js';
import { arrayOf, historySchema, int, nullable, num, objectSchema, str } from '../traffic-schema.js';

export const NAME_COUNTS: JsonSchema = arrayOf(objectSchema({ name: str, count: int }));
const ms = nullable(num);

export const IP_SSL_SERVER_SCHEMA: JsonSchema = objectSchema({
  ip: str, hellos: int, quicHellos: int, sni: NAME_COUNTS, versions: NAME_COUNTS, offeredVersions: NAME_COUNTS, ciphers: NAME_COUNTS, alpn: NAME_COUNTS, quicVersions: NAME_COUNTS,
  handshakes: int, handshakeAvgMs: ms, handshakeStdDevMs: ms, handshakeMinMs: ms, handshakeMaxMs: ms,
  responses: int, responseAvgMs: ms, responseStdDevMs: ms, responseMinMs: ms, responseMaxMs: ms,
  certificate: nullable(objectSchema({ subject: str, issuer: str, altNames: arrayOf(str), validTo: str })),
  figures: arrayOf({ type: 'string', enum: ['handshakes', 'handshakeSumUs', 'responses', 'responseSumUs'] }), history: historySchema,
}, { optional: ['history'] });

export const IP_SSL_INFOS_SCHEMA: JsonSchema = objectSchema({
  ip: str, hellos: int, sni: NAME_COUNTS, ja3: NAME_COUNTS, ja4: NAME_COUNTS,
  offeredVersions: NAME_COUNTS, offeredCiphers: NAME_COUNTS, negotiatedVersions: NAME_COUNTS, negotiatedCiphers: NAME_COUNTS,
  asServer: objectSchema({ versions: NAME_COUNTS, ciphers: NAME_COUNTS }),
});

export const SSL_SUMMARY_SCHEMA: JsonSchema = objectSchema({
  hellos: int, servers: int, clients: int, names: int, notTls: int, malformed: int,
  collectingFlows: int, streamBytes: int, streamRefusedBytes: int, streamRefusedSegments: int,
});

export const SERVER_ROW_SCHEMA: JsonSchema = objectSchema({
  ip: str, hellos: int, quicHellos: int, sni: str, names: int, version: str, alpn: str, handshakes: int, handshakeAvgMs: ms, responses: int, responseAvgMs: ms, certificate: str,
});

export const CLIENT_ROW_SCHEMA: JsonSchema = objectSchema({ ip: str, hellos: int, sni: str, names: int, ja3: str, ja4: str });

export const NAME_ROW_SCHEMA: JsonSchema = objectSchema({ name: str, count: int });

/** The `tls` field of a connection row (absent when the connection had no TLS handshake). */
export const TLS_CONNECTION_SCHEMA: Readonly<Record<string, JsonSchema>> = {
  tls: objectSchema({
    sni: nullable(str), offeredVersion: str, version: nullable(str), alpnOffered: arrayOf(str), alpn: nullable(str), cipher: nullable(str),
    ja3: str, ja4: str, handshakeMs: ms, responseMs: ms, certificate: nullable(str),
  }),
};
