/**
 * @module api/schemas
 * JSON schemas shared by the routes (request and response), registered once so that the OpenAPI
 * document names them.
 */
import { AUTH_LIMITS } from '../config/limits.js';

export const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: { type: 'string' },
    parameter: { type: 'string' },
    position: { type: 'integer' },
    expected: { type: 'array', items: { type: 'string' } },
    retryAfterSec: { type: 'integer' },
  },
} as const;

export const optionsSchema = {
  type: 'object',
  required: ['subResources'],
  properties: { subResources: { type: 'array', items: { type: 'string' } } },
} as const;

/** Any JSON object a module answers (its shape is the module's). */
export const anyObjectSchema = { type: 'object', additionalProperties: true } as const;

export const userNameSchema = { type: 'string', pattern: '^[A-Za-z0-9._@-]+$', minLength: 1, maxLength: AUTH_LIMITS.maxUserNameChars } as const;
export const passwordSchema = { type: 'string', minLength: AUTH_LIMITS.minPasswordChars, maxLength: AUTH_LIMITS.maxPasswordChars } as const;
export const roleSchema = { type: 'string', enum: ['admin', 'user'] } as const;

export const userSchema = {
  type: 'object',
  required: ['name', 'role', 'pcap', 'created'],
  properties: { name: { type: 'string' }, role: roleSchema, pcap: { type: 'boolean' }, created: { type: 'integer' } },
} as const;

/** Error answers every authenticated route can give. */
export const authErrors = { 401: errorSchema, 403: errorSchema, 429: errorSchema } as const;
