/**
 * @module api/server
 * `createServer(options)`: the whole REST server, as the CLI and the tests start it. Opens the
 * user database in the data directory (creating the first admin when there is no user: its
 * password is WIREMETER_ADMIN_PASSWORD / options.adminPassword, or generated and handed back once
 * in `initialAdmin`), loads or creates the TLS certificate, builds the app and listens. Plain
 * HTTP is refused unless asked for and bound to loopback.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { CaptureDb } from '../capture/capture-db.js';
import { CaptureManager } from '../capture/capture-manager.js';
import { buildApp, type RouteEntry } from './app.js';
import { Authenticator } from './auth/authenticator.js';
import { generatePassword, hashPassword } from './auth/passwords.js';
import { UserDb } from './auth/user-db.js';
import { activeUserNames, setActiveUserNames, UserNames } from '../names/user-names.js';
import { SlotRegistry } from './module-registry.js';
import { loadOrCreateTls, type TlsMaterial } from './tls.js';
import { ProfileDb } from './uploads/profile-db.js';
import { UploadSlots } from './uploads/upload-slots.js';
import { LiveControl } from './settings/live-control.js';
import { SettingsDb, type InterfaceSettings } from './settings/settings-db.js';
import type { LiveCaptureOptions } from '../source/live-capture.js';

export interface ServerOptions {
  /** Where the user database and the generated certificate live. */
  readonly dataDir: string;
  /** Port; 0 = any free port. Default 8443. */
  readonly port?: number;
  /** Address to bind. Default '::' (all) for HTTPS, '127.0.0.1' for plain HTTP. */
  readonly host?: string;
  /** Plain HTTP instead of HTTPS: only on a loopback address. */
  readonly http?: boolean;
  readonly certFile?: string;
  readonly keyFile?: string;
  /** The slots to serve (the pipeline fills their module registries). Default: slot 0 only, empty. */
  readonly slots?: SlotRegistry;
  /** First admin's password when the database has no user (else WIREMETER_ADMIN_PASSWORD, else generated). */
  readonly adminPassword?: string;
  /** Name of this device in mm-id (`name:slot`). Default: the host name. */
  readonly deviceName?: string;
  readonly logLevel?: 'silent' | 'error' | 'warn' | 'info';
  /** Store memory budget of each upload slot (bytes; default UPLOAD_LIMITS.memoryBudgetBytes). */
  readonly uploadMemoryBudgetBytes?: number;
  /**
   * Live analysis of slot 0 at start: `interfaces` (the command line's --interface) win; else,
   * with `liveFromSettings`, the saved interface settings. Either can be replaced later over
   * PUT /API/system/settings/interfaces.
   */
  readonly interfaces?: InterfaceSettings;
  readonly liveFromSettings?: boolean;
  /** Store memory budget of the live slot (default: defaultMemoryBudget()). */
  readonly liveMemoryBudgetBytes?: number;
  /** tcpdump options of the live capture (tests: queue cap, stats interval). */
  readonly liveCapture?: LiveCaptureOptions;
  /** Told when a live analysis ends with an error (the CLI prints it). */
  readonly onLiveError?: (message: string) => void;
}

