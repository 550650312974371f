/**
 * @module filter/facts
 * Which context facts (FilterContext fields) a checked filter reads, found once when it is
 * built, and the lookups a packet path offers to fill them. A capture fills only the facts its
 * filter reads, so a filter of packet operands costs no lookup at all; one that reads the L7
 * protocol skips the packets of flows DPI has not classified yet (the capture module's rule).
 */
import type { CheckedNode } from './check.js';
import type { OperandName } from './operands.js';

export interface FilterFacts {
  /** l7Protocol / dpiProtocol. */
  readonly l7Protocol: boolean;
  readonly countryCode: boolean;
  readonly serverPort: boolean;
}

export const NO_FACTS: FilterFacts = { l7Protocol: false, countryCode: false, serverPort: false };

function collect(node: CheckedNode, into: Set<OperandName>): void {
  if (node.kind === 'test') into.add(node.operand.name);
  else for (const c of node.children) collect(c, into);
}

export function filterFacts(checked: CheckedNode): FilterFacts {
  const names = new Set<OperandName>();
  collect(checked, names);
  return { l7Protocol: names.has('l7Protocol'), countryCode: names.has('countryCode'), serverPort: names.has('serverport') };
}

/**
 * Where the facts of the packet being filtered come from; the packet path binds one when it
 * knows the current packet (an Analyzer after `add`). Each answers for that current packet.
 */
export interface FilterLookups {
  /** Registry index of the packet's flow's L7 protocol; -1 when no flow or not classified yet. */
  l7Protocol(): number;
  /** The flow's server port; -1 unknown. */
  serverPort(): number;
  /** ISO country code (upper case) of the source (`dst` false) or destination IP; '' unknown. */
  countryCode(dst: boolean): string;
}

/** Lookups that know nothing (a packet path without DPI, connections or geolocation). */
export const NO_LOOKUPS: FilterLookups = {
  l7Protocol: () => -1,
  serverPort: () => -1,
  countryCode: () => '',
};
