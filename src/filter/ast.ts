/**
 * @module filter/ast
 * The syntax tree of a capture filter expression (the language of the capture module, spec
 * "Using expert filters to start captures"), every node with its character offset. The parser
 * produces it; check.ts turns it into the checked form the compiler and the interpreter read.
 */

export type CaptureOp = '==' | '!=';

/** `operand op value`, e.g. `ip == 10.0/16`, `regexp != "(?i)http"`. */
export interface CaptureComparison {
  readonly kind: 'compare';
  /** The operand as written (case preserved; matching ignores case). */
  readonly operand: string;
  readonly operandPos: number;
  readonly op: CaptureOp;
  readonly opPos: number;
  readonly value: string;
  readonly valuePos: number;
  /** The value was a quoted string. */
  readonly quoted: boolean;
}

export interface CaptureAnd { readonly kind: 'and'; readonly left: CaptureNode; readonly right: CaptureNode }
export interface CaptureOr { readonly kind: 'or'; readonly left: CaptureNode; readonly right: CaptureNode }

export type CaptureNode = CaptureComparison | CaptureAnd | CaptureOr;

/** The tree as one line of text (for `filter explain` and tests): `(and (== ip 10.0.0.1) …)`. */
export function formatAst(node: CaptureNode): string {
  switch (node.kind) {
    case 'compare': return `(${node.op} ${node.operand} ${node.quoted ? JSON.stringify(node.value) : node.value})`;
    case 'and': return `(and ${formatAst(node.left)} ${formatAst(node.right)})`;
    case 'or': return `(or ${formatAst(node.left)} ${formatAst(node.right)})`;
  }
}
