/**
 * @module decode/anomalies
 * The registry of named traffic anomalies ("weirds"): things wrong with a packet that the decoder
 * counts instead of throwing. Ids are `<proto>.<snake_case>` and are a public API (they appear in
 * `analyze` output and later in the REST API). The numeric index of an anomaly is its position in
 * ANOMALIES and is assigned here, at load time; never rely on it outside the process.
 */

export type AnomalySeverity = 'info' | 'warning' | 'error';

export interface AnomalyDef {
  readonly id: string;
  readonly severity: AnomalySeverity;
  readonly description: string;
  /** True when the anomaly made the decoder stop (the packet is counted as malformed). */
  readonly malformed: boolean;
}

export const ANOMALIES = [
  { id: 'frame.unknown_link_type', severity: 'warning', description: 'Link type the decoder does not understand', malformed: false },
] as const satisfies readonly AnomalyDef[];

export type AnomalyId = (typeof ANOMALIES)[number]['id'];

const INDEX = new Map<string, number>(ANOMALIES.map((a, i) => [a.id, i]));

/** Numeric index of an anomaly id, for hot-path counting. */
export function anomalyIndex(id: AnomalyId): number {
  const i = INDEX.get(id);
  if (i === undefined) throw new Error(`unknown anomaly ${id}`);
  return i;
}

export const ANOMALY_COUNT = ANOMALIES.length;
