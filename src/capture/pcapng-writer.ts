/**
 * @module capture/pcapng-writer
 * Streams a pcapng file: a Section Header Block with a comment (device information and the
 * capture filter: see captureComment), hardware, OS and application options; an Interface
 * Description Block per (source interface, link type) the first time a packet uses it (name,
 * description, nanosecond resolution, snap length); an Enhanced Packet Block per packet.
 * `singleInterface` maps every packet of one link type to one interface (the appliance's "omit
 * interface ID" for tools that cannot handle several). All little-endian.
 */
import { ByteOutput, type ByteSink } from './byte-output.js';
import { keptLength, type CapturePacket } from './packet.js';

export interface PcapngInterface {
  readonly name: string;
  readonly description: string;
}

export interface PcapngWriterOptions {
  /** Names and descriptions of the source's interfaces, by source interface id. */
  readonly interfaces?: readonly PcapngInterface[];
  readonly snapLength?: number;
  readonly comment?: string;
  readonly hardware?: string;
  readonly os?: string;
  readonly application?: string;
  readonly singleInterface?: boolean;
}

const textEncoder = new TextEncoder();

/** The SHB comment: the user's comment, then (when given) device information and the filter. */
export function captureComment(user: string, device: Readonly<Record<string, string>> | null, filter: string): string {
  const lines: string[] = [];
  if (user !== '') lines.push(user);
  if (device !== null) for (const [k, v] of Object.entries(device)) lines.push(`${k}: ${v}`);
  lines.push(`capture filter: ${filter === '' ? '(none)' : filter}`);
  return lines.join('\n');
}

function optionBytes(options: readonly [number, Uint8Array][]): number {
  let n = 0;
  for (const [, v] of options) n += 4 + ((v.length + 3) & ~3);
  return options.length > 0 ? n + 4 : 0;
}

export class PcapngWriter {
  private readonly out: ByteOutput;
  private readonly snap: number;
  /** File interface index by `sourceId * 65536 + linkType`. */
  private readonly ids = new Map<number, number>();
  private nextId = 0;
  packets = 0;

  constructor(sink: ByteSink, private readonly options: PcapngWriterOptions = {}) {
    this.out = new ByteOutput(sink);
    this.snap = options.snapLength ?? 0;
    const opts: [number, Uint8Array][] = [];
    if (options.comment !== undefined && options.comment !== '') opts.push([1, textEncoder.encode(options.comment)]);
    if (options.hardware !== undefined) opts.push([2, textEncoder.encode(options.hardware)]);
    if (options.os !== undefined) opts.push([3, textEncoder.encode(options.os)]);
    opts.push([4, textEncoder.encode(options.application ?? 'wiremeter')]);
    const len = 28 + optionBytes(opts);
    const o = this.out;
    o.u32(0x0a0d0d0a);
    o.u32(len);
    o.u32(0x1a2b3c4d);
    o.u16(1);
    o.u16(0);
    o.u32(0xffffffff);
    o.u32(0xffffffff);
    this.writeOptions(opts);
    o.u32(len);
  }

  get bytes(): number {
    return this.out.total;
  }

  /** Interfaces described so far. */
  get interfaceCount(): number {
    return this.nextId;
  }

  private writeOptions(opts: readonly [number, Uint8Array][]): void {
    if (opts.length === 0) return;
    const o = this.out;
    for (const [code, v] of opts) {
      o.u16(code);
      o.u16(v.length);
      o.bytes(v);
      o.zeros(((v.length + 3) & ~3) - v.length);
    }
    o.u32(0);
  }

  private interfaceFor(p: CapturePacket): number {
    const source = this.options.singleInterface === true ? 0 : p.interfaceId;
    const key = source * 65536 + p.linkType;
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.nextId++;
    this.ids.set(key, id);
    const info = this.options.interfaces?.[p.interfaceId];
    const opts: [number, Uint8Array][] = [];
    const name = this.options.singleInterface === true ? 'wiremeter' : info?.name !== undefined && info.name !== '' ? info.name : `if${p.interfaceId}`;
    opts.push([2, textEncoder.encode(name)]);
    if (info?.description !== undefined && info.description !== '' && this.options.singleInterface !== true) opts.push([3, textEncoder.encode(info.description)]);
    opts.push([9, Uint8Array.of(9)]);
    const len = 20 + optionBytes(opts);
    const o = this.out;
    o.u32(1);
    o.u32(len);
    o.u16(p.linkType);
    o.u16(0);
    o.u32(this.snap > 0 ? this.snap : 0);
    this.writeOptions(opts);
    o.u32(len);
    return id;
  }

  /** Append one packet, cut to `snapLength` (default the file's). */
  write(p: CapturePacket, snapLength = this.snap): void {
    const id = this.interfaceFor(p);
    const n = keptLength(p.capLen, snapLength);
    const pad = ((n + 3) & ~3) - n;
    const len = 32 + n + pad;
    // Nanoseconds since the epoch as two 32-bit halves, exactly: tsSec * 1e9 = (tsSec * 1953125) * 2^9.
    const m = p.tsSec * 1953125;
    let high = Math.floor(m / 0x800000);
    let low = (m % 0x800000) * 512 + p.tsNsec;
    high += Math.floor(low / 0x100000000);
    low %= 0x100000000;
    const o = this.out;
    o.u32(6);
    o.u32(len);
    o.u32(id);
    o.u32(high);
    o.u32(low);
    o.u32(n);
    o.u32(p.origLen);
    o.bytes(p.data, p.start, n);
    o.zeros(pad);
    o.u32(len);
    this.packets++;
  }

  flush(): void {
    this.out.flush();
  }
}
