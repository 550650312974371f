/**
 * @module api/auth/auth-routes
 * Session login for browsers: POST /API/login (the only public route; throttled like Basic),
 * POST /API/logout, GET /API/session (who am I, and the CSRF token), PUT /API/system/password
 * (change one's own password, with the old one).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ApiError } from '../api-error.js';
import { authErrors, errorSchema, passwordSchema, roleSchema } from '../schemas.js';
import { AUTH_LIMITS } from '../../config/limits.js';
import type { Authenticator } from './authenticator.js';
import { SESSION_COOKIE } from './authenticator.js';
import type { Principal } from './access.js';
import { hashPassword } from './passwords.js';

const sessionSchema = {
  type: 'object',
  required: ['user', 'role', 'pcap'],
  properties: { user: { type: 'string' }, role: roleSchema, pcap: { type: 'boolean' }, csrfToken: { type: 'string' } },
} as const;

function principalOf(p: Principal | undefined): Principal {
  if (!p) throw new ApiError(401, 'authentication required');
  return p;
}

export function registerAuthRoutes(app: FastifyInstance, auth: Authenticator, secureCookie: boolean): void {
  const cookie = (value: string, maxAgeSec: number): string =>
    `${SESSION_COOKIE}=${value}; Path=/API; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSec}${secureCookie ? '; Secure' : ''}`;

  app.post<{ Body: { user: string; password: string } }>('/API/login', {
    config: { access: 'public' },
    schema: {
      summary: 'Log in: sets the HttpOnly session cookie and returns the CSRF token for state-changing requests',
      tags: ['auth'],
      body: {
        type: 'object', additionalProperties: false, required: ['user', 'password'],
        properties: { user: { type: 'string', minLength: 1, maxLength: AUTH_LIMITS.maxUserNameChars }, password: { type: 'string', minLength: 1, maxLength: AUTH_LIMITS.maxPasswordChars } },
      },
      response: { 200: sessionSchema, 400: errorSchema, 401: errorSchema, 429: errorSchema },
    },
  }, async (request, reply: FastifyReply) => {
    const p = await auth.checkPassword(request.ip, request.body.user, request.body.password);
    const s = auth.sessions.create(p.name);
    void reply.header('set-cookie', cookie(s.token, Math.floor(AUTH_LIMITS.sessionMaxMs / 1000)));
    return { user: p.name, role: p.role, pcap: p.pcap, csrfToken: s.csrfToken };
  });

  app.post('/API/logout', {
    config: { access: 'user' },
    schema: { summary: 'End the session', tags: ['auth'], response: { 204: { type: 'null' }, ...authErrors } },
  }, async (request, reply) => {
    const s = principalOf(request.principal).session;
    if (s) auth.sessions.delete(s.token);
    void reply.header('set-cookie', cookie('', 0));
    return reply.code(204).send();
  });

  app.get('/API/session', {
    config: { access: 'user' },
    schema: { summary: 'The authenticated user (and the CSRF token of a session)', tags: ['auth'], response: { 200: sessionSchema, ...authErrors } },
  }, (request) => {
    const p = principalOf(request.principal);
    return { user: p.name, role: p.role, pcap: p.pcap, ...(p.session ? { csrfToken: p.session.csrfToken } : {}) };
  });

  app.put<{ Body: { oldPassword: string; password: string } }>('/API/system/password', {
    config: { access: 'user' },
    schema: {
      summary: "Change one's own password",
      tags: ['users'],
      body: { type: 'object', additionalProperties: false, required: ['oldPassword', 'password'], properties: { oldPassword: { type: 'string', maxLength: AUTH_LIMITS.maxPasswordChars }, password: passwordSchema } },
      response: { 204: { type: 'null' }, 400: errorSchema, ...authErrors },
    },
  }, async (request, reply) => {
    const p = principalOf(request.principal);
    await auth.checkPassword(request.ip, p.name, request.body.oldPassword);
    auth.users.update(p.name, { hash: await hashPassword(request.body.password) });
    auth.userChanged(p.name);
    return reply.code(204).send();
  });
}
