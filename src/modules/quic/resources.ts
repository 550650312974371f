/**
 * @module modules/quic/resources
 * The quic module's REST subtree: quic (summary), quic/servers, quic/clients, quic/names (the
 * same row shapes as the ssl module's, built from the QUIC ClientHellos).
 */
import type { JsonObject, Resource } from '../resource.js';
import { rowsView } from '../l7-shared/rows-view.js';
import { int, objectSchema } from '../traffic-schema.js';
import { CLIENT_ROW_SCHEMA, NAME_ROW_SCHEMA, SERVER_ROW_SCHEMA } from '../ssl/schemas.js';
import { clientRows, nameRows, serverRows, CLIENT_COLUMNS, NAME_COLUMNS, SERVER_COLUMNS } from '../ssl/resources.js';
import type { QuicModule } from './index.js';

export function quicResource(m: QuicModule): Resource {
  const tables = m.tables, ips = m.ctx.core.ips;
  return {
    kind: 'object', name: 'quic',
    schema: objectSchema({ hellos: int, servers: int, clients: int, names: int, decryptedInitials: int, failedInitials: int, malformed: int }),
    get: (): JsonObject => ({
      hellos: tables.hellos, servers: tables.servers.size, clients: tables.clients.size, names: tables.names.counts.size,
      decryptedInitials: m.decrypted, failedInitials: m.failed, malformed: m.malformed,
    }),
    children: [
      { kind: 'list', name: 'servers', defaultSort: 'quicHellos', schema: SERVER_ROW_SCHEMA, open: () => rowsView(serverRows(tables, ips), SERVER_COLUMNS, ['ip', 'sni']) },
      { kind: 'list', name: 'clients', defaultSort: 'hellos', schema: CLIENT_ROW_SCHEMA, open: () => rowsView(clientRows(tables, ips), CLIENT_COLUMNS, ['ip', 'sni', 'ja3', 'ja4']) },
      { kind: 'list', name: 'names', defaultSort: 'count', schema: NAME_ROW_SCHEMA, open: () => rowsView(nameRows(tables), NAME_COLUMNS, ['name']) },
    ],
  };
}
