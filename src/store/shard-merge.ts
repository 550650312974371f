/**
 * @module store/shard-merge
 * Merging the tables of one analysis shard into another's: the same entity (by key) gets the sum
 * of both shards' counters, the earlier first activity, the later last activity, and both
 * histories summed bucket by bucket (History.absorb). Shards split traffic by connection, so a MAC
 * or IP active in both is one entity after the merge. Each merge returns the id map (the source's
 * id → the target's id, -1 where the target had no room) that pair tables keyed by those ids need.
 * Both shards must share the clock: advance both stores to the same second first.
 */
import type { EntityTable } from './entity-table.js';
import type { IpTable } from './ip-table.js';
import type { KeyTable } from './key-table.js';
import type { MacTable } from './mac-table.js';

const WIDTH = 4;

/** Adds the live entities of `src` into `dst` through `place` (find-or-insert in dst), then the history. */
function mergeInto(dst: EntityTable, src: EntityTable, place: (e: number, tsUs: number) => { id: number; existed: boolean }): Int32Array {
  const map = new Int32Array(src.idBound).fill(-1);
  for (let e = 0; e < src.idBound; e++) {
    if (src.alive[e] === 0) continue;
    const first = src.firstSeenUs[e] as number, last = src.lastSeenUs[e] as number;
    const { id, existed } = place(e, first);
    if (id < 0) continue;
    map[e] = id;
    if (existed) {
      dst.firstSeenUs[id] = Math.min(dst.firstSeenUs[id] as number, first);
      dst.lastSeenUs[id] = Math.max(dst.lastSeenUs[id] as number, last);
    } else {
      dst.firstSeenUs[id] = first;
      dst.lastSeenUs[id] = last;
    }
    for (let k = 0; k < WIDTH; k++) dst.counters[id * WIDTH + k] = (dst.counters[id * WIDTH + k] as number) + (src.counters[e * WIDTH + k] as number);
  }
  dst.history.absorb(src.history, map);
  return map;
}

export function mergeIpTables(dst: IpTable, src: IpTable): Int32Array {
  const w = new Uint32Array(4);
  return mergeInto(dst, src, (e, tsUs) => {
    for (let k = 0; k < 4; k++) w[k] = src.wordOf(e, k);
    const version = src.versionOf(e);
    const found = dst.find(version, w, 0);
    return found >= 0 ? { id: found, existed: true } : { id: dst.upsert(version, w, 0, tsUs), existed: false };
  });
}

export function mergeMacTables(dst: MacTable, src: MacTable): Int32Array {
  return mergeInto(dst, src, (e, tsUs) => {
    const mac = src.macOf(e), found = dst.find(mac);
    return found >= 0 ? { id: found, existed: true } : { id: dst.upsert(mac, tsUs), existed: false };
  });
}

/**
 * Key and pair tables: `mapA`/`mapB` translate key words that are entity ids of a parent table
 * (the maps its own merge returned); leave them out for plain values (ports, protocols).
 */
export function mergeKeyTables(dst: KeyTable, src: KeyTable, mapA?: Int32Array, mapB?: Int32Array): Int32Array {
  return mergeInto(dst, src, (e, tsUs) => {
    const a = mapA ? mapA[src.keyAOf(e)] ?? -1 : src.keyAOf(e);
    const b = mapB ? mapB[src.keyBOf(e)] ?? -1 : src.keyBOf(e);
    if (a < 0 || b < 0) return { id: -1, existed: false };
    const found = dst.find(a, b);
    return found >= 0 ? { id: found, existed: true } : { id: dst.upsert(a, b, tsUs), existed: false };
  });
}
