/**
 * @module api/error-handling
 * How every failure is answered: schema violations → 400 `{"error", "parameter"}`; ApiError as it
 * says; filter errors → 400 with the position; Fastify's own client errors (body too large, bad
 * JSON, unsupported media type) with their status; anything else → 500 `{"error": "internal
 * error"}`, logged, never a stack trace. Unknown paths → 404.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';

type SchemaErrorDataVar = 'body' | 'headers' | 'params' | 'querystring';
import { FilterSyntaxError } from '../filter/syntax-error.js';
import { ApiError } from './api-error.js';
import { PARAMETER_HINTS } from './stats-query.js';

/** Fastify's schemaErrorFormatter: the first violation, naming its parameter. */
export function formatSchemaError(errors: FastifySchemaValidationError[], dataVar: SchemaErrorDataVar): Error {
  const e = errors[0];
  if (!e) return new ApiError(400, `invalid ${dataVar}`);
  const missing = e.params.missingProperty;
  const extra = e.params.additionalProperty;
  const fromPath = e.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const parameter = typeof missing === 'string' ? missing : typeof extra === 'string' ? extra : fromPath || dataVar;
  const allowed = Array.isArray(e.params.allowedValues) ? ` (${e.params.allowedValues.map(String).join(', ')})` : '';
  const what = typeof missing === 'string' ? 'is required' : typeof extra === 'string' ? 'is not accepted here' : `${e.message ?? 'is invalid'}${allowed}`;
  const place = dataVar === 'querystring' ? 'parameter' : dataVar === 'headers' ? 'header' : dataVar === 'params' ? 'path element' : 'field';
  const hint = dataVar === 'querystring' ? PARAMETER_HINTS[parameter] : undefined;
  return new ApiError(400, `${place} '${parameter}' ${what}${hint === undefined ? '' : `; ${hint}`}`, parameter);
}

function isFastifyError(err: unknown): err is FastifyError {
  return err instanceof Error && typeof (err as Partial<FastifyError>).code === 'string';
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof ApiError) {
      if (err.statusCode === 429 && err.extra?.retryAfterSec !== undefined) void reply.header('retry-after', String(err.extra.retryAfterSec));
      // No Basic challenge for the web UI's own calls (X-Requested-With): it would pop up the browser's
      // login dialog over the UI's login form.
      if (err.statusCode === 401 && request.headers['x-requested-with'] === undefined) void reply.header('www-authenticate', 'Basic realm="wiremeter", charset="UTF-8"');
      return reply.code(err.statusCode).send({ error: err.message, ...(err.parameter === undefined ? {} : { parameter: err.parameter }), ...(err.extra ?? {}) });
    }
    if (err instanceof FilterSyntaxError) {
      return reply.code(400).send({ error: `bad filter: ${err.message}`, parameter: 'filter', position: err.position, expected: err.expected });
    }
    if (isFastifyError(err) && err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send({ error: err.message });
    }
    request.log.error({ err }, 'internal error');
    return reply.code(500).send({ error: 'internal error' });
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    return reply.code(404).send({ error: `no resource ${request.method} ${path.slice(0, 200)}` });
  });
}
