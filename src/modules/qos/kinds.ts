/**
 * @module modules/qos/kinds
 * The three QoS marks the module counts (first key word of its table).
 */
export const QosKind = { Dscp: 0, Pcp: 1, MplsTc: 2 } as const;
