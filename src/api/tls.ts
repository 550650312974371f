/**
 * @module api/tls
 * The server's certificate: the user's cert/key files when given, otherwise a self-signed one
 * (EC P-256, SHA-256, valid 825 days, names localhost, 127.0.0.1, ::1 and the host name)
 * generated on first start and kept in `<data-dir>/tls/` (key mode 0600), reused afterwards.
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  readonly key: string;
  readonly cert: string;
  /** true: generated on this start. */
  readonly generated: boolean;
  /** SHA-256 fingerprint, to compare with what a browser shows. */
  readonly fingerprint256: string;
}

function material(key: string, cert: string, generated: boolean): TlsMaterial {
  return { key, cert, generated, fingerprint256: new X509Certificate(cert).fingerprint256 };
}

export async function loadOrCreateTls(dataDir: string, certFile?: string, keyFile?: string): Promise<TlsMaterial> {
  if (certFile !== undefined || keyFile !== undefined) {
    if (certFile === undefined || keyFile === undefined) throw new Error('--cert and --key go together');
    return material(readFileSync(keyFile, 'utf8'), readFileSync(certFile, 'utf8'), false);
  }
  const dir = join(dataDir, 'tls');
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  if (existsSync(certPath) && existsSync(keyPath)) return material(readFileSync(keyPath, 'utf8'), readFileSync(certPath, 'utf8'), false);
  const host = hostname();
  const notBeforeDate = new Date(Date.now() - 60_000);
  const pems = await generate([{ name: 'commonName', value: 'wiremeter' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + 825 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 2, value: host }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
    ],
  });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(keyPath, pems.private, { mode: 0o600 });
  writeFileSync(certPath, pems.cert, { mode: 0o644 });
  return material(pems.private, pems.cert, true);
}
