/**
 * @module modules/connections/connection-schema
 * The schema of a connection row (connectionJson plus what each ConnectionExtension adds): built
 * when asked, since modules add their extensions after the connections module exists. An
 * extension without a schema leaves the row open to further fields.
 */
import type { JsonSchema } from '../resource.js';
import { countersProperties, int, num, objectSchema, str, withTraffic } from '../traffic-schema.js';
import type { ConnectionExtension } from './connection-list.js';
import { extendedFields } from '../row-extension.js';

const pair = { type: 'array', items: num, minItems: 2, maxItems: 2, description: '[packets, bytes]' } as const;

export const CONNECTION_FIELDS: Readonly<Record<string, JsonSchema>> = {
  id: int, client: str, clientPort: int, server: str, serverPort: int, l4Protocol: str,
  ipVersion: { type: 'integer', enum: [4, 6] }, clientBy: { type: 'string', enum: ['handshake', 'heuristic'] },
  startTime: num, lastActivity: num, duration: num, clientToServer: pair, serverToClient: pair,
};

function extended(extensions: readonly ConnectionExtension[]): { props: Record<string, JsonSchema>; optional: string[]; open: boolean } {
  return extendedFields(CONNECTION_FIELDS, extensions);
}

/** A row of a connection list: with firstSeen/lastSeen (entity-list.ts). */
export function connectionRowSchema(extensions: readonly ConnectionExtension[]): JsonSchema {
  const { props, optional, open } = extended(extensions);
  return withTraffic(props, { optional, open });
}

/** connections/connections/:id: the row's fields and counters, without firstSeen/lastSeen (startTime/lastActivity say it). */
export function connectionObjectSchema(extensions: readonly ConnectionExtension[]): JsonSchema {
  const { props, optional, open } = extended(extensions);
  return objectSchema({ ...props, ...countersProperties }, { optional: [...optional, 'history'], open });
}
