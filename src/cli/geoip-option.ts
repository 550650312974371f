/**
 * @module cli/geoip-option
 * The `--geoip FILE|off` option of `analyze` and `serve` (the value goes to geo/configureGeolocation;
 * a file that is not a MaxMind DB is a GeoDatabaseError: message, exit status 1).
 */

/** Help text of the option, its description starting at `column` (as memoryBudgetHelp). */
export function geoipHelp(column: number): string {
  const option = '--geoip FILE|off';
  const indent = ' '.repeat(column + 2);
  return `${option.padEnd(column)}country database: a MaxMind DB (.mmdb) file, or off (default:\n`
    + `${indent}the shipped DB-IP Lite country file, CC BY 4.0, db-ip.com)`;
}
