/**
 * @module filter
 * The capture filter language: `buildCaptureFilter(expression)` lexes, parses, checks and compiles
 * an expression (`ip == 10.0/16 and (port == 80 || tcpFlags == syn)`) into a predicate over the
 * decoded packet and its FilterContext; a bad expression throws FilterSyntaxError with the position
 * and the expected tokens. README.md lists the operands and their meaning.
 */
import { parseCaptureFilter } from './parser.js';
import { checkCaptureFilter, type CheckedNode } from './check.js';
import { compileCaptureFilter, type CapturePredicate } from './compile.js';
import type { CaptureNode } from './ast.js';

export { FilterContext, EMPTY_FILTER_CONTEXT } from './context.js';
export { FilterSyntaxError } from './syntax-error.js';
export type { CapturePredicate } from './compile.js';
export type { CheckedNode } from './check.js';
export { interpretCaptureFilter } from './interpret.js';

export interface CaptureFilter {
  readonly expression: string;
  readonly ast: CaptureNode;
  readonly checked: CheckedNode;
  readonly predicate: CapturePredicate;
}

export function buildCaptureFilter(expression: string): CaptureFilter {
  const ast = parseCaptureFilter(expression);
  const checked = checkCaptureFilter(ast);
  return { expression, ast, checked, predicate: compileCaptureFilter(checked) };
}
