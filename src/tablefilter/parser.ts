/**
 * @module tablefilter/parser
 * Recursive-descent parser of the complex table filter (grammar in src/api/README.md):
 *
 *   filter     := or EOF
 *   or         := and { ('or' | '||') and }
 *   and        := unary { ('and' | '&&') unary }
 *   unary      := ('not' | '!') unary | '(' or ')' | comparison
 *   comparison := WORD op (WORD | STRING)
 *   op         := '=' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '~' | '!~'
 *
 * Errors are FilterSyntaxError with the character position and the expected tokens.
 */
import { tokenize, type LexerSpec } from '../filter/lexer.js';
import { TokenStream } from '../filter/token-stream.js';
import { parseBoolean } from '../filter/boolean-parser.js';
import { LIST_LIMITS } from '../config/limits.js';
import type { CompareOp, FilterNode } from './ast.js';

const COMPARE_OPS = ['==', '=', '!=', '<=', '<', '>=', '>', '~', '!~'] as const;

export const TABLE_FILTER_LEXER: LexerSpec = {
  operators: ['(', ')', '&&', '||', '!', ...COMPARE_OPS],
  // Words hold column names, numbers, addresses (10.0.0.1, fe80::1, ff:ff:..), host names.
  isWordChar: (ch) => /^[A-Za-z0-9_.:\-/+@*]$/.test(ch) || ch.charCodeAt(0) > 0x7f,
  quotes: ['"', "'"],
};

const OP_EXPECTED = COMPARE_OPS.map((o) => `'${o}'`);

class TableFilterParser {
  constructor(private readonly ts: TokenStream) {}

  parseFilter(): FilterNode {
    const node = parseBoolean<FilterNode>(this.ts, {
      leaf: () => this.parseComparison(),
      and: (left, right) => ({ kind: 'and', left, right }),
      or: (left, right) => ({ kind: 'or', left, right }),
      not: (operand, pos) => ({ kind: 'not', operand, pos }),
      maxDepth: LIST_LIMITS.maxFilterDepth,
    });
    if (this.ts.peek().kind !== 'eof') throw this.ts.unexpected(["'and'", "'or'", 'end of filter']);
    return node;
  }

  private parseComparison(): FilterNode {
    const col = this.ts.peek();
    if (col.kind !== 'word' || ['and', 'or', 'not'].includes(col.text.toLowerCase())) {
      throw this.ts.unexpected(['a column name', "'('", "'not'"]);
    }
    this.ts.next();
    const opTok = this.ts.accept(COMPARE_OPS);
    if (!opTok) throw this.ts.unexpected(OP_EXPECTED);
    const op: CompareOp = opTok.text === '==' ? '=' : (opTok.text as CompareOp);
    const value = this.ts.peek();
    if (value.kind !== 'word' && value.kind !== 'string') throw this.ts.unexpected(['a value', 'a quoted string']);
    this.ts.next();
    return {
      kind: 'compare', column: col.text, columnPos: col.start, op,
      value: value.text, valuePos: value.start, quoted: value.kind === 'string',
    };
  }
}

/** Parse a complex filter (the whole string, including its leading parenthesis). */
export function parseTableFilter(source: string): FilterNode {
  return new TableFilterParser(new TokenStream(tokenize(source, TABLE_FILTER_LEXER))).parseFilter();
}
