/**
 * @module test/conformance/capture-builder
 * Hand-made capture files for tests: classic pcap and pcapng byte images with exactly the fields a
 * test wants (byte order, resolution, versions, odd lengths, any block). Test code only.
 */

class ByteWriter {
  private readonly parts: number[] = [];
  constructor(readonly littleEndian: boolean) {}

  u8(v: number): this {
    this.parts.push(v & 255);
    return this;
  }

  u16(v: number): this {
    return this.littleEndian ? this.u8(v).u8(v >>> 8) : this.u8(v >>> 8).u8(v);
  }

  u32(v: number): this {
    const x = v >>> 0;
    return this.littleEndian ? this.u16(x & 0xffff).u16(x >>> 16) : this.u16(x >>> 16).u16(x & 0xffff);
  }

  u64(v: bigint): this {
    const hi = Number((v >> 32n) & 0xffffffffn), lo = Number(v & 0xffffffffn);
    return this.littleEndian ? this.u32(lo).u32(hi) : this.u32(hi).u32(lo);
  }

  /** A packet timestamp: high 32 bits first, then low, each in the section's byte order. */
  ts64(v: bigint): this {
    return this.u32(Number((v >> 32n) & 0xffffffffn)).u32(Number(v & 0xffffffffn));
  }

  bytes(b: Uint8Array | readonly number[]): this {
    for (const x of b) this.parts.push(x & 255);
    return this;
  }

  pad4(): this {
    while (this.parts.length % 4 !== 0) this.parts.push(0);
    return this;
  }

  get length(): number {
    return this.parts.length;
  }

  toBytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

export interface PcapRecordSpec {
  readonly sec: number;
  /** The fraction field as written (µs or ns depending on the file). */
  readonly frac: number;
  readonly data: Uint8Array;
  /** orig_len field; defaults to data.length. */
  readonly origLen?: number;
  /** incl_len field; defaults to data.length (set it to lie). */
  readonly inclLen?: number;
  /** Write orig_len in the incl_len slot and vice versa (pre-2.3 layout). */
  readonly swapped?: boolean;
}

export interface PcapSpec {
  readonly littleEndian?: boolean;
  readonly nanos?: boolean;
  readonly versionMajor?: number;
  readonly versionMinor?: number;
  readonly snapLen?: number;
  /** The whole 32-bit link-type field. */
  readonly linkTypeField?: number;
  readonly records: readonly PcapRecordSpec[];
}

export function buildPcap(spec: PcapSpec): Uint8Array {
  const w = new ByteWriter(spec.littleEndian ?? true);
  w.u32(spec.nanos === true ? 0xa1b23c4d : 0xa1b2c3d4)
    .u16(spec.versionMajor ?? 2).u16(spec.versionMinor ?? 4)
    .u32(0).u32(0).u32(spec.snapLen ?? 65535).u32(spec.linkTypeField ?? 1);
  for (const r of spec.records) {
    const incl = r.inclLen ?? r.data.length, orig = r.origLen ?? r.data.length;
    w.u32(r.sec).u32(r.frac);
    if (r.swapped === true) w.u32(orig).u32(incl);
    else w.u32(incl).u32(orig);
    w.bytes(r.data);
  }
  return w.toBytes();
}

export interface IdbSpec {
  readonly linkType: number;
  readonly snapLen?: number;
  readonly name?: string;
  readonly description?: string;
  /** if_tsresol byte. */
  readonly tsresol?: number;
  /** if_tsoffset in seconds. */
  readonly tsoffset?: bigint;
  /** Raw option bytes appended before opt_endofopt (already in the section's byte order). */
  readonly rawOptions?: readonly number[];
}

/** Builds a pcapng file block by block. Each section has its own byte order. */
export class PcapngBuilder {
  private readonly blocks: Uint8Array[] = [];
  private le = true;

  /** Start a section (SHB) in the given byte order. */
  section(littleEndian = true, versionMajor = 1, versionMinor = 0): this {
    this.le = littleEndian;
    const body = new ByteWriter(littleEndian).u32(0x1a2b3c4d).u16(versionMajor).u16(versionMinor).u64(0xffffffffffffffffn);
    return this.block(0x0a0d0d0a, body.toBytes());
  }

  /** An interface description block. */
  iface(spec: IdbSpec): this {
    const w = new ByteWriter(this.le).u16(spec.linkType).u16(0).u32(spec.snapLen ?? 262144);
    const text = new TextEncoder();
    const opt = (code: number, value: Uint8Array): void => {
      w.u16(code).u16(value.length).bytes(value).pad4();
    };
    if (spec.name !== undefined) opt(2, text.encode(spec.name));
    if (spec.description !== undefined) opt(3, text.encode(spec.description));
    if (spec.tsresol !== undefined) opt(9, Uint8Array.of(spec.tsresol));
    if (spec.tsoffset !== undefined) opt(14, new ByteWriter(this.le).u64(BigInt.asUintN(64, spec.tsoffset)).toBytes());
    if (spec.rawOptions !== undefined) w.bytes(spec.rawOptions);
    w.u16(0).u16(0);
    return this.block(1, w.toBytes());
  }

  /** An enhanced packet block; `ts` is the 64-bit timestamp in the interface's units. */
  epb(ifaceId: number, ts: bigint, data: Uint8Array, origLen = data.length, capLen = data.length): this {
    const w = new ByteWriter(this.le).u32(ifaceId).ts64(ts).u32(capLen).u32(origLen).bytes(data).pad4();
    return this.block(6, w.toBytes());
  }

  /** An obsolete packet block (type 2). */
  opb(ifaceId: number, ts: bigint, data: Uint8Array, origLen = data.length): this {
    const w = new ByteWriter(this.le).u16(ifaceId).u16(0).ts64(ts).u32(data.length).u32(origLen).bytes(data).pad4();
    return this.block(2, w.toBytes());
  }

  /** A simple packet block. */
  spb(data: Uint8Array, origLen = data.length): this {
    const w = new ByteWriter(this.le).u32(origLen).bytes(data).pad4();
    return this.block(3, w.toBytes());
  }

  /** Any block: type, body (padded to 4), with correct leading and trailing lengths unless overridden. */
  block(type: number, body: Uint8Array, lengthOverride?: { leading?: number; trailing?: number }): this {
    const padded = (body.length + 3) & ~3;
    const total = 12 + padded;
    const w = new ByteWriter(this.le);
    w.u32(type).u32(lengthOverride?.leading ?? total).bytes(body);
    while (w.length < 8 + padded) w.u8(0);
    w.u32(lengthOverride?.trailing ?? total);
    this.blocks.push(w.toBytes());
    return this;
  }

  /** Raw bytes appended as they are. */
  raw(bytes: Uint8Array): this {
    this.blocks.push(bytes);
    return this;
  }

  /** Byte offset where the next block will start. */
  get length(): number {
    return this.blocks.reduce((s, b) => s + b.length, 0);
  }

  toBytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let p = 0;
    for (const b of this.blocks) {
      out.set(b, p);
      p += b.length;
    }
    return out;
  }
}

/** Bytes 0, 1, 2 ... n-1 (mod 256), offset by `seed`: recognisable packet contents. */
export function patternBytes(n: number, seed = 0): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i + seed) & 255;
  return b;
}
