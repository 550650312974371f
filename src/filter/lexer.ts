/**
 * @module filter/lexer
 * A small table-driven lexer shared by wiremeter's expression languages (the table filter of the
 * REST lists now, the capture filter later). A language gives its operator set and its word
 * characters; the lexer turns a string into tokens that carry their character offsets, so every
 * later error (syntax, unknown field, bad value) can name the exact position. It never throws on
 * input other than by a FilterSyntaxError, runs in linear time, and never backtracks.
 */
import { FilterSyntaxError } from './syntax-error.js';

export type TokenKind = 'word' | 'string' | 'op' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** The token as written (for 'string': the unescaped content). */
  readonly text: string;
  /** Offset of the first character in the source (0-based). */
  readonly start: number;
  /** Offset just after the last character. */
  readonly end: number;
}

export interface LexerSpec {
  /** Operators and punctuation, e.g. ['(', ')', '==', '=', '&&']; matched longest first. */
  readonly operators: readonly string[];
  /** Whether a character can be part of a bare word (field names, numbers, addresses). */
  readonly isWordChar: (ch: string) => boolean;
  /** Quote characters that open a string literal; a backslash escapes the next character. */
  readonly quotes: readonly string[];
  /** Closing quote of an opening one when they differ (e.g. '\u201c' → '\u201d'); default the same character. */
  readonly closingQuotes?: Readonly<Record<string, string>>;
  /**
   * When true a backslash escapes only the closing quote and is otherwise kept as written, so a
   * quoted regular expression keeps its `\d`, `\.`; default false (a backslash escapes any character).
   */
  readonly rawBackslashes?: boolean;
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

/** Split `source` into tokens, ending with one 'eof' token. */
export function tokenize(source: string, spec: LexerSpec): Token[] {
  const ops = [...spec.operators].sort((a, b) => b.length - a.length);
  const tokens: Token[] = [];
  let i = 0;
  const n = source.length;
  while (i < n) {
    const ch = source.charAt(i);
    if (isSpace(ch)) {
      i++;
      continue;
    }
    if (spec.quotes.includes(ch)) {
      const start = i;
      const close = spec.closingQuotes?.[ch] ?? ch;
      let text = '';
      i++;
      for (;;) {
        if (i >= n) throw new FilterSyntaxError(`unterminated string (opened at character ${start + 1})`, n, ['closing ' + close]);
        const c = source.charAt(i);
        if (c === '\\' && i + 1 < n && (spec.rawBackslashes !== true || source.charAt(i + 1) === close)) {
          text += source.charAt(i + 1);
          i += 2;
          continue;
        }
        i++;
        if (c === close) break;
        text += c;
      }
      tokens.push({ kind: 'string', text, start, end: i });
      continue;
    }
    const op = ops.find((o) => source.startsWith(o, i));
    if (op !== undefined) {
      tokens.push({ kind: 'op', text: op, start: i, end: i + op.length });
      i += op.length;
      continue;
    }
    if (spec.isWordChar(ch)) {
      const start = i;
      while (i < n && spec.isWordChar(source.charAt(i))) i++;
      tokens.push({ kind: 'word', text: source.slice(start, i), start, end: i });
      continue;
    }
    throw new FilterSyntaxError(`unexpected character '${ch}'`, i, []);
  }
  tokens.push({ kind: 'eof', text: '', start: n, end: n });
  return tokens;
}
