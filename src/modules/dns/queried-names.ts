/**
 * @module modules/dns/queried-names
 * The names asked for (the question section of queries and responses, DNS, mDNS and LLMNR alike),
 * with how often they appeared in queries and in responses and the first/last packet time.
 * Bounded: past `capacity` names the oldest (first seen longest ago) goes, counted in `evicted`; a
 * name seen again is only updated (no re-insertion), which keeps the hot path to one Map look-up.
 */

export interface QueriedName {
  readonly name: string;
  queries: number;
  responses: number;
  readonly firstSeen: number;
  lastSeen: number;
  /** The last query type asked for this name. */
  lastType: number;
}

export class QueriedNames {
  private readonly byName = new Map<string, QueriedName>();
  evicted = 0;

  constructor(readonly capacity = 100_000) {}

  get size(): number {
    return this.byName.size;
  }

  add(name: string, response: boolean, qtype: number, tsSec: number): void {
    let n = this.byName.get(name);
    if (n === undefined) {
      n = { name, queries: 0, responses: 0, firstSeen: tsSec, lastSeen: tsSec, lastType: qtype };
      while (this.byName.size >= this.capacity) {
        this.byName.delete(this.byName.keys().next().value as string);
        this.evicted++;
      }
      this.byName.set(name, n);
    }
    if (response) n.responses++;
    else n.queries++;
    n.lastSeen = Math.max(n.lastSeen, tsSec);
    n.lastType = qtype;
  }

  get(name: string): QueriedName | undefined {
    return this.byName.get(name);
  }

  all(): QueriedName[] {
    return [...this.byName.values()];
  }
}
