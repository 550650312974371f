/**
 * @module filter/check
 * Check a parsed capture filter: every operand name is known (else an error listing the operands),
 * every value reads as its operand requires (addresses, numbers in range, names, flags, a pattern
 * RE2 accepts), with the position of the problem. The result is the checked form: and/or nodes
 * flattened into lists, each comparison carrying its operand spec and its parsed value. The
 * compiler and the reference interpreter both read this form.
 */
import type { CaptureComparison, CaptureNode } from './ast.js';
import { findOperand, OPERANDS, type OperandSpec } from './operands.js';
import { compileRegexp } from './regexp.js';
import { FilterSyntaxError } from './syntax-error.js';
import { parseFlagsValue, parseIpValue, parseMacValue, parseSetValue, type CheckedValue, type ValueSite } from './values.js';

export interface CheckedTest {
  readonly kind: 'test';
  readonly operand: OperandSpec;
  /** `!=`: the negation of `==`. */
  readonly negate: boolean;
  readonly value: CheckedValue;
  /** The value as written (for explain). */
  readonly text: string;
  readonly pos: number;
}

export interface CheckedGroup { readonly kind: 'and' | 'or'; readonly children: readonly CheckedNode[] }

export type CheckedNode = CheckedTest | CheckedGroup;

function checkValue(cmp: CaptureComparison, spec: OperandSpec): CheckedValue {
  const site: ValueSite = { text: cmp.value, pos: cmp.valuePos };
  const v = spec.value;
  switch (v.kind) {
    case 'ip': {
      if (v.any === true && cmp.value.toLowerCase() === 'any') return { type: 'set', ranges: [], any: true, none: false };
      const ip = parseIpValue(site);
      if (v.v4Only === true && ip.v6) throw new FilterSyntaxError(`${spec.name} takes an IPv4 address`, cmp.valuePos, ['an IPv4 address']);
      if (v.noPort === true && ip.port >= 0) throw new FilterSyntaxError(`${spec.name} takes no port`, cmp.valuePos, ['an address without port']);
      return ip;
    }
    case 'mac': return parseMacValue(site);
    case 'set': return parseSetValue(site, v.set);
    case 'flags': return parseFlagsValue(site);
    case 'text':
      if (v.pattern !== undefined && !v.pattern.test(cmp.value)) {
        throw new FilterSyntaxError(`'${cmp.value}' is not ${v.hint}`, cmp.valuePos, [v.hint]);
      }
      return { type: 'text', text: spec.name === 'countryCode' ? cmp.value.toUpperCase() : cmp.value };
    case 'regexp': return compileRegexp(site);
  }
}

function checkNode(node: CaptureNode): CheckedNode {
  switch (node.kind) {
    case 'compare': {
      const spec = findOperand(node.operand);
      if (!spec) throw new FilterSyntaxError(`unknown operand '${node.operand}'`, node.operandPos, OPERANDS.map((o) => o.name));
      return { kind: 'test', operand: spec, negate: node.op === '!=', value: checkValue(node, spec), text: node.value, pos: node.operandPos };
    }
    case 'and':
    case 'or': {
      const children: CheckedNode[] = [];
      for (const side of [node.left, node.right]) {
        const c = checkNode(side);
        if (c.kind === node.kind) children.push(...c.children);
        else children.push(c);
      }
      return { kind: node.kind, children };
    }
  }
}

export function checkCaptureFilter(ast: CaptureNode): CheckedNode {
  return checkNode(ast);
}

/** The checked form as one line: `(and ip==10.0.0.0/16 (or port==80 port==443))`. */
export function formatChecked(node: CheckedNode): string {
  if (node.kind !== 'test') return `(${node.kind} ${node.children.map(formatChecked).join(' ')})`;
  return `${node.operand.name}${node.negate ? '!=' : '=='}${formatValue(node.value)}`;
}

export function formatValue(v: CheckedValue): string {
  switch (v.type) {
    case 'ip': {
      const addr = v.v6
        ? v.words.map((w) => [w >>> 16, w & 0xffff].map((g) => g.toString(16)).join(':')).join(':')
        : [24, 16, 8, 0].map((s) => (v.words[3] >>> s) & 255).join('.');
      return `${v.v6 ? `[${addr}]` : addr}/${v.prefix}${v.port >= 0 ? `:${v.port}` : ''}`;
    }
    case 'mac': return `mac(${v.mac.toString(16).padStart(12, '0')})`;
    case 'set': return v.any ? 'any' : v.none ? 'none' : `{${v.ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',')}}`;
    case 'flags': return `flags&0x${v.mask.toString(16)}`;
    case 'text': return JSON.stringify(v.text);
    case 'regexp': return `re2/${v.source}/`;
  }
}
