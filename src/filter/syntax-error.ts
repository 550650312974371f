/**
 * @module filter/syntax-error
 * The one error type of wiremeter's expression languages: a message, the 0-based character offset
 * where the problem is, and what the parser expected there. The REST layer answers it as 400.
 */
export class FilterSyntaxError extends Error {
  constructor(
    readonly reason: string,
    /** 0-based offset into the expression. */
    readonly position: number,
    /** What would have been accepted at `position` (empty when not a matter of tokens). */
    readonly expected: readonly string[],
  ) {
    const want = expected.length > 0 ? `; expected ${expected.join(' or ')}` : '';
    super(`${reason} at character ${position + 1}${want}`);
    this.name = 'FilterSyntaxError';
  }
}
