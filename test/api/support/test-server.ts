/**
 * Start the real server (createServer) over HTTPS on port 0 with a temporary data directory and
 * the fake modules, and talk to it with undici trusting exactly its self-signed certificate.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch, type Response } from 'undici';
import { SlotRegistry } from '../../../src/api/module-registry.js';
import { createServer, type RunningServer, type ServerOptions } from '../../../src/api/server.js';
import { fakeHosts, fakeIpModule, fakeMacModule } from './fake-modules.js';

export const ADMIN_PASSWORD = 'admin-password-1';

export interface TestServer {
  readonly server: RunningServer;
  readonly dataDir: string;
  request(path: string, init?: RequestOptions): Promise<Response>;
  close(): Promise<void>;
}

export interface RequestOptions {
  readonly method?: string;
  /** [user, password] for Basic; undefined = none. */
  readonly auth?: readonly [string, string];
  readonly headers?: Record<string, string>;
  readonly json?: unknown;
  readonly body?: string;
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export async function startTestServer(options: Partial<ServerOptions> & { hosts?: number } = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'wm-api-'));
  const slots = new SlotRegistry();
  const hosts = fakeHosts(options.hosts ?? 300);
  slots.slot(0).modules.register(fakeIpModule(hosts));
  slots.slot(0).modules.register(fakeMacModule());
  slots.slot(0).packetTimeSec = () => 1_700_000_000.5;
  const replay = slots.add(1, 'replay.pcap');
  replay.modules.register(fakeIpModule(hosts.slice(0, 5)));
  const server = await createServer({ port: 0, adminPassword: ADMIN_PASSWORD, deviceName: 'wm-test', slots, ...options, dataDir });
  const dispatcher = new Agent({ connect: server.tls ? { ca: server.tls.cert } : {} });
  return {
    server, dataDir,
    request: (path, init = {}) => {
      const headers: Record<string, string> = { ...(init.headers ?? {}) };
      if (init.auth) headers.authorization = basic(init.auth[0], init.auth[1]);
      let body = init.body;
      if (init.json !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(init.json);
      }
      return fetch(server.url + path, { method: init.method ?? 'GET', headers, dispatcher, ...(body === undefined ? {} : { body }) });
    },
    close: async () => {
      await dispatcher.close();
      await server.close();
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const ADMIN: readonly [string, string] = ['admin', ADMIN_PASSWORD];
