/**
 * @module modules/arp/kinds
 * The ARP counts (first key word of the module's kinds table) and their names in the API.
 */
export const ArpKind = { Request: 0, Reply: 1, OtherOp: 2, Gratuitous: 3, Probe: 4 } as const;
export const ARP_KIND_NAMES: readonly string[] = ['requests', 'replies', 'otherOps', 'gratuitous', 'probes'];
