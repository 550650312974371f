/**
 * @module filter/limits
 * Bounds on a capture filter expression, which may come from any API client: its length, its
 * nesting depth, its number of comparisons and the size of a regular expression program.
 */
export const CAPTURE_FILTER_LIMITS = Object.freeze({
  /** Characters in an expression. */
  maxLength: 4096,
  /** Nested parentheses. */
  maxDepth: 64,
  /** Comparisons in an expression. */
  maxComparisons: 256,
  /** Characters in one regexp pattern. */
  maxRegexpLength: 1024,
});
