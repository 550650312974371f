/**
 * @module tablefilter/ast
 * The syntax tree of a complex table filter, every node with its character offset.
 */

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | '~' | '!~';

export interface Comparison {
  readonly kind: 'compare';
  readonly column: string;
  readonly columnPos: number;
  readonly op: CompareOp;
  readonly value: string;
  readonly valuePos: number;
  /** The value was a quoted string (never read as a number). */
  readonly quoted: boolean;
}

export interface Not { readonly kind: 'not'; readonly operand: FilterNode; readonly pos: number }
export interface And { readonly kind: 'and'; readonly left: FilterNode; readonly right: FilterNode }
export interface Or { readonly kind: 'or'; readonly left: FilterNode; readonly right: FilterNode }

export type FilterNode = Comparison | Not | And | Or;
