/**
 * @module source/pcap
 * Classic libpcap files: both byte orders, microsecond (a1b2c3d4) and nanosecond (a1b23c4d)
 * magics, any snap length, any link type (passed through).
 *
 * Decisions (Wireshark's wiretap/libpcap.c is the model unless said otherwise):
 * - Version 2.0–2.2 (and DG/UX's 543.x) files store orig_len before incl_len; we swap them. In 2.3
 *   files we swap only when incl_len > orig_len, as some 2.3 writers used either order.
 * - incl_len > orig_len is kept as written (tshark reports frame.len < frame.cap_len too) and
 *   counted as `pcap.caplen_exceeds_origlen`.
 * - incl_len larger than max(snaplen, 262144), capped at maxRecordBytes (256 MiB by default), is a
 *   corrupt record (SourceCorrupt at the record's offset). Wireshark uses 262144 for these link types.
 * - A fraction of a second >= 1 s (µs field >= 1,000,000, ns field >= 10^9) is carried into the
 *   seconds and counted as `pcap.timestamp_fraction_overflow`. (Wireshark does not carry: it shows
 *   such times with an out-of-range fraction, and multiplies µs by 1000 in 32 bits.)
 * - orig_len >= 2^31 cannot be stored in the batch's Int32Array: it is clamped to 2^31-1 and counted
 *   as `pcap.origlen_clamped`.
 * - The link-type field's upper 16 bits (FCS length) are ignored; reserved bits that are set are
 *   counted as `pcap.linktype_reserved_bits`. The header's thiszone and sigfigs are ignored.
 */
import { ErrorCode } from '../core/errors.js';
import type { BatchBuilder } from './batch.js';
import { MAX_INT32, STANDARD_MAX_PACKET_BYTES } from './limits.js';
import { normalizeLinkType } from './link-types.js';
import type { ParseFault, RecordParser } from './record-parser.js';
import type { InterfaceInfo } from './types.js';

export const PCAP_FILE_HEADER_BYTES = 24;
export const PCAP_RECORD_HEADER_BYTES = 16;

/** Magic numbers as read little-endian from the first four bytes. */
export const PcapMagic = {
  MicrosLittle: 0xa1b2c3d4,
  MicrosBig: 0xd4c3b2a1,
  NanosLittle: 0xa1b23c4d,
  NanosBig: 0x4d3cb2a1,
} as const;

/** When orig_len and incl_len are stored the other way round. */
const SWAP_NEVER = 0, SWAP_ALWAYS = 1, SWAP_IF_INCL_LARGER = 2;

export class PcapParser implements RecordParser {
  readonly format = 'pcap';
  fault: ParseFault | null = null;

  private headerDone = false;
  private littleEndian = true;
  private fracPerSec = 1_000_000;
  private nsPerFrac = 1000;
  private swapLengths = SWAP_NEVER;
  private linkType = 0;
  private maxInclLen = STANDARD_MAX_PACKET_BYTES;
  private ifaces: InterfaceInfo[] = [];

  private fractionOverflows = 0;
  private capExceedsOrig = 0;
  private origClamped = 0;
  private swappedInV23 = 0;
  private reservedLinkBits = 0;

  constructor(private readonly maxRecordBytes: number) {}

  interfaces(): readonly InterfaceInfo[] {
    return this.ifaces;
  }

  warnings(): ReadonlyMap<string, number> {
    const m = new Map<string, number>();
    if (this.fractionOverflows > 0) m.set('pcap.timestamp_fraction_overflow', this.fractionOverflows);
    if (this.capExceedsOrig > 0) m.set('pcap.caplen_exceeds_origlen', this.capExceedsOrig);
    if (this.origClamped > 0) m.set('pcap.origlen_clamped', this.origClamped);
    if (this.swappedInV23 > 0) m.set('pcap.v2_3_lengths_swapped', this.swappedInV23);
    if (this.reservedLinkBits > 0) m.set('pcap.linktype_reserved_bits', this.reservedLinkBits);
    return m;
  }

  parse(_data: Uint8Array, view: DataView, start: number, end: number, base: number, batch: BatchBuilder): number {
    let pos = start;
    if (!this.headerDone) {
      if (end - pos < PCAP_FILE_HEADER_BYTES) return pos;
      if (!this.parseFileHeader(view, pos, base)) return pos;
      pos += PCAP_FILE_HEADER_BYTES;
    }
    const first = batch.count;
    // Byte order as a constant in each loop lets V8 compile every DataView read to one load.
    if (this.swapLengths !== SWAP_NEVER) pos = this.frameSwapped(view, pos, end, base, batch);
    else if (this.littleEndian) pos = this.frameLittle(view, pos, end, base, batch);
    else pos = this.frameBig(view, pos, end, base, batch);
    const n = batch.count;
    if (n > first) {
      batch.linkType.fill(this.linkType, first, n);
      batch.interfaceId.fill(0, first, n);
    }
    return pos;
  }

