/**
 * @module geo/country-code
 * A country as a number: the two ASCII letters of its ISO 3166-1 alpha-2 code packed into 16 bits
 * (first letter high), so per-IP columns and the capture filter compare numbers, never strings.
 * 0 means "no country" (private, reserved or unknown address).
 */

/** No country: private, reserved, unassigned, or not in the database. */
export const NO_COUNTRY = 0;

const A = 0x41, Z = 0x5a;

function isLetter(c: number): boolean {
  return c >= A && c <= Z;
}

/** The packed code of two-letter text ("US", "de"), or NO_COUNTRY when it is not two letters. */
export function parseCountryCode(text: string): number {
  if (text.length !== 2) return NO_COUNTRY;
  const a = text.charCodeAt(0) & ~0x20, b = text.charCodeAt(1) & ~0x20;
  return isLetter(a) && isLetter(b) ? (a << 8) | b : NO_COUNTRY;
}

/** True for a packed code of two upper-case letters. */
export function isCountryCode(code: number): boolean {
  return code > 0 && code <= 0xffff && isLetter(code >>> 8) && isLetter(code & 0xff);
}

/** "US" for the packed code, null for NO_COUNTRY or anything that is not a packed code. */
export function formatCountryCode(code: number): string | null {
  return isCountryCode(code) ? String.fromCharCode(code >>> 8, code & 0xff) : null;
}

let displayNames: Intl.DisplayNames | null | undefined;

/** The English name of a country ("Germany" for DE); the code itself when the runtime has no name for it. */
export function countryName(code: number): string | null {
  const text = formatCountryCode(code);
  if (text === null) return null;
  if (displayNames === undefined) {
    try {
      displayNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
    } catch {
      displayNames = null;
    }
  }
  try {
    return displayNames?.of(text) ?? text;
  } catch {
    return text;
  }
}
