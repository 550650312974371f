/**
 * @module api/routes/name-routes
 * User-defined names of IP and MAC addresses under /API/system/names: list, read (users), add,
 * change, delete, clear, CSV upload and plain IP-list import (admins), CSV download (users). The
 * store is names/user-names.ts (SQLite); analyses show the names among every IP's names.
 */
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../api-error.js';
import { authErrors, errorSchema } from '../schemas.js';
import { ADDRESS_KINDS, UserNameError, USER_NAME_LIMITS, type AddressKind, type ImportReport, type UserName, type UserNames } from '../../names/user-names.js';

const kindSchema = { type: 'string', enum: [...ADDRESS_KINDS] } as const;
const fieldSchema = { type: 'string', maxLength: USER_NAME_LIMITS.maxFieldChars } as const;
const addressSchema = { type: 'string', minLength: 1, maxLength: 64 } as const;
const entrySchema = {
  type: 'object', additionalProperties: false, required: ['kind', 'address', 'category', 'name', 'updated'],
  properties: { kind: kindSchema, address: { type: 'string' }, category: { type: 'string' }, name: { type: 'string' }, updated: { type: 'integer' } },
} as const;
const reportSchema = {
  type: 'object', additionalProperties: false, required: ['added', 'errors', 'total'],
  properties: { added: { type: 'integer' }, errors: { type: 'array', items: { type: 'string' } }, total: { type: 'integer' } },
} as const;
const entryParams = { type: 'object', required: ['kind', 'address'], properties: { kind: kindSchema, address: addressSchema } } as const;
const kindQuery = { type: 'object', additionalProperties: false, properties: { kind: kindSchema } } as const;

function run<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof UserNameError) throw new ApiError(err.statusCode, err.message);
    throw err;
  }
}

function textBody(body: unknown): string {
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  throw new ApiError(415, 'send the list as text/csv or text/plain');
}

/** `names()` is the process's store; undefined → 503 (the server opens one at start). */
export function registerNameRoutes(app: FastifyInstance, names: () => UserNames | null): void {
  const tags = ['names'];
  const user = { access: 'user' } as const, admin = { access: 'admin' } as const;
  const store = (): UserNames => {
    const s = names();
    if (s === null) throw new ApiError(503, 'user-defined names are not available');
    return s;
  };
  const report = (r: ImportReport): { added: number; errors: string[]; total: number } => ({ added: r.added, errors: [...r.errors], total: store().size });

  void app.register((scope, _options, done) => {
    // CSV and IP lists come as text; text/plain is parsed by Fastify already.
    scope.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, next) => { next(null, body); });

    scope.get<{ Querystring: { kind?: AddressKind } }>('/API/system/names', {
      config: user,
      schema: { summary: 'User-defined names of IP and MAC addresses', tags, querystring: kindQuery, response: { 200: { type: 'array', items: entrySchema }, 503: errorSchema, ...authErrors } },
    }, (request): UserName[] => store().list(request.query.kind));

    scope.get('/API/system/names/csv', {
      config: user,
      schema: { summary: 'The user-defined names as CSV (kind,address,category,name)', tags, response: { 200: { type: 'string' }, 503: errorSchema, ...authErrors } },
    }, async (_request, reply) => reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="names.csv"')
      .send(store().toCsv()));

    scope.post<{ Body: string }>('/API/system/names/csv', {
      config: admin,
      schema: {
        summary: 'Add the names of a CSV file (ip,192.168.0.1,category,name / mac,00:11:22:33:44:55,category,name)', tags,
        response: { 200: reportSchema, 400: errorSchema, 415: errorSchema, 503: errorSchema, ...authErrors },
      },
    }, (request) => report(run(() => store().importCsv(textBody(request.body)))));

    scope.post<{ Body: string; Querystring: { category?: string; name?: string } }>('/API/system/names/iplist', {
      config: admin,
      schema: {
        summary: 'Add the addresses of a plain IP list (one a line, # comments) with a category and name', tags,
        querystring: { type: 'object', additionalProperties: false, properties: { category: fieldSchema, name: fieldSchema } },
        response: { 200: reportSchema, 400: errorSchema, 415: errorSchema, 503: errorSchema, ...authErrors },
      },
    }, (request) => report(run(() => store().importIpList(textBody(request.body), request.query.category ?? '', request.query.name ?? ''))));

    scope.post<{ Body: { kind: AddressKind; address: string; category?: string; name: string } }>('/API/system/names', {
      config: admin,
      schema: {
        summary: 'Add or replace the name of an address', tags,
        body: { type: 'object', additionalProperties: false, required: ['kind', 'address', 'name'], properties: { kind: kindSchema, address: addressSchema, category: fieldSchema, name: fieldSchema } },
        response: { 201: entrySchema, 400: errorSchema, 413: errorSchema, 503: errorSchema, ...authErrors },
      },
    }, async (request, reply) => {
      const b = request.body;
      return reply.code(201).send(run(() => store().put(b.kind, b.address, b.category ?? '', b.name)));
    });

    scope.delete<{ Querystring: { kind?: AddressKind } }>('/API/system/names', {
      config: admin,
      schema: {
        summary: 'Remove every user-defined name (of one kind)', tags, querystring: kindQuery,
        response: { 200: { type: 'object', required: ['removed'], properties: { removed: { type: 'integer' } } }, 503: errorSchema, ...authErrors },
      },
    }, (request) => ({ removed: store().clear(request.query.kind) }));

    scope.get<{ Params: { kind: AddressKind; address: string } }>('/API/system/names/:kind/:address', {
      config: user,
      schema: { summary: 'The user-defined name of one address', tags, params: entryParams, response: { 200: entrySchema, 400: errorSchema, 404: errorSchema, 503: errorSchema, ...authErrors } },
    }, (request) => {
      const { kind, address } = request.params;
      const entry = run(() => store().lookup(kind, address));
      if (entry === undefined) throw new ApiError(404, `no name for ${kind} ${address}`);
      return entry;
    });

    scope.put<{ Params: { kind: AddressKind; address: string }; Body: { category?: string; name: string } }>('/API/system/names/:kind/:address', {
      config: admin,
      schema: {
        summary: 'Set the name (and category) of an address', tags, params: entryParams,
        body: { type: 'object', additionalProperties: false, required: ['name'], properties: { category: fieldSchema, name: fieldSchema } },
        response: { 200: entrySchema, 400: errorSchema, 413: errorSchema, 503: errorSchema, ...authErrors },
      },
    }, (request) => run(() => store().put(request.params.kind, request.params.address, request.body.category ?? '', request.body.name)));

    scope.delete<{ Params: { kind: AddressKind; address: string } }>('/API/system/names/:kind/:address', {
      config: admin,
      schema: { summary: 'Remove the name of an address', tags, params: entryParams, response: { 204: { type: 'null' }, 400: errorSchema, 404: errorSchema, 503: errorSchema, ...authErrors } },
    }, async (request, reply) => {
      const { kind, address } = request.params;
      if (!run(() => store().delete(kind, address))) throw new ApiError(404, `no name for ${kind} ${address}`);
      return reply.code(204).send();
    });
    done();
  });
}