  // The hot loops: one pass over the chunk, four header reads and five typed-array stores per
  // packet; everything unusual (fraction >= 1 s, incl > orig, orig >= 2^31) leaves through one
  // predictable branch to record(). frameLittle and frameBig are the same loop on purpose: each
  // passes a literal byte order to DataView, which keeps this, the hottest loop, free of a
  // per-read byte-order test. Change one, change both.
  private frameLittle(view: DataView, pos: number, end: number, base: number, batch: BatchBuilder): number {
    const maxIncl = this.maxInclLen, fracPerSec = this.fracPerSec, nsPerFrac = this.nsPerFrac;
    let n = batch.count, cap = batch.capacity;
    let offA = batch.offset, capA = batch.capLen, origA = batch.origLen, secA = batch.tsSec, nsA = batch.tsNsec;
    while (pos + PCAP_RECORD_HEADER_BYTES <= end) {
      const incl = view.getUint32(pos + 8, true);
      if (incl > maxIncl) { this.inclTooLarge(incl, base + pos); break; }
      const next = pos + PCAP_RECORD_HEADER_BYTES + incl;
      if (next > end) break;
      if (n === cap) {
        batch.count = n;
        batch.grow();
        cap = batch.capacity;
        offA = batch.offset; capA = batch.capLen; origA = batch.origLen; secA = batch.tsSec; nsA = batch.tsNsec;
      }
      const sec = view.getUint32(pos, true), frac = view.getUint32(pos + 4, true), orig = view.getUint32(pos + 12, true);
      if (frac >= fracPerSec || incl > orig || orig > MAX_INT32) {
        this.record(batch, n, pos, sec, frac, incl, orig);
      } else {
        offA[n] = pos + PCAP_RECORD_HEADER_BYTES;
        capA[n] = incl;
        origA[n] = orig;
        secA[n] = sec;
        nsA[n] = frac * nsPerFrac;
      }
      n++;
      pos = next;
    }
    batch.count = n;
    return pos;
  }

  private frameBig(view: DataView, pos: number, end: number, base: number, batch: BatchBuilder): number {
    const maxIncl = this.maxInclLen, fracPerSec = this.fracPerSec, nsPerFrac = this.nsPerFrac;
    let n = batch.count, cap = batch.capacity;
    let offA = batch.offset, capA = batch.capLen, origA = batch.origLen, secA = batch.tsSec, nsA = batch.tsNsec;
    while (pos + PCAP_RECORD_HEADER_BYTES <= end) {
      const incl = view.getUint32(pos + 8, false);
      if (incl > maxIncl) { this.inclTooLarge(incl, base + pos); break; }
      const next = pos + PCAP_RECORD_HEADER_BYTES + incl;
      if (next > end) break;
      if (n === cap) {
        batch.count = n;
        batch.grow();
        cap = batch.capacity;
        offA = batch.offset; capA = batch.capLen; origA = batch.origLen; secA = batch.tsSec; nsA = batch.tsNsec;
      }
      const sec = view.getUint32(pos, false), frac = view.getUint32(pos + 4, false), orig = view.getUint32(pos + 12, false);
      if (frac >= fracPerSec || incl > orig || orig > MAX_INT32) {
        this.record(batch, n, pos, sec, frac, incl, orig);
      } else {
        offA[n] = pos + PCAP_RECORD_HEADER_BYTES;
        capA[n] = incl;
        origA[n] = orig;
        secA[n] = sec;
        nsA[n] = frac * nsPerFrac;
      }
      n++;
      pos = next;
    }
    batch.count = n;
    return pos;
  }

  /** Version 2.0–2.3 files, where orig_len may come before incl_len (rare: no need for speed). */
  private frameSwapped(view: DataView, pos: number, end: number, base: number, batch: BatchBuilder): number {
    const le = this.littleEndian, always = this.swapLengths === SWAP_ALWAYS, maxIncl = this.maxInclLen;
    let n = batch.count;
    while (pos + PCAP_RECORD_HEADER_BYTES <= end) {
      let incl = view.getUint32(pos + 8, le), orig = view.getUint32(pos + 12, le);
      if (always || incl > orig) {
        if (!always) this.swappedInV23++;
        const t = incl;
        incl = orig;
        orig = t;
      }
      if (incl > maxIncl) { this.inclTooLarge(incl, base + pos); break; }
      const next = pos + PCAP_RECORD_HEADER_BYTES + incl;
      if (next > end) break;
      if (n === batch.capacity) {
        batch.count = n;
        batch.grow();
      }
      this.record(batch, n, pos, view.getUint32(pos, le), view.getUint32(pos + 4, le), incl, orig);
      n++;
      pos = next;
    }
    batch.count = n;
    return pos;
  }

