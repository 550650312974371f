/**
 * @module api/routes/capture-validate
 * `GET /API/data/modules/capture/validate?expression=…` (access `user`): checks a capture filter without
 * capturing anything, for editors that validate while the user types. A bad expression is not an HTTP
 * error here (the answer is 200 `{"valid": false, "error", "position", "expected"}`), so a browser does not
 * log every half-typed filter as a failed request; the capture itself still answers 400 for it.
 */
import type { FastifyInstance } from 'fastify';
import { buildCaptureFilter, FilterSyntaxError } from '../../filter/index.js';
import { authErrors, errorSchema } from '../schemas.js';

const answerSchema = {
  type: 'object',
  required: ['valid'],
  properties: {
    valid: { type: 'boolean' },
    error: { type: 'string' },
    position: { type: 'integer' },
    expected: { type: 'array', items: { type: 'string' } },
  },
} as const;

export type FilterCheck =
  | { readonly valid: true }
  | { readonly valid: false; readonly error: string; readonly position: number; readonly expected: readonly string[] };

/** Compiles `expression` once and reports where it breaks. */
export function checkCaptureFilter(expression: string): FilterCheck {
  // The capture reads an empty expression as "every packet".
  if (expression.trim() === '') return { valid: true };
  try {
    buildCaptureFilter(expression);
    return { valid: true };
  } catch (err) {
    if (err instanceof FilterSyntaxError) return { valid: false, error: `bad expression: ${err.message}`, position: err.position, expected: [...err.expected] };
    throw err;
  }
}

export function registerCaptureValidate(app: FastifyInstance): void {
  app.get<{ Querystring: { expression?: string } }>('/API/data/modules/capture/validate', {
    config: { access: 'user' },
    schema: {
      summary: 'Check a capture filter expression (200 with valid:false and the position when it is bad)', tags: ['data'],
      querystring: { type: 'object', properties: { expression: { type: 'string', maxLength: 4096 } } },
      response: { 200: answerSchema, 400: errorSchema, ...authErrors },
    },
  }, (request) => checkCaptureFilter(request.query.expression ?? ''));
}
