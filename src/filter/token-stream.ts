/**
 * @module filter/token-stream
 * The cursor a recursive-descent parser walks over the lexer's tokens: peek, take, accept an
 * operator or keyword, expect one (with a position-accurate FilterSyntaxError naming what was
 * expected). Shared by the table filter and the capture filter parsers.
 */
import type { Token } from './lexer.js';
import { FilterSyntaxError } from './syntax-error.js';

export class TokenStream {
  private index = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  peek(): Token {
    return this.tokens[Math.min(this.index, this.tokens.length - 1)] as Token;
  }

  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.index++;
    return t;
  }

  /** Whether the next token is one of `ops` (operators) or `keywords` (case-insensitive words). */
  at(ops: readonly string[], keywords: readonly string[] = []): boolean {
    const t = this.peek();
    if (t.kind === 'op') return ops.includes(t.text);
    if (t.kind === 'word') return keywords.includes(t.text.toLowerCase());
    return false;
  }

  /** Take the next token when it is one of `ops`/`keywords`. */
  accept(ops: readonly string[], keywords: readonly string[] = []): Token | undefined {
    return this.at(ops, keywords) ? this.next() : undefined;
  }

  /** Take the next token, which must be one of `ops`; otherwise a syntax error naming them. */
  expect(ops: readonly string[]): Token {
    const t = this.accept(ops);
    if (t === undefined) throw this.unexpected(ops.map((o) => `'${o}'`));
    return t;
  }

  /** A syntax error at the next token, saying what was found and what was expected. */
  unexpected(expected: readonly string[]): FilterSyntaxError {
    const t = this.peek();
    const found = t.kind === 'eof' ? 'end of filter' : `'${t.text}'`;
    return new FilterSyntaxError(`unexpected ${found}`, t.start, expected);
  }
}
