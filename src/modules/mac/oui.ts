/**
 * @module modules/mac/oui
 * Vendor names from the IEEE registration authority's lists (MA-L 24-bit, MA-M 28-bit and MA-S
 * 36-bit assignments), as shipped by the `oui-data` package. The 5.6 MB table is read once, on the
 * first lookup (a REST answer, never the packet path), and kept as numeric maps. Locally
 * administered and group addresses have no vendor.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

interface OuiMaps {
  readonly l: Map<number, string>;
  readonly m: Map<number, string>;
  readonly s: Map<number, string>;
}

let maps: OuiMaps | null | undefined;

function load(): OuiMaps | null {
  try {
    const path = createRequire(import.meta.url).resolve('oui-data');
    const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
    const out: OuiMaps = { l: new Map(), m: new Map(), s: new Map() };
    for (const [prefix, text] of Object.entries(raw)) {
      const name = (text.split('\n')[0] ?? '').trim();
      const v = parseInt(prefix, 16);
      if (Number.isNaN(v) || name === '') continue;
      if (prefix.length === 6) out.l.set(v, name);
      else if (prefix.length === 7) out.m.set(v, name);
      else if (prefix.length === 9) out.s.set(v, name);
    }
    return out;
  } catch {
    return null;
  }
}

/** Entries in the loaded table (loads it), 0 when the package is missing. */
export function ouiEntries(): number {
  maps ??= load();
  return maps ? maps.l.size + maps.m.size + maps.s.size : 0;
}

/** The registered vendor of a MAC (48-bit number), or null. */
export function vendorOf(mac: number): string | null {
  const first = Math.floor(mac / 2 ** 40);
  if ((first & 0x03) !== 0) return null; // group (multicast) or locally administered
  maps ??= load();
  if (!maps) return null;
  return maps.s.get(Math.floor(mac / 2 ** 12)) ?? maps.m.get(Math.floor(mac / 2 ** 20)) ?? maps.l.get(Math.floor(mac / 2 ** 24)) ?? null;
}
