/**
 * @module api/auth/user-routes
 * User management for admins: list, create, read, change (role, pcap permission, password) and
 * delete users under /API/system/users. Changing or deleting a user ends its sessions and cached
 * credentials; the last admin can be neither demoted nor deleted.
 */
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../api-error.js';
import { authErrors, errorSchema, passwordSchema, roleSchema, userNameSchema, userSchema } from '../schemas.js';
import { AUTH_LIMITS } from '../../config/limits.js';
import type { Authenticator } from './authenticator.js';
import { hashPassword } from './passwords.js';
import { UserDbError, type Role, type UserRecord } from './user-db.js';

function run<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof UserDbError) throw new ApiError(err.statusCode, err.message);
    throw err;
  }
}

const nameParams = { type: 'object', required: ['name'], properties: { name: userNameSchema } } as const;

export function registerUserRoutes(app: FastifyInstance, auth: Authenticator): void {
  const admin = { access: 'admin' } as const;
  const tags = ['users'];

  app.get('/API/system/users', {
    config: admin,
    schema: { summary: 'List users', tags, response: { 200: { type: 'array', items: userSchema }, ...authErrors } },
  }, () => auth.users.list());

  app.post<{ Body: { name: string; password: string; role: Role; pcap?: boolean } }>('/API/system/users', {
    config: admin,
    schema: {
      summary: 'Create a user', tags,
      body: { type: 'object', additionalProperties: false, required: ['name', 'password', 'role'], properties: { name: userNameSchema, password: passwordSchema, role: roleSchema, pcap: { type: 'boolean' } } },
      response: { 201: userSchema, 400: errorSchema, 409: errorSchema, ...authErrors },
    },
  }, async (request, reply) => {
    const b = request.body;
    if (auth.users.count() >= AUTH_LIMITS.maxUsers) throw new ApiError(409, `at most ${AUTH_LIMITS.maxUsers} users`);
    if (auth.users.get(b.name)) throw new ApiError(409, `user '${b.name}' exists`);
    const hash = await hashPassword(b.password);
    const user: UserRecord = run(() => auth.users.create(b.name, b.role, b.pcap ?? false, hash));
    return reply.code(201).send(user);
  });

  app.get<{ Params: { name: string } }>('/API/system/users/:name', {
    config: admin,
    schema: { summary: 'One user', tags, params: nameParams, response: { 200: userSchema, 400: errorSchema, 404: errorSchema, ...authErrors } },
  }, (request) => {
    const user = auth.users.get(request.params.name);
    if (!user) throw new ApiError(404, `no user '${request.params.name}'`);
    return user;
  });

  app.patch<{ Params: { name: string }; Body: { role?: Role; pcap?: boolean; password?: string } }>('/API/system/users/:name', {
    config: admin,
    schema: {
      summary: 'Change a user’s role, pcap permission or password', tags, params: nameParams,
      body: { type: 'object', additionalProperties: false, minProperties: 1, properties: { role: roleSchema, pcap: { type: 'boolean' }, password: passwordSchema } },
      response: { 200: userSchema, 400: errorSchema, 404: errorSchema, 409: errorSchema, ...authErrors },
    },
  }, async (request) => {
    const { role, pcap, password } = request.body;
    const hash = password === undefined ? undefined : await hashPassword(password);
    const user = run(() => auth.users.update(request.params.name, { ...(role ? { role } : {}), ...(pcap === undefined ? {} : { pcap }), ...(hash ? { hash } : {}) }));
    auth.userChanged(user.name);
    return user;
  });

  app.delete<{ Params: { name: string } }>('/API/system/users/:name', {
    config: admin,
    schema: { summary: 'Delete a user', tags, params: nameParams, response: { 204: { type: 'null' }, 400: errorSchema, 404: errorSchema, 409: errorSchema, ...authErrors } },
  }, async (request, reply) => {
    run(() => { auth.users.delete(request.params.name); });
    auth.userChanged(request.params.name);
    return reply.code(204).send();
  });
}
