/**
 * @module api/app
 * Assemble the Fastify application: limits, error handling, the authentication hook, OpenAPI
 * generation and every route. Each route must declare its access level (`config.access`); a
 * route without one fails at registration, and every route is recorded in `routes` (the registry
 * the authorization test walks). Listening, TLS and the user database belong to server.ts.
 */
import http from 'node:http';
import https from 'node:https';
import fastifySwagger, { type SwaggerTransformObject } from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { CaptureDb } from '../capture/capture-db.js';
import { CaptureManager } from '../capture/capture-manager.js';
import { SERVER_LIMITS } from '../config/limits.js';
import { ApiError } from './api-error.js';
import { ACCESS_LEVELS, mayAccess, type Access } from './auth/access.js';
import { registerAuthRoutes } from './auth/auth-routes.js';
import { checkSameOrigin, CSRF_HEADER, SESSION_COOKIE, type Authenticator } from './auth/authenticator.js';
import { registerUserRoutes } from './auth/user-routes.js';
import { formatSchemaError, installErrorHandling } from './error-handling.js';
import type { SlotRegistry } from './module-registry.js';
import { registerDataRoutes } from './routes/data-routes.js';
import { registerSlotStatusRoutes } from './routes/slot-status-routes.js';
import { registerStatsRoutes } from './routes/stats-routes.js';
import { modulePaths } from './module-openapi.js';
import { registerSystemRoutes } from './routes/system-routes.js';
import { registerNameRoutes } from './routes/name-routes.js';
import { activeUserNames, type UserNames } from '../names/user-names.js';
import { registerTreeOptions } from './routes/tree-options.js';
import { registerUploadRoutes, type UploadDeps } from './uploads/upload-routes.js';
import { registerWebRoutes } from './routes/web-routes.js';
import { registerSettingsRoutes, type SettingsDeps } from './settings/settings-routes.js';

export interface RouteEntry {
  readonly method: string;
  readonly url: string;
  readonly access: Access;
}

export interface AppDeps {
  readonly slots: SlotRegistry;
  readonly auth: Authenticator;
  readonly deviceName: string;
  readonly version: string;
  readonly startedAt: number;
  /** TLS key and certificate; undefined = plain HTTP (loopback only, checked by server.ts). */
  readonly tls: { readonly key: string; readonly cert: string } | undefined;
  readonly logLevel: 'silent' | 'error' | 'warn' | 'info';
  /** Upload slots and analysis profiles (src/api/uploads); absent = no upload routes. */
  readonly uploads?: Omit<UploadDeps, 'slots' | 'deviceName'>;
  /** User-defined names (default: the process's active store, if any). */
  readonly userNames?: UserNames;
  /** The capture module's state (default: in memory, nothing kept across restarts). */
  readonly captures?: CaptureManager;
  /** Persisted settings and the live analysis they control (src/api/settings); absent = no settings routes. */
  readonly settings?: SettingsDeps;
}

export interface BuiltApp {
  readonly app: FastifyInstance;
  readonly routes: readonly RouteEntry[];
}

function nodeServer(tls: AppDeps['tls'], handler: http.RequestListener): http.Server {
  const options = { maxHeaderSize: SERVER_LIMITS.maxHeaderBytes };
  const server = tls
    ? https.createServer({ ...options, key: tls.key, cert: tls.cert, minVersion: 'TLSv1.2' }, handler)
    : http.createServer(options, handler);
  // The whole-request limit is applied per route in the onRequest hook (uploads stream for hours).
  server.requestTimeout = 0;
  server.headersTimeout = Math.min(SERVER_LIMITS.requestTimeoutMs, 20_000);
  server.keepAliveTimeout = SERVER_LIMITS.keepAliveTimeoutMs;
  server.setTimeout(SERVER_LIMITS.connectionTimeoutMs);
  return server;
}

