/**
 * @module capture/analyzer-lookups
 * The FilterLookups of an Analyzer: after `analyzer.add(pi)` the core's refs name the packet's
 * connection, the DPI module's detector knows the connection's protocol and whether detection
 * has finished (a payload match, a dissector, or the inspection budget spent: "classified"), and
 * the connection table knows the server side once a handshake showed it. Countries: the location
 * module's country of the connection's source and destination IP entities (looked up once per IP;
 * '' when geolocation is off, the address has no country, or the packet has no connection).
 */
import type { FilterLookups } from '../filter/facts.js';
import type { DpiModule } from '../modules/dpi/index.js';
import type { LocationModule } from '../modules/location/index.js';
import { formatCountryCode } from '../geo/country-code.js';
import { serverPort } from '../modules/connections/connection-list.js';
import type { Analyzer } from '../pipeline/analyzer.js';

export function analyzerLookups(analyzer: Analyzer): FilterLookups {
  const refs = analyzer.core.refs, table = analyzer.core.connections;
  const dpi = analyzer.module('dpi') as DpiModule | undefined;
  const detector = dpi?.detector;
  const location = analyzer.module('location') as LocationModule | undefined;
  // Packed code → its text, made once per country.
  const codeText: string[] = [];
  return {
    l7Protocol: () => {
      const c = refs.conn;
      if (c < 0 || detector?.isFinished(c) !== true) return -1;
      return detector.protocolOf(c);
    },
    serverPort: () => {
      const c = refs.conn;
      if (c < 0 || (table.clientIsA[c] as number) < 0) return -1;
      return serverPort(table, c);
    },
    countryCode: (dst) => {
      const ip = dst ? refs.connIpDst : refs.connIpSrc;
      if (location === undefined || ip < 0) return '';
      const code = location.ipCountries.of(ip);
      let text = codeText[code];
      if (text === undefined) codeText[code] = text = formatCountryCode(code) ?? '';
      return text;
    },
  };
}
