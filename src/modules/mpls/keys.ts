/**
 * @module modules/mpls/keys
 * Second key word of a single-label entity (labels are 20 bits, so no label equals it).
 */
export const SINGLE = 0xffffffff;
