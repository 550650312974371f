/**
 * @module filter/boolean-parser
 * The boolean skeleton every wiremeter expression language shares, on a TokenStream:
 *
 *   or      := and { ('or' | '||') and }
 *   and     := unary { ('and' | '&&') unary }
 *   unary   := [('not' | '!') unary]  |  '(' or ')'  |  leaf
 *
 * (`not` only when the language has it). A language gives its leaf parser (a comparison), how to
 * build its and/or/not nodes, and its nesting limit; errors carry positions like every other.
 */
import { FilterSyntaxError } from './syntax-error.js';
import type { TokenStream } from './token-stream.js';

export interface BooleanGrammar<N> {
  /** Parses one leaf (a comparison) at the stream's position. */
  readonly leaf: () => N;
  readonly and: (left: N, right: N) => N;
  readonly or: (left: N, right: N) => N;
  /** The `not` node; absent when the language has no `not`. */
  readonly not?: (operand: N, pos: number) => N;
  /** Most nested parentheses and negations. */
  readonly maxDepth: number;
}

/** Parses `or` (the whole boolean expression) from the stream's position; EOF is the caller's. */
export function parseBoolean<N>(ts: TokenStream, g: BooleanGrammar<N>): N {
  let depth = 0;
  const parseOr = (): N => {
    let left = parseAnd();
    while (ts.accept(['||'], ['or'])) left = g.or(left, parseAnd());
    return left;
  };
  const parseAnd = (): N => {
    let left = parseUnary();
    while (ts.accept(['&&'], ['and'])) left = g.and(left, parseUnary());
    return left;
  };
  const parseUnary = (): N => {
    const t = ts.peek();
    if (++depth > g.maxDepth) throw new FilterSyntaxError('filter nested too deeply', t.start, []);
    try {
      if (g.not) {
        const not = ts.accept(['!'], ['not']);
        if (not) return g.not(parseUnary(), not.start);
      }
      if (ts.accept(['('])) {
        const inner = parseOr();
        ts.expect([')']);
        return inner;
      }
      return g.leaf();
    } finally {
      depth--;
    }
  };
  return parseOr();
}
