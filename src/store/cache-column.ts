/**
 * @module store/cache-column
 * One Int32 column beside a table, holding "entity + 1" of a related entity in another table (the
 * IP pair of a connection, say) for KeyTable.upsertCached. Cleared when the owner id is reused.
 */
import type { EntityListener, EntityTable } from './entity-table.js';
import { resized } from './resize.js';

export class CacheColumn implements EntityListener {
  column = new Int32Array(0);

  constructor(owner: EntityTable) {
    owner.listen(this);
    owner.declareBytesPerEntity(4);
  }

  resize(capacity: number): void {
    this.column = resized(this.column, capacity);
  }

  reset(e: number): void {
    this.column[e] = 0;
  }

  evicted(): void {
    // reset() clears the entry when the id is reused.
  }
}
