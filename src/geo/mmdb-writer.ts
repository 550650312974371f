/**
 * @module geo/mmdb-writer
 * A minimal MaxMind DB (MMDB) writer for tests: non-overlapping prefixes → a data record each, an
 * IPv6 tree (IPv4 under ::/96) or an IPv4 tree, 24/28/32-bit records, data values made of maps,
 * strings and unsigned integers. It exists so the drop-in path is tested on a file we make, in
 * MaxMind's own record layout ({country: {iso_code}}), independent of the shipped database.
 */

export type MmdbValue = string | number | { readonly [key: string]: MmdbValue };

export interface MmdbPrefix {
  readonly version: 4 | 6;
  /** IPv4 in word 3; IPv6 most significant word first. */
  readonly words: readonly [number, number, number, number];
  readonly bits: number;
  readonly data: MmdbValue;
}

export interface MmdbWriteOptions {
  readonly ipVersion: 4 | 6;
  readonly recordSize: 24 | 28 | 32;
  readonly databaseType: string;
}

function encode(v: MmdbValue, out: number[]): void {
  if (typeof v === 'string') {
    const b = Buffer.from(v, 'utf8');
    if (b.length >= 29) throw new RangeError('test writer: strings up to 28 bytes');
    out.push((2 << 5) | b.length, ...b);
  } else if (typeof v === 'number') {
    const bytes: number[] = [];
    for (let x = v; x > 0; x = Math.floor(x / 256)) bytes.unshift(x % 256);
    if (bytes.length <= 4) out.push(((bytes.length <= 2 ? 5 : 6) << 5) | bytes.length, ...bytes);
    else out.push(bytes.length, 9 - 7, ...bytes); // uint64, an extended type
  } else {
    const entries = Object.entries(v);
    out.push((7 << 5) | entries.length);
    for (const [k, x] of entries) {
      encode(k, out);
      encode(x, out);
    }
  }
}

function bitOf(p: MmdbPrefix, ipVersion: number, i: number): number {
  const offset = p.version === 4 && ipVersion === 6 ? 96 : 0;
  if (i < offset) return 0;
  const j = i - offset + (p.version === 4 ? 96 : 0);
  const w = p.words[j >>> 5] as number;
  return (w >>> (31 - (j & 31))) & 1;
}

export function writeMmdb(prefixes: readonly MmdbPrefix[], o: MmdbWriteOptions): Buffer {
  // Trie: child < 0 → -1 empty, -(2 + k) data record k; else a node index.
  const nodes: [number, number][] = [[-1, -1]];
  prefixes.forEach((p, k) => {
    const depth = (p.version === 4 && o.ipVersion === 6 ? 96 : 0) + p.bits;
    let n = 0;
    for (let i = 0; i < depth; i++) {
      const side = bitOf(p, o.ipVersion, i), node = nodes[n] as [number, number];
      if (i === depth - 1) { node[side] = -(2 + k); break; }
      if ((node[side] as number) < 0) { nodes.push([-1, -1]); node[side] = nodes.length - 1; }
      n = node[side] as number;
    }
  });
  const data: number[] = [];
  const offsets = prefixes.map((p) => { const at = data.length; encode(p.data, data); return at; });
  const count = nodes.length;
  const value = (c: number): number => (c === -1 ? count : c >= 0 ? c : count + 16 + (offsets[-c - 2] as number));
  const nodeBytes = o.recordSize / 4;
  const tree = Buffer.alloc(count * nodeBytes);
  nodes.forEach(([l, r], n) => {
    const a = value(l), b = value(r), at = n * nodeBytes;
    if (o.recordSize === 24) { tree.writeUIntBE(a, at, 3); tree.writeUIntBE(b, at + 3, 3); }
    else if (o.recordSize === 32) { tree.writeUInt32BE(a, at); tree.writeUInt32BE(b, at + 4); }
    else {
      tree.writeUIntBE(a & 0xffffff, at, 3);
      tree[at + 3] = ((a >>> 24) << 4) | (b >>> 24);
      tree.writeUIntBE(b & 0xffffff, at + 4, 3);
    }
  });
  const meta: number[] = [];
  encode({
    node_count: count, record_size: o.recordSize, ip_version: o.ipVersion, database_type: o.databaseType,
    binary_format_major_version: 2, binary_format_minor_version: 0, build_epoch: 1_700_000_000, description: { en: 'wiremeter test' },
  }, meta);
  return Buffer.concat([tree, Buffer.alloc(16), Buffer.from(data), Buffer.from('abcdef4d61784d696e642e636f6d', 'hex'), Buffer.from(meta)]);
}
