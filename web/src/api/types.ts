/** Shapes of the REST answers the UI reads (see docs/openapi.json); only the fields it uses. */

/** [rxPackets, rxBytes, txPackets, txBytes] */
export type Counters = readonly [number, number, number, number];

export interface History {
  readonly timespan: number;
  /** [time, rxPackets, rxBytes, txPackets, txBytes] per bucket (the load history: [time, packets/s, bits/s]). */
  readonly points: readonly (readonly number[])[];
}

export interface ListAnswer<Row> {
  readonly displayedItems: readonly Row[];
  readonly totalCount: number;
  readonly unfilteredCount: number;
  readonly page: number;
  readonly count: number;
  readonly sort: string;
  readonly reverse: boolean;
}

export type Row = Readonly<Record<string, unknown>>;

export interface Session {
  readonly user: string;
  readonly role: 'admin' | 'user';
  readonly pcap: boolean;
  readonly csrfToken?: string;
}

export interface SystemInfo {
  readonly product: string;
  readonly version: string;
  readonly deviceName: string;
  readonly uptimeSec: number;
  readonly slots: readonly { readonly id: number; readonly description: string; readonly packetTime: number | null; readonly modules: readonly string[] }[];
}

export interface PacketClock {
  readonly time: number | null;
  readonly firstPacketTime: number | null;
  readonly lastPacketTime: number | null;
}

export interface LoadFigures {
  readonly lastSecond: { readonly packets: number; readonly bytes: number; readonly packetsPerSec: number; readonly bitsPerSec: number };
  readonly interval: { readonly start: number; readonly end: number; readonly seconds: number; readonly packets: number; readonly bytes: number; readonly packetsPerSec: number; readonly bitsPerSec: number };
  readonly allTime: { readonly packets: number; readonly bytes: number };
  readonly history?: History;
}

export interface StorageFigures {
  readonly memoryUsedBytes: number;
  readonly memoryBudgetBytes: number;
  readonly minimumStorageTimeSec: number | null;
  readonly macCount: number;
  readonly ipCount: number;
  readonly connections: { readonly active: number; readonly total: number; readonly stored: number };
}

export interface User {
  readonly name: string;
  readonly role: 'admin' | 'user';
  readonly pcap: boolean;
  readonly created: number;
}

export function isCounters(v: unknown): v is Counters {
  return Array.isArray(v) && v.length === 4 && v.every((x) => typeof x === 'number');
}

export function isHistory(v: unknown): v is History {
  return typeof v === 'object' && v !== null && Array.isArray((v as { points?: unknown }).points)
    && typeof (v as { timespan?: unknown }).timespan === 'number';
}