export interface RunningServer {
  readonly app: FastifyInstance;
  /** Base URL, e.g. https://127.0.0.1:8443 */
  readonly url: string;
  readonly port: number;
  readonly slots: SlotRegistry;
  readonly routes: readonly RouteEntry[];
  /** Set on the first start only, when the admin password was generated (print it once). */
  readonly initialAdmin: { readonly user: string; readonly password: string; readonly generated: boolean } | undefined;
  readonly tls: TlsMaterial | undefined;
  /** The upload slots 1..N (src/api/uploads). */
  readonly uploads: UploadSlots;
  /** The live analysis of slot 0 (src/api/settings/live-control.ts). */
  readonly live: LiveControl;
  /** What started at start in slot 0: 'command line', 'settings' or null. */
  readonly liveOrigin: 'command line' | 'settings' | null;
  /** Saved interface settings not applied at start because the command line named interfaces. */
  readonly overriddenSettings: InterfaceSettings | null;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8443;

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Create the first admin when there is no user; returns its credentials. */
async function bootstrapAdmin(users: UserDb, given: string | undefined): Promise<RunningServer['initialAdmin']> {
  if (users.count() > 0) return undefined;
  const password = given ?? generatePassword();
  users.create('admin', 'admin', true, await hashPassword(password));
  return { user: 'admin', password, generated: given === undefined };
}

export async function createServer(options: ServerOptions): Promise<RunningServer> {
  const plain = options.http === true;
  const host = options.host ?? (plain ? '127.0.0.1' : '::');
  if (plain && !isLoopback(host)) throw new Error(`plain HTTP only on a loopback address, not '${host}'`);
  const users = new UserDb(options.dataDir);
  const profiles = new ProfileDb(options.dataDir);
  const userNames = new UserNames(options.dataDir);
  setActiveUserNames(userNames);
  const closeNames = (): void => {
    if (activeUserNames() === userNames) setActiveUserNames(null);
    userNames.close();
  };
  const captureDb = new CaptureDb(options.dataDir);
  const settings = new SettingsDb(options.dataDir);
  try {
    const adminPassword = options.adminPassword ?? process.env.WIREMETER_ADMIN_PASSWORD;
    const initialAdmin = await bootstrapAdmin(users, adminPassword === '' ? undefined : adminPassword);
    const tls = plain ? undefined : await loadOrCreateTls(options.dataDir, options.certFile, options.keyFile);
    const slots = options.slots ?? new SlotRegistry();
    const uploads = new UploadSlots(slots, options.uploadMemoryBudgetBytes);
    const live = new LiveControl(slots, {
      ...(options.liveMemoryBudgetBytes === undefined ? {} : { memoryBudgetBytes: options.liveMemoryBudgetBytes }),
      ...(options.liveCapture === undefined ? {} : { capture: options.liveCapture }),
      ...(options.onLiveError === undefined ? {} : { onError: options.onLiveError }),
    });
    const { app, routes } = await buildApp({
      slots,
      auth: new Authenticator(users),
      deviceName: options.deviceName ?? hostname(),
      version: packageVersion(),
      startedAt: Date.now() / 1000,
      tls,
      logLevel: options.logLevel ?? 'silent',
      uploads: { uploads, profiles },
      userNames,
      captures: Object.assign(new CaptureManager(captureDb), { captureDir: join(options.dataDir, 'captures') }),
      settings: { settings, live },
    });
    await app.listen({ port: options.port ?? DEFAULT_PORT, host });
    // The command line wins over the saved settings at start.
    const saved = options.liveFromSettings === true ? settings.interfaces() : null;
    let liveOrigin: RunningServer['liveOrigin'] = null;
    let overriddenSettings: InterfaceSettings | null = null;
    if (options.interfaces !== undefined && options.interfaces.interfaces.length > 0) {
      liveOrigin = 'command line';
      if (saved !== null && saved.interfaces.length > 0) overriddenSettings = saved;
      await live.apply(options.interfaces, liveOrigin);
    } else if (saved !== null && saved.interfaces.length > 0) {
      liveOrigin = 'settings';
      await live.apply(saved, liveOrigin);
    }
    const port = (app.server.address() as AddressInfo).port;
    const urlHost = host === '::' || host === '0.0.0.0' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
    return {
      app, port, slots, routes, initialAdmin, tls, uploads, live, liveOrigin, overriddenSettings,
      url: `${plain ? 'http' : 'https'}://${urlHost}:${port}`,
      close: async () => {
        await uploads.stopAll();
        await live.stop();
        await app.close();
        users.close();
        profiles.close();
        closeNames();
        captureDb.close();
        settings.close();
      },
    };
  } catch (err) {
    users.close();
    profiles.close();
    closeNames();
    captureDb.close();
    settings.close();
    throw err;
  }
}
