/**
 * @module modules/dns/pending
 * Queries waiting for their response, keyed by (connection, DNS id): when the query was seen, at
 * which server and from which client (IP entity). Typed-array slots behind one Map from a numeric key (no object per query);
 * bounded (a full table refuses new queries, counted), and expired oldest-first, since a Map
 * keeps insertion order and queries arrive in packet-time order.
 */

export class PendingQueries {
  readonly capacity: number;
  private readonly slotOf = new Map<number, number>();
  private readonly tsUs: Float64Array;
  private readonly server: Int32Array;
  private readonly client: Int32Array;
  private readonly free: Int32Array;
  private freeCount: number;
  /** Queries not tracked because the table was full. */
  refused = 0;

  constructor(capacity = 65_536) {
    this.capacity = capacity;
    this.tsUs = new Float64Array(capacity);
    this.server = new Int32Array(capacity);
    this.client = new Int32Array(capacity);
    this.free = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) this.free[i] = capacity - 1 - i;
    this.freeCount = capacity;
  }

  get size(): number {
    return this.slotOf.size;
  }

  static key(conn: number, id: number): number {
    return conn * 65_536 + id;
  }

  /**
   * Remembers a query; returns false when it is already pending (a retransmission: the response
   * time runs from the first one, as the client waits from then, and as tshark's dns.time counts).
   */
  add(key: number, tsUs: number, server: number, client: number): boolean {
    if (this.slotOf.has(key)) return false;
    if (this.freeCount === 0) {
      this.refused++;
      return true;
    }
    const s = this.free[--this.freeCount] as number;
    this.tsUs[s] = tsUs;
    this.server[s] = server;
    this.client[s] = client;
    this.slotOf.set(key, s);
    return true;
  }

  /** The query's time (µs) and forgets it; -1 when not pending. `out` gets its server and client. */
  take(key: number, out: Int32Array): number {
    const s = this.slotOf.get(key);
    if (s === undefined) return -1;
    this.slotOf.delete(key);
    this.free[this.freeCount++] = s;
    out[0] = this.server[s] as number;
    out[1] = this.client[s] as number;
    return this.tsUs[s] as number;
  }

  /** Removes the queries older than `beforeUs`, calling `expired(server, client)` for each. */
  expire(beforeUs: number, expired: (server: number, client: number) => void): void {
    for (const [key, s] of this.slotOf) {
      if ((this.tsUs[s] as number) >= beforeUs) break;
      this.slotOf.delete(key);
      this.free[this.freeCount++] = s;
      expired(this.server[s] as number, this.client[s] as number);
    }
  }
}