  /** Store packet n with the unusual cases handled (fraction carry, incl > orig, orig clamp). */
  private record(batch: BatchBuilder, n: number, pos: number, sec: number, frac: number, incl: number, orig: number): void {
    const fracPerSec = this.fracPerSec;
    if (frac >= fracPerSec) {
      const carry = Math.floor(frac / fracPerSec);
      sec += carry;
      frac -= carry * fracPerSec;
      this.fractionOverflows++;
    }
    if (incl > orig) this.capExceedsOrig++;
    if (orig > MAX_INT32) {
      orig = MAX_INT32;
      this.origClamped++;
    }
    batch.offset[n] = pos + PCAP_RECORD_HEADER_BYTES;
    batch.capLen[n] = incl;
    batch.origLen[n] = orig;
    batch.tsSec[n] = sec;
    batch.tsNsec[n] = frac * this.nsPerFrac;
  }

  private inclTooLarge(incl: number, offset: number): void {
    this.fault = {
      code: ErrorCode.SourceCorrupt,
      message: `pcap record claims ${incl} captured bytes, more than the limit of ${this.maxInclLen} (the larger of snaplen and ${STANDARD_MAX_PACKET_BYTES})`,
      offset,
    };
  }

  describeIncomplete(view: DataView, pos: number, end: number): string {
    const left = end - pos;
    if (!this.headerDone) return `file ends inside the ${PCAP_FILE_HEADER_BYTES}-byte pcap file header (${left} bytes present)`;
    if (left < PCAP_RECORD_HEADER_BYTES) return `file ends inside a packet record header (${left} of ${PCAP_RECORD_HEADER_BYTES} bytes present)`;
    let incl = view.getUint32(pos + 8, this.littleEndian);
    const orig = view.getUint32(pos + 12, this.littleEndian);
    if (this.swapLengths === SWAP_ALWAYS || (this.swapLengths === SWAP_IF_INCL_LARGER && incl > orig)) incl = orig;
    return `file ends inside a packet record (${incl} captured bytes announced, ${left - PCAP_RECORD_HEADER_BYTES} present)`;
  }

  /** Read the 24-byte file header at `pos`; false (with fault set) when it is unusable. */
  private parseFileHeader(view: DataView, pos: number, base: number): boolean {
    const magic = view.getUint32(pos, true);
    switch (magic) {
      case PcapMagic.MicrosLittle: this.littleEndian = true; this.setNanos(false); break;
      case PcapMagic.MicrosBig: this.littleEndian = false; this.setNanos(false); break;
      case PcapMagic.NanosLittle: this.littleEndian = true; this.setNanos(true); break;
      case PcapMagic.NanosBig: this.littleEndian = false; this.setNanos(true); break;
      default:
        this.fault = { code: ErrorCode.SourceFormat, message: `not a pcap file header (magic ${hex32(magic)})`, offset: base + pos };
        return false;
    }
    const le = this.littleEndian;
    const major = view.getUint16(pos + 4, le), minor = view.getUint16(pos + 6, le);
    if (major < 2) {
      this.fault = { code: ErrorCode.SourceFormat, message: `pcap format version ${major}.${minor} is not supported (2.x is)`, offset: base + pos };
      return false;
    }
    if (major === 2) this.swapLengths = minor < 3 ? SWAP_ALWAYS : minor === 3 ? SWAP_IF_INCL_LARGER : SWAP_NEVER;
    else if (major === 543) this.swapLengths = SWAP_ALWAYS; // DG/UX tcpdump
    const snapLen = view.getUint32(pos + 16, le);
    const network = view.getUint32(pos + 20, le);
    if ((network & 0x03ff0000) !== 0) this.reservedLinkBits++;
    this.linkType = normalizeLinkType(network);
    this.maxInclLen = Math.min(this.maxRecordBytes, Math.max(snapLen, STANDARD_MAX_PACKET_BYTES));
    this.ifaces = [{
      id: 0, linkType: this.linkType, snapLen, name: '', description: '',
      tsResolutionDigits: this.fracPerSec === 1_000_000 ? 6 : 9,
    }];
    this.headerDone = true;
    return true;
  }

  private setNanos(nanos: boolean): void {
    this.fracPerSec = nanos ? 1_000_000_000 : 1_000_000;
    this.nsPerFrac = nanos ? 1 : 1000;
  }
}

export function hex32(v: number): string {
  return (v >>> 0).toString(16).padStart(8, '0');
}
