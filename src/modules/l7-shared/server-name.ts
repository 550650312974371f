/**
 * @module modules/l7-shared/server-name
 * An IP row extension with the name clients most often asked an IP for as a server (TLS SNI, HTTP
 * Host): a column of the IP lists, a field of IP rows and objects when known, and text a plain
 * table filter searches (find an address by the site it serves).
 */
import type { RowExtension } from '../row-extension.js';
import { str } from '../traffic-schema.js';

export function serverNameExtension(field: string, name: (ip: number) => string | undefined): RowExtension {
  return {
    columns: [{ name: field, type: 'string', value: (e) => name(e) ?? '' }],
    schema: { [field]: str },
    optionalFields: [field],
    json: (e) => {
      const n = name(e);
      return n === undefined ? {} : { [field]: n };
    },
    searchText: (e) => name(e) ?? '',
  };
}