/** A request must arrive whole within requestTimeoutMs, except on routes that stream their body (uploads). */
function limitRequestTime(request: FastifyRequest): void {
  const raw = request.raw;
  if (request.routeOptions.config.streamingBody === true || raw.complete) return;
  const timer = setTimeout(() => { if (!raw.complete) raw.socket.destroy(); }, SERVER_LIMITS.requestTimeoutMs);
  timer.unref();
  const clear = (): void => { clearTimeout(timer); };
  raw.once('end', clear);
  raw.once('close', clear);
}

export async function buildApp(deps: AppDeps): Promise<BuiltApp> {
  const app = Fastify({
    logger: deps.logLevel === 'silent' ? false : { level: deps.logLevel },
    serverFactory: (handler) => nodeServer(deps.tls, handler),
    bodyLimit: SERVER_LIMITS.bodyBytes,
    routerOptions: { maxParamLength: SERVER_LIMITS.maxParamLength },
    exposeHeadRoutes: false,
    return503OnClosing: true,
    schemaErrorFormatter: formatSchemaError,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, useDefaults: true, allErrors: false } },
  });
  const routes: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (access === undefined || !ACCESS_LEVELS.includes(access)) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no access level (config.access)`);
    }
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, access });
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'wiremeter REST API', version: deps.version, description: 'Statistics, data and system resources of wiremeter. Every route but POST /API/login needs HTTP Basic or the session cookie.' },
      components: {
        securitySchemes: {
          basic: { type: 'http', scheme: 'basic' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: `state-changing requests also need the ${CSRF_HEADER} header` },
        },
      },
      security: [{ basic: [] }, { session: [] }],
    },
    // The wildcard route serves the modules; their nodes are documented one path each.
    transformObject: (doc) => {
      const spec = 'openapiObject' in doc ? doc.openapiObject : doc.swaggerObject;
      return { ...spec, paths: { ...spec.paths, ...modulePaths() } } as ReturnType<SwaggerTransformObject>;
    },
  });

  installErrorHandling(app);
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('cache-control', 'no-store');
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('x-frame-options', 'DENY');
    if (deps.tls) void reply.header('strict-transport-security', 'max-age=31536000');
    limitRequestTime(request);
    // Unknown paths (no route config) need credentials too: nothing answers anonymously but login.
    const access: Access = request.routeOptions.config.access ?? 'user';
    checkSameOrigin(request);
    if (access === 'public') return;
    const principal = await deps.auth.authenticate(request);
    if (!mayAccess(principal, access)) throw new ApiError(403, `needs the ${access} ${access === 'pcap' ? 'permission' : 'role'}`);
    request.principal = principal;
  });

  registerAuthRoutes(app, deps.auth, deps.tls !== undefined);
  registerUserRoutes(app, deps.auth);
  registerTreeOptions(app);
  registerStatsRoutes(app, deps.slots, deps.deviceName);
  registerSlotStatusRoutes(app, deps.slots, deps.deviceName);
  registerSystemRoutes(app, deps.slots, { version: deps.version, deviceName: deps.deviceName, startedAt: deps.startedAt });
  const captures = deps.captures ?? new CaptureManager(new CaptureDb(undefined));
  registerDataRoutes(app, { slots: deps.slots, deviceName: deps.deviceName, version: deps.version, captures });
  app.addHook('onClose', () => { captures.stopAll('server shutdown'); });
  if (deps.uploads) registerUploadRoutes(app, { ...deps.uploads, slots: deps.slots, deviceName: deps.deviceName });
  registerNameRoutes(app, () => deps.userNames ?? activeUserNames());
  if (deps.settings) registerSettingsRoutes(app, deps.settings);
  app.get('/API/openapi.json', {
    config: { access: 'user' },
    schema: { summary: 'This OpenAPI document', tags: ['system'] },
  }, () => app.swagger());
  await registerWebRoutes(app);
  await app.ready();
  return { app, routes };
}
