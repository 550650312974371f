/**
 * @module filter/regexp
 * The `regexp` operand: a PCRE-like pattern (`allegr[o,a]|HTTP`, `(?i)http`, `\d+`, classes,
 * alternation, counted and lazy repetition, named groups) compiled by RE2 (the `re2` package), a
 * linear-time engine: constructs that need backtracking (back-references, look-around, possessive
 * and atomic groups) are refused with RE2's reason at the pattern's position. Matching is
 * case-sensitive unless the pattern says `(?i)`. It runs on a Buffer view of the packet bytes: the
 * one per-packet allocation of the filter (a view object, never a copy).
 */
import RE2 from 're2';
import { CAPTURE_FILTER_LIMITS } from './limits.js';
import { FilterSyntaxError } from './syntax-error.js';
import type { RegexpValue, ValueSite } from './values.js';

export function compileRegexp(site: ValueSite): RegexpValue {
  const source = site.text;
  if (source.length === 0) throw new FilterSyntaxError('empty regular expression', site.pos, ['a quoted regular expression']);
  if (source.length > CAPTURE_FILTER_LIMITS.maxRegexpLength) {
    throw new FilterSyntaxError(`regular expression longer than ${CAPTURE_FILTER_LIMITS.maxRegexpLength} characters`, site.pos, []);
  }
  let re: RE2;
  try {
    re = new RE2(source);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new FilterSyntaxError(`invalid regular expression: ${why}`, site.pos, ['a regular expression RE2 accepts (no back-references or look-around)']);
  }
  const test = (data: Uint8Array, start: number, end: number): boolean => {
    if (end <= start) return false;
    return re.test(Buffer.from(data.buffer, data.byteOffset + start, end - start));
  };
  return { type: 'regexp', source, test };
}
