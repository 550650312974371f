/**
 * @module api/path-aliases
 * Module paths of the appliance's documentation that wiremeter serves elsewhere, so that scripts
 * written against it work unchanged: the rewrite happens before the resource walk (GET and
 * OPTIONS), and OPTIONS of the parent does not list the alias.
 */

/** `<module>/<path>` as the appliance spells it → wiremeter's `<module>/<path>`. */
export const MODULE_PATH_ALIASES: Readonly<Record<string, string>> = {
  // "Output Connection Table as CSV file": .../ip/globalConnections/csv?csv=true
  'ip/globalConnections/csv': 'connections/connections_paged',
  'ip/globalConnections': 'connections/connections_paged',
};

/** The segments to walk for `segments` (itself when no alias applies). */
export function resolveAlias(segments: readonly string[]): readonly string[] {
  const target = MODULE_PATH_ALIASES[segments.join('/')];
  return target === undefined ? segments : target.split('/');
}
