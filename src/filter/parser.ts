/**
 * @module filter/parser
 * Recursive-descent parser of the capture filter language, on the shared lexer (lexer.ts) and
 * token stream (token-stream.ts):
 *
 *   filter     := or EOF
 *   or         := and { ('or' | '||') and }
 *   and        := primary { ('and' | '&&') primary }
 *   primary    := '(' or ')' | comparison
 *   comparison := WORD ('==' | '!=') (WORD | STRING)
 *
 * Keywords are case-insensitive. A bare value is one word: addresses (`10.0/16`, `[fe80::1]:123`,
 * `aa:bb:cc:dd:ee:ff`), lists and ranges (`80,100-120,-10,65000-`), flag sets (`syn+ack`); a value
 * with spaces is quoted with `"` or `'` (the typographic quotes “ ” of the manual work too).
 * Errors are FilterSyntaxError with the position and the expected tokens; nesting is bounded.
 */
import { tokenize, type LexerSpec } from './lexer.js';
import { FilterSyntaxError } from './syntax-error.js';
import { TokenStream } from './token-stream.js';
import { parseBoolean } from './boolean-parser.js';
import type { CaptureNode, CaptureOp } from './ast.js';
import { CAPTURE_FILTER_LIMITS } from './limits.js';

const COMPARE_OPS = ['==', '!='] as const;

export const CAPTURE_FILTER_LEXER: LexerSpec = {
  operators: ['(', ')', '&&', '||', ...COMPARE_OPS],
  isWordChar: (ch) => /^[A-Za-z0-9_.:\-/+,[\]*]$/.test(ch),
  quotes: ['"', "'", '\u201c'],
  closingQuotes: { '\u201c': '\u201d' },
  rawBackslashes: true,
};

const KEYWORDS = ['and', 'or'];

class CaptureFilterParser {
  private comparisons = 0;

  constructor(private readonly ts: TokenStream) {}

  parseFilter(): CaptureNode {
    if (this.ts.peek().kind === 'eof') throw this.ts.unexpected(['an operand name', "'('"]);
    const node = parseBoolean<CaptureNode>(this.ts, {
      leaf: () => this.parseComparison(),
      and: (left, right) => ({ kind: 'and', left, right }),
      or: (left, right) => ({ kind: 'or', left, right }),
      maxDepth: CAPTURE_FILTER_LIMITS.maxDepth,
    });
    if (this.ts.peek().kind !== 'eof') throw this.ts.unexpected(["'and'", "'or'", 'end of filter']);
    return node;
  }

  private parseComparison(): CaptureNode {
    const name = this.ts.peek();
    if (name.kind !== 'word' || KEYWORDS.includes(name.text.toLowerCase())) {
      throw this.ts.unexpected(['an operand name', "'('"]);
    }
    if (++this.comparisons > CAPTURE_FILTER_LIMITS.maxComparisons) {
      throw new FilterSyntaxError(`more than ${CAPTURE_FILTER_LIMITS.maxComparisons} comparisons`, name.start, []);
    }
    this.ts.next();
    const opTok = this.ts.accept(COMPARE_OPS);
    if (!opTok) throw this.ts.unexpected(["'=='", "'!='"]);
    const value = this.ts.peek();
    if (value.kind !== 'word' && value.kind !== 'string') throw this.ts.unexpected(['a value', 'a quoted string']);
    this.ts.next();
    return {
      kind: 'compare', operand: name.text, operandPos: name.start, op: opTok.text as CaptureOp, opPos: opTok.start,
      value: value.text, valuePos: value.start, quoted: value.kind === 'string',
    };
  }
}

/** Parse a capture filter expression into its syntax tree. */
export function parseCaptureFilter(source: string): CaptureNode {
  if (source.length > CAPTURE_FILTER_LIMITS.maxLength) {
    throw new FilterSyntaxError(`filter longer than ${CAPTURE_FILTER_LIMITS.maxLength} characters`, CAPTURE_FILTER_LIMITS.maxLength, []);
  }
  return new CaptureFilterParser(new TokenStream(tokenize(source, CAPTURE_FILTER_LEXER))).parseFilter();
}
