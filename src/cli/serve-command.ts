/**
 * @module cli/serve-command
 * `wiremeter serve`: start the REST server (src/api/server.ts) over HTTPS, optionally after
 * analysing a capture file into slot 0, print where it listens and — on the first start only —
 * the generated admin password. Runs until SIGINT/SIGTERM, then closes cleanly.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { serveCaptureFile } from '../api/capture-file-slot.js';
import { SlotRegistry } from '../api/module-registry.js';
import { createServer, DEFAULT_PORT } from '../api/server.js';
import { parseArgs } from './args.js';

export const SERVE_USAGE = `usage: wiremeter serve [options]

  --port N          port to listen on (default ${DEFAULT_PORT}; 0 = any free port)
  --host ADDR       address to bind (default: all addresses; 127.0.0.1 with --http)
  --data-dir DIR    users database and generated certificate (default ~/.wiremeter)
  --cert FILE --key FILE   serve this certificate instead of a generated self-signed one
  --http            plain HTTP instead of HTTPS (loopback addresses only)
  --pcap FILE       analyse FILE at start and serve its statistics (slot 0)

The first start creates the user 'admin' with the password in WIREMETER_ADMIN_PASSWORD, or a
generated one printed once.
`;

const SPEC = {
  port: { takesValue: true }, host: { takesValue: true }, 'data-dir': { takesValue: true },
  cert: { takesValue: true }, key: { takesValue: true }, http: { takesValue: false }, pcap: { takesValue: true },
} as const;

/** Resolves when the server has closed after a signal. */
export async function runServe(argv: readonly string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const args = parseArgs(argv, SPEC);
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument '${args.positionals[0] ?? ''}'`);
  const portText = args.values.get('port') ?? String(DEFAULT_PORT);
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) throw new UsageError(`--port '${portText}' is not a port number`);
  const cert = args.values.get('cert');
  const key = args.values.get('key');
  if ((cert === undefined) !== (key === undefined)) throw new UsageError('--cert and --key go together');
  const http = args.flags.has('http');
  if (http && cert !== undefined) throw new UsageError('--http serves no certificate');
  const host = args.values.get('host');
  const dataDir = args.values.get('data-dir') ?? join(homedir(), '.wiremeter');

  const slots = new SlotRegistry();
  const pcap = args.values.get('pcap');
  if (pcap !== undefined) {
    err.write(`wiremeter: analysing ${pcap} ...\n`);
    const result = await serveCaptureFile(pcap, slots.slot(0));
    err.write(`wiremeter: analysed ${pcap} in ${result.elapsedSec.toFixed(1)} s${result.fileError ? ` (stopped early: ${result.fileError.message})` : ''}\n`);
  }
  const server = await createServer({
    dataDir, port: Number(portText), http, slots, logLevel: 'warn',
    ...(host === undefined ? {} : { host }), ...(cert === undefined ? {} : { certFile: cert }), ...(key === undefined ? {} : { keyFile: key }),
  });
  out.write(`wiremeter: serving ${server.url}/API (data in ${dataDir})\n`);
  if (server.tls) out.write(`wiremeter: certificate SHA-256 ${server.tls.fingerprint256}${server.tls.generated ? ' (generated now)' : ''}\n`);
  if (server.initialAdmin?.generated) {
    out.write(`wiremeter: created user 'admin' with password ${server.initialAdmin.password}\n`);
    out.write('wiremeter: (shown once; change it with PUT /API/system/password)\n');
  } else if (server.initialAdmin) {
    out.write("wiremeter: created user 'admin' with the password of WIREMETER_ADMIN_PASSWORD\n");
  }
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
