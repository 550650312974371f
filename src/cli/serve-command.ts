/**
 * @module cli/serve-command
 * `wiremeter serve`: start the REST server (src/api/server.ts) over HTTPS, optionally analysing a
 * capture file into slot 0 meanwhile (its statistics are served as they accumulate), print the
 * banner (serve-banner.ts: URL, login — the generated admin password on the first start only —
 * curl example) and run until SIGINT/SIGTERM, then close cleanly.
 */
import { access, constants } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describeError, UsageError } from '../core/errors.js';
import type { SlotAnalysis } from '../api/analysis-slot.js';
import { startCaptureFile } from '../api/capture-file-slot.js';
import { SlotRegistry } from '../api/module-registry.js';
import { createServer, DEFAULT_PORT } from '../api/server.js';
import { parseArgs } from './args.js';
import { memoryBudgetHelp, parseMemoryBudget } from './memory-budget.js';
import { serveBanner } from './serve-banner.js';
import { configureGeolocation } from '../geo/index.js';
import { geoipHelp } from './geoip-option.js';

/** Where users, sessions' secrets and the generated certificate live unless --data-dir says. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.WIREMETER_DATA_DIR;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : join(homedir(), '.wiremeter');
}

export const SERVE_USAGE = `usage: wiremeter serve [options]

  --port N          port to listen on (default ${DEFAULT_PORT}; 0 = any free port)
  --host ADDR       address to bind (default: all addresses; 127.0.0.1 with --http)
  --data-dir DIR    users database and generated certificate (default $WIREMETER_DATA_DIR,
                    else ~/.wiremeter)
  --cert FILE --key FILE   serve this certificate instead of a generated self-signed one
  --http            plain HTTP instead of HTTPS (loopback addresses only)
  --pcap FILE       analyse FILE into slot 0 and serve its statistics (while it is read, too)
  --interface NAME  analyse live traffic of NAME into slot 0 (repeat for more interfaces;
                    tcpdump captures, run as root or with CAP_NET_RAW). Without --interface
                    and --pcap, the interfaces saved in the settings are analysed
                    (PUT /API/system/settings/interfaces); the command line wins over them
  ${memoryBudgetHelp(18)}
  ${geoipHelp(18)}

The first start creates the user 'admin' with the password in WIREMETER_ADMIN_PASSWORD, or a
generated one printed once.
`;

const SPEC = {
  port: { takesValue: true }, host: { takesValue: true }, 'data-dir': { takesValue: true },
  cert: { takesValue: true }, key: { takesValue: true }, http: { takesValue: false }, pcap: { takesValue: true }, interface: { takesValue: true },
  'memory-budget': { takesValue: true }, geoip: { takesValue: true },
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
  const dataDir = args.values.get('data-dir') ?? defaultDataDir();
  const memoryBudgetBytes = parseMemoryBudget(args.values.get('memory-budget'));
  const pcap = args.values.get('pcap');
  configureGeolocation(args.values.get('geoip'));
  const interfaces = args.lists.get('interface') ?? [];
  if (pcap !== undefined && interfaces.length > 0) throw new UsageError('--pcap and --interface both analyse into slot 0: give one of them');
  if (new Set(interfaces).size !== interfaces.length) throw new UsageError('an --interface is given twice');
  if (pcap !== undefined) {
    try {
      await access(pcap, constants.R_OK);
    } catch {
      err.write(`wiremeter: cannot open ${pcap}: no such file or not readable\n`);
      return 1;
    }
  }

  const slots = new SlotRegistry();
  const server = await createServer({
    dataDir, port: Number(portText), http, slots, logLevel: 'warn',
    ...(host === undefined ? {} : { host }), ...(cert === undefined ? {} : { certFile: cert }), ...(key === undefined ? {} : { keyFile: key }),
    // Live analysis of slot 0: --interface wins; else the saved settings (not with --pcap).
    ...(interfaces.length > 0 ? { interfaces: { interfaces, links: [] } } : {}),
    liveFromSettings: pcap === undefined, liveMemoryBudgetBytes: memoryBudgetBytes,
    onLiveError: (message) => { err.write(`wiremeter: ${message}\n`); },
  });
  let analysis: SlotAnalysis | undefined;
  if (pcap !== undefined) {
    analysis = startCaptureFile(pcap, slots.slot(0), { memoryBudgetBytes });
    server.live.adopt(analysis);
    analysis.done.then((result) => {
      const packets = analysis?.status.core?.packets ?? 0;
      err.write(`wiremeter: analysed ${pcap}: ${packets} packets in ${result.elapsedSec.toFixed(1)} s${result.fileError ? ` (stopped early: ${result.fileError.message})` : ''}\n`);
    }, (e: unknown) => {
      err.write(`wiremeter: analysis of ${pcap} failed: ${describeError(e)}\n`);
    });
  }
  out.write(serveBanner({
    url: server.url, dataDir, tls: server.tls, initialAdmin: server.initialAdmin, pcap,
    interfaces: (server.live.describe().interfaces as string[] | undefined) ?? [],
    ...(server.liveOrigin === null ? {} : { liveOrigin: server.liveOrigin }),
    ...(server.overriddenSettings === null ? {} : { overriddenInterfaces: server.overriddenSettings.interfaces }),
    memoryBudgetMiB: Math.round(memoryBudgetBytes / 2 ** 20),
  }));
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  // server.close() stops the live capture's tcpdump children, or the file being read after its batch.
  await server.close();
  // analyzeFile cannot be cancelled: a capture still being read would keep the process alive.
  if (analysis?.status.state === 'analysing') process.exit(0);
  return 0;
}
