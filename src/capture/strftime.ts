/**
 * @module capture/strftime
 * File names with date wildcards (strftime's %Y %m %d %H %M %S %j %y %s %%), in UTC, from a time in
 * seconds; and a check that a name is a plain file name (no directory, no control characters).
 */

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function strftime(pattern: string, epochSec: number): string {
  const d = new Date(Math.floor(epochSec) * 1000);
  const dayOfYear = Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
  return pattern.replace(/%([YmdHMSjys%])/g, (_m, c: string) => {
    switch (c) {
      case 'Y': return String(d.getUTCFullYear());
      case 'y': return pad(d.getUTCFullYear() % 100);
      case 'm': return pad(d.getUTCMonth() + 1);
      case 'd': return pad(d.getUTCDate());
      case 'H': return pad(d.getUTCHours());
      case 'M': return pad(d.getUTCMinutes());
      case 'S': return pad(d.getUTCSeconds());
      case 'j': return pad(dayOfYear, 3);
      case 's': return String(Math.floor(epochSec));
      default: return '%';
    }
  });
}

/** A file name safe to offer as a download or create in a capture directory. */
export function isPlainFileName(name: string): boolean {
  // eslint-disable-next-line no-control-regex
  return name.length > 0 && name.length <= 200 && !/[/\\\u0000-\u001f\u007f"]/.test(name) && name !== '.' && name !== '..';
}
