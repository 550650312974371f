/**
 * @module modules/packet_size/resources
 * REST subtree:
 *   packet_size                   totals: packets, bytes, smallest and largest frame, average size
 *   packet_size/sizes             list of buckets (default sort: by bucket), each with its range
 *   packet_size/sizes/:bucket     one bucket by name ("65-127", "1519+") or index: counters, history
 * Counters are [packets, bytes, 0, 0].
 */
import { liveIds } from '../entity-list.js';
import type { JsonObject, Resource } from '../resource.js';
import { entityObject, entityParam, sumAllTime, tableList } from '../l2-shared/resources.js';
import { BUCKET_COUNT, BUCKET_NAMES, bucketRange } from './buckets.js';
import type { PacketSizeModule } from './index.js';
import { arrayOf, int, nullable, num, objectSchema, str } from '../traffic-schema.js';

/** max is null for the open bucket (1519+). */
const FIELDS = { bucket: { type: 'string', enum: [...BUCKET_NAMES] }, index: int, min: int, max: nullable(int) } as const;
const frame = { type: 'integer', minimum: -1, description: '-1: no frame seen' } as const;

export function packetSizeResource(m: PacketSizeModule): Resource {
  const { store } = m.ctx;
  const t = m.buckets;
  const fields = (e: number): JsonObject => {
    const b = t.keyAOf(e);
    const r = bucketRange(b);
    return { bucket: BUCKET_NAMES[b] ?? String(b), index: b, min: r.min, max: r.max };
  };
  const one = entityParam('bucket', 'size bucket', (text) => {
    let b = BUCKET_NAMES.indexOf(text);
    if (b < 0 && /^\d$/.test(text)) b = Number(text);
    if (b < 0 || b >= BUCKET_COUNT) return null;
    return t.find(b, 0);
  }, (e, text) => entityObject(text, t, store, e, () => fields(e), undefined, FIELDS));
  return {
    kind: 'object',
    name: m.name,
    schema: objectSchema({ packets: int, bytes: int, minFrame: frame, maxFrame: frame, averageFrame: num, buckets: arrayOf(str) }),
    get: () => {
      const [packets, bytes] = sumAllTime(t, liveIds(t));
      return { packets, bytes, minFrame: m.minLen, maxFrame: m.maxLen, averageFrame: packets > 0 ? bytes / packets : 0, buckets: [...BUCKET_NAMES] };
    },
    children: [
      tableList({
        name: 'sizes', table: t, store, defaultSort: 'index',
        columns: [{ name: 'index', type: 'number', value: (e) => t.keyAOf(e) }, { name: 'bucket', type: 'string', value: (e) => BUCKET_NAMES[t.keyAOf(e)] ?? '' }],
        fields, searchText: (e) => BUCKET_NAMES[t.keyAOf(e)] ?? '', schema: FIELDS,
        children: [one],
      }),
    ],
  };
}
