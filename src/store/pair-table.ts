/**
 * @module store/pair-table
 * Entities that relate two entities of other tables (IP↔IP peers, MAC↔IP, IP↔port …), keyed by
 * the two ids. When a parent entity is evicted, every pair naming it goes too, so a reused id never
 * inherits a stranger's relations.
 */
import { KeyTable } from './key-table.js';
import type { EntityTable, EntityTableOptions } from './entity-table.js';

export class PairTable extends KeyTable {
  /**
   * `parentA` names the first key word, `parentB` the second (null: the second word is a plain
   * value such as a port, not an entity id).
   */
  constructor(name: string, parentA: EntityTable, parentB: EntityTable | null, options?: Partial<EntityTableOptions>) {
    super(name, options);
    parentA.listen(this.cascade((e) => this.keyAOf(e)));
    if (parentB && parentB !== parentA) parentB.listen(this.cascade((e) => this.keyBOf(e)));
    if (parentB === parentA) parentA.listen(this.cascade((e) => this.keyBOf(e)));
  }

  private cascade(keyOf: (e: number) => number): { resize(): void; reset(): void; evicted(mark: Uint8Array): void } {
    return {
      resize: () => undefined,
      reset: () => undefined,
      evicted: (parentMark) => {
        const mark = new Uint8Array(this.idBound);
        let any = false;
        for (let e = 0; e < this.idBound; e++) {
          if (this.alive[e] !== 0 && parentMark[keyOf(e)] === 1) {
            mark[e] = 1;
            any = true;
          }
        }
        if (any) this.evictMarked(mark);
      },
    };
  }

  /** Ids of live pairs whose first (side 0) or second (side 1) key is `key`. */
  pairsOf(key: number, side: 0 | 1 | 'either'): number[] {
    const out: number[] = [];
    for (let e = 0; e < this.idBound; e++) {
      if (this.alive[e] === 0) continue;
      if ((side !== 1 && this.keyAOf(e) === key) || (side !== 0 && this.keyBOf(e) === key)) out.push(e);
    }
    return out;
  }
}
