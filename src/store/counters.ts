/**
 * @module store/counters
 * Layout of the 4-value traffic counters, as in the REST API: [rxPackets, rxBytes, txPackets, txBytes].
 * Tables keep them in one Float64Array, 4 slots per entity, at `entity * 4 + Counter.x`.
 */
export const Counter = { RxPackets: 0, RxBytes: 1, TxPackets: 2, TxBytes: 3 } as const;
export const COUNTER_WIDTH = 4;

/** A 4-value counter as the API shows it. */
export type TrafficCounters = [rxPackets: number, rxBytes: number, txPackets: number, txBytes: number];

export function readCounters(values: Float64Array, entity: number): TrafficCounters {
  const b = entity * COUNTER_WIDTH;
  return [values[b] ?? 0, values[b + 1] ?? 0, values[b + 2] ?? 0, values[b + 3] ?? 0];
}
