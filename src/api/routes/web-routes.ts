/**
 * @module api/routes/web-routes
 * The web UI's files (the Vite build in dist/web/) at `/`: the page itself and its assets need no login
 * (the login form must load), every /API call does as before. The SPA's own paths (`/ip/…`, `/modules/…`
 * …) answer index.html so a reload or a bookmark opens the same page; any other path stays a 404. Pages
 * carry a strict Content-Security-Policy: scripts, styles and connections from this origin only.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ApiError } from '../api-error.js';

/** dist/web/, next to dist/src/ (this file is dist/src/api/routes/web-routes.js). */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../web/', import.meta.url));

/** The SPA's client-side routes (web/src/router.tsx): answered with index.html. */
export const SPA_PATHS: readonly string[] = ['/', '/settings', '/upload', '/modules/*', '/ip/*', '/mac/*', '/connection/*'];

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
  "font-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'",
].join('; ');

function pageHeaders(reply: FastifyReply): void {
  void reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
  void reply.header('referrer-policy', 'no-referrer');
  void reply.header('cross-origin-opener-policy', 'same-origin');
}

export async function registerWebRoutes(app: FastifyInstance, root: string = DEFAULT_WEB_ROOT): Promise<void> {
  const built = existsSync(`${root}/index.html`);
  if (built) await app.register(fastifyStatic, { root, serve: false, decorateReply: true });
  const config = { access: 'public' as const };
  const schema = { hide: true };

  const index = async (_req: unknown, reply: FastifyReply): Promise<FastifyReply> => {
    pageHeaders(reply);
    if (!built) {
      return reply.code(404).type('text/plain; charset=utf-8').send('The web UI is not built: run `npm run build`. The REST API is at /API.\n');
    }
    return reply.sendFile('index.html', { cacheControl: false });
  };
  for (const path of SPA_PATHS) app.get(path, { config, schema }, index);

  // Hashed file names: cacheable for good.
  app.get<{ Params: { '*': string } }>('/assets/*', { config, schema }, async (request, reply) => {
    const file = request.params['*'];
    if (!built || !/^[\w.-]+$/.test(file)) throw new ApiError(404, 'no such file');
    pageHeaders(reply);
    void reply.header('cache-control', 'public, max-age=31536000, immutable');
    return reply.sendFile(`assets/${file}`, { cacheControl: false });
  });
  app.get('/favicon.svg', { config, schema }, async (_request, reply) => {
    if (!built) throw new ApiError(404, 'no such file');
    return reply.sendFile('favicon.svg', { cacheControl: false });
  });
}
