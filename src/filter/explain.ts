/**
 * @module filter/explain
 * `wiremeter filter explain`: the stages of a capture filter as text — the tokens, the syntax tree,
 * the checked form and the compiled plan (what each comparison was precomputed into and where it
 * reads) — and a FilterSyntaxError shown with a caret under its position.
 */
import { formatAst } from './ast.js';
import { checkCaptureFilter, formatChecked, formatValue, type CheckedNode, type CheckedTest } from './check.js';
import { compileCaptureFilter } from './compile.js';
import { tokenize } from './lexer.js';
import { CAPTURE_FILTER_LEXER, parseCaptureFilter } from './parser.js';
import type { FilterSyntaxError } from './syntax-error.js';

function hex32(v: number): string {
  return `0x${(v >>> 0).toString(16).padStart(8, '0')}`;
}

/** What one comparison compiles to. */
export function planOf(t: CheckedTest): string {
  const v = t.value;
  let how: string;
  switch (v.type) {
    case 'ip': {
      const mask = v.v6 ? `/${v.prefix} over 4 words` : `mask ${hex32(v.prefix === 0 ? 0 : 0xffffffff << (32 - v.prefix))} net ${hex32(v.words[3])}`;
      how = `IPv${v.v6 ? 6 : 4} ${mask}${v.port >= 0 ? `, port ${v.port} on the same side` : ''}`;
      break;
    }
    case 'mac': how = `48-bit equality with ${v.mac}`; break;
    case 'set': {
      if (v.any || v.none) { how = `presence test (${v.any ? 'any' : 'none'})`; break; }
      const count = v.ranges.reduce((n, [a, b]) => n + b - a + 1, 0);
      how = v.ranges.length === 1 ? (count === 1 ? `equality with ${v.ranges[0]?.[0] ?? ''}` : 'one range test') : `bitset of ${count} values`;
      break;
    }
    case 'flags': how = `(flags & 0x${v.mask.toString(16)}) == 0x${v.mask.toString(16)}`; break;
    case 'text': how = `string equality with ${JSON.stringify(v.text)}`; break;
    case 'regexp': how = 'RE2 search on the payload bytes'; break;
  }
  const source = t.operand.source === 'context' ? ' [context: matches nothing until a module provides it]' : '';
  return `${t.negate ? 'NOT ' : ''}${t.operand.name}: ${how} — ${t.operand.help}${source}`;
}

function planLines(node: CheckedNode, indent: string, out: string[]): void {
  if (node.kind === 'test') {
    out.push(indent + planOf(node));
    return;
  }
  out.push(`${indent}${node.kind.toUpperCase()} (short-circuit, ${node.children.length} operands, left to right)`);
  for (const c of node.children) planLines(c, indent + '  ', out);
}

/** The four stages as text; throws FilterSyntaxError for a bad expression. */
export function explainCaptureFilter(expression: string): string {
  const tokens = tokenize(expression, CAPTURE_FILTER_LEXER);
  const ast = parseCaptureFilter(expression);
  const checked = checkCaptureFilter(ast);
  compileCaptureFilter(checked);
  const plan: string[] = [];
  planLines(checked, '  ', plan);
  return [
    'tokens:',
    ...tokens.map((t) => `  ${String(t.start).padStart(4)}  ${t.kind.padEnd(6)} ${t.kind === 'eof' ? '' : JSON.stringify(t.text)}`),
    'ast:',
    `  ${formatAst(ast)}`,
    'checked:',
    `  ${formatChecked(checked)}`,
    'plan:',
    ...plan,
    '',
  ].join('\n');
}

/** The error under the expression, a caret at its position. */
export function formatFilterError(expression: string, err: FilterSyntaxError): string {
  const pos = Math.max(0, Math.min(err.position, expression.length));
  return `error: ${err.message}\n  ${expression}\n  ${' '.repeat(pos)}^\n`;
}

export { formatValue };
