/**
 * @module modules/traffic-schema
 * JSON schema builders for the fields every entity answer has (entity-list.ts, derived-row.ts):
 * the 4-value counter sets allTime, lastSecond, interval, intervalPerSecond
 * ([rxPackets, rxBytes, txPackets, txBytes]), the history series {timespan, points}, and
 * firstSeen/lastSeen (epoch seconds). A module declares only its own fields:
 * `withTraffic({ ip: str, version: int })`.
 */
import type { JsonSchema, JsonValue } from './resource.js';

export const str = { type: 'string' } as const;
export const num = { type: 'number' } as const;
export const int = { type: 'integer' } as const;
export const bool = { type: 'boolean' } as const;
export const nullable = (s: JsonSchema): JsonSchema => ({ ...s, nullable: true });
export const arrayOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items });

/** [rxPackets, rxBytes, txPackets, txBytes] (dimensions without a direction: [packets, bytes, 0, 0]). */
export const counterSetSchema: JsonSchema = {
  type: 'array', items: { type: 'number', minimum: 0 }, minItems: 4, maxItems: 4,
  description: '[rxPackets, rxBytes, txPackets, txBytes]',
};

/** A history series: points [time, rxPackets, rxBytes, txPackets, txBytes] per `timespan` seconds. */
export const historySchema: JsonSchema = {
  type: 'object', additionalProperties: false, required: ['timespan', 'points'],
  properties: {
    timespan: { type: 'integer', minimum: 1 },
    points: { type: 'array', items: { type: 'array', items: num, minItems: 1 } },
  },
};

export const COUNTER_SETS = ['allTime', 'lastSecond', 'interval', 'intervalPerSecond'] as const;

/** The counter sets and the optional history, without first/last activity (aggregates). */
export const countersProperties: Readonly<Record<string, JsonSchema>> = {
  allTime: counterSetSchema, lastSecond: counterSetSchema, interval: counterSetSchema, intervalPerSecond: counterSetSchema,
  history: historySchema,
};

export interface ObjectSchemaOptions {
  /** Own fields that may be absent (default: every own field is required). */
  readonly optional?: readonly string[];
  /** Fields beyond the declared ones are allowed (default false: the schema is the whole answer). */
  readonly open?: boolean;
  readonly description?: string;
}

/** A closed object schema whose fields are all required unless named optional. */
export function objectSchema(props: Readonly<Record<string, JsonSchema>>, options: ObjectSchemaOptions = {}): JsonSchema {
  const optional = new Set(options.optional ?? []);
  const out: Record<string, JsonValue> = {
    type: 'object',
    additionalProperties: options.open === true,
    required: Object.keys(props).filter((k) => !optional.has(k)),
    properties: props,
  };
  if (options.description !== undefined) out.description = options.description;
  return out;
}

/** An aggregate with counters (and optional history) but no first/last activity. */
export function withCounters(props: Readonly<Record<string, JsonSchema>>, options: ObjectSchemaOptions = {}): JsonSchema {
  return objectSchema({ ...props, ...countersProperties }, { ...options, optional: [...(options.optional ?? []), 'history'] });
}

/**
 * An entity (a list row or an entity object): its own fields, firstSeen/lastSeen, the four counter
 * sets and the history (absent with skiphistorydata=true, and on derived rows).
 */
export function withTraffic(props: Readonly<Record<string, JsonSchema>>, options: ObjectSchemaOptions = {}): JsonSchema {
  return objectSchema({ ...props, firstSeen: int, lastSeen: int, ...countersProperties },
    { ...options, optional: [...(options.optional ?? []), 'history'] });
}
