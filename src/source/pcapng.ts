/**
 * @module source/pcapng
 * pcapng files (draft-ietf-opsawg-pcapng): several sections, each in its own byte order; several
 * interfaces per section with their own link type, snap length, if_tsresol and if_tsoffset; packets
 * from Enhanced (EPB), Simple (SPB) and the obsolete Packet Block (OPB). Every other block (name
 * resolution, statistics, decryption secrets, custom, unknown) is skipped by its length.
 *
 * Interface ids: interfaces are numbered in the order they appear in the file, over all sections
 * (a new section header starts a new, empty interface table, whose entries get the next numbers).
 * PacketBatch.interfaceId and InterfaceInfo.id use these file-wide numbers.
 *
 * Checks (each a SourceCorrupt at the block's offset): total length >= 12, a multiple of 4,
 * <= maxRecordBytes, equal to the trailing copy; per-type minimum sizes; a packet's interface exists
 * in its section; the captured length fits in the block. Option lists that run past their block are
 * a warning (`pcapng.bad_option_length`), not an error: the options before are kept.
 *
 * SPB: no timestamp in the block; it gets the timestamp of the previous packet in the file (0 when
 * none) and is counted as `pcapng.spb_timestamp_inherited`. Its captured length is
 * min(original length, bytes in the block, snaplen of interface 0 when non-zero).
 */
import { ErrorCode } from '../core/errors.js';
import type { BatchBuilder } from './batch.js';
import { MAX_INT32, MAX_INTERFACES } from './limits.js';
import { normalizeLinkType } from './link-types.js';
import { hex32 } from './pcap.js';
import { toSecNs, TsKind, TsOut, TsResolution } from './pcapng-time.js';
import type { ParseFault, RecordParser } from './record-parser.js';
import type { InterfaceInfo } from './types.js';

export const BlockType = {
  SectionHeader: 0x0a0d0d0a,
  InterfaceDescription: 1,
  ObsoletePacket: 2,
  SimplePacket: 3,
  NameResolution: 4,
  InterfaceStatistics: 5,
  EnhancedPacket: 6,
  DecryptionSecrets: 10,
  Custom: 0x00000bad,
  CustomNoCopy: 0x40000bad,
} as const;

/** Byte-order magic as read little-endian. */
const BOM_LITTLE = 0x1a2b3c4d, BOM_BIG = 0x4d3c2b1a;
const MIN_BLOCK = 12, MIN_SHB = 28, MIN_IDB = 20, MIN_EPB = 32, MIN_OPB = 32, MIN_SPB = 16;

const OPT_END = 0, OPT_IF_NAME = 2, OPT_IF_DESCRIPTION = 3, OPT_IF_TSRESOL = 9, OPT_IF_TSOFFSET = 14;
const TWO32 = 4_294_967_296;
const utf8 = new TextDecoder('utf-8');

/** Per-interface state used per packet (monomorphic: all fields set in the constructor). */
class InterfaceState {
  linkType = 0;
  snapLen = 0;
  ts: TsResolution = TsResolution.fromOption(6);
  tsOffsetSec = 0;
  name = '';
  description = '';
}

export class PcapngParser implements RecordParser {
  readonly format = 'pcapng';
  fault: ParseFault | null = null;

  private littleEndian = true;
  private inSection = false;
  /** File-wide number of the current section's interface 0. */
  private sectionBase = 0;
  /** Interfaces described so far in the current section. */
  private sectionCount = 0;
  private readonly states: InterfaceState[] = [];
  private readonly infos: InterfaceInfo[] = [];
  private readonly tsOut = new TsOut();
  private lastSec = 0;
  private lastNs = 0;

  private spbInherited = 0;
  private badOptions = 0;
  private unknownBlocks = 0;
  private origClamped = 0;
  private capExceedsOrig = 0;

  constructor(private readonly maxRecordBytes: number) {}

  interfaces(): readonly InterfaceInfo[] {
    return this.infos;
  }

  warnings(): ReadonlyMap<string, number> {
    const m = new Map<string, number>();
    if (this.spbInherited > 0) m.set('pcapng.spb_timestamp_inherited', this.spbInherited);
    if (this.badOptions > 0) m.set('pcapng.bad_option_length', this.badOptions);
    if (this.unknownBlocks > 0) m.set('pcapng.unknown_block_type', this.unknownBlocks);
    if (this.origClamped > 0) m.set('pcapng.origlen_clamped', this.origClamped);
    if (this.capExceedsOrig > 0) m.set('pcapng.caplen_exceeds_origlen', this.capExceedsOrig);
    return m;
  }

  parse(data: Uint8Array, view: DataView, start: number, end: number, base: number, batch: BatchBuilder): number {
    let pos = start;
    let le = this.littleEndian;
    const out = this.tsOut, maxRecord = this.maxRecordBytes;
    let n = batch.count, cap = batch.capacity;
    let offA = batch.offset, capA = batch.capLen, origA = batch.origLen, secA = batch.tsSec, nsA = batch.tsNsec;
    let ltA = batch.linkType, ifA = batch.interfaceId;
    let lastSec = this.lastSec, lastNs = this.lastNs;
    // The interface of the previous EPB, cached: files rarely switch interfaces between packets.
    let cachedIf = -1, cachedLink = 0, cachedOffset = 0, cachedUnits = 0, cachedNsPerUnit = 0;
    let cachedTs: TsResolution | null = null;

    while (pos + MIN_BLOCK <= end) {
      const type = view.getUint32(pos, le);
      if (type === BlockType.EnhancedPacket) {
        // Hot path: the enhanced packet block, checked and stored with no calls in the usual case.
        const len = view.getUint32(pos + 4, le);
        if (len < MIN_EPB || (len & 3) !== 0 || len > maxRecord) {
          this.blockFault(type, len, base + pos);
          break;
        }
        if (pos + len > end) break;
        const trailer = view.getUint32(pos + len - 4, le);
        if (trailer !== len) {
          this.setFault(ErrorCode.SourceCorrupt, `${blockName(type)} has total length ${len} but its trailing copy says ${trailer}`, base + pos);
          break;
        }
        const local = view.getUint32(pos + 8, le);
        if (local >= this.sectionCount) {
          this.setFault(ErrorCode.SourceCorrupt, `${blockName(type)} refers to interface ${local} but its section describes ${this.sectionCount}`, base + pos);
          break;
        }
        const pktCap = view.getUint32(pos + 20, le);
        if (pktCap > len - 32) {
          this.setFault(ErrorCode.SourceCorrupt, `${blockName(type)} claims ${pktCap} captured bytes but holds at most ${len - 32}`, base + pos);
          break;
        }
        let pktOrig = view.getUint32(pos + 24, le);
        const id = this.sectionBase + local;
        if (id !== cachedIf) {
          const st = this.states[id] as InterfaceState;
          cachedIf = id;
          cachedLink = st.linkType;
          cachedOffset = st.tsOffsetSec;
          cachedTs = st.ts;
          // Decimal resolutions take the inline path below; others call toSecNs.
          cachedUnits = st.ts.kind === TsKind.Decimal ? st.ts.unitsPerSec : 0;
          cachedNsPerUnit = st.ts.nsPerUnit;
        }
        const high = view.getUint32(pos + 12, le), low = view.getUint32(pos + 16, le);
        if (cachedUnits !== 0 && high < 0x100000) {
          // Below 2^52 units: the count, sec * units and the remainder are exact doubles.
          const units = high * TWO32 + low;
          let sec = Math.floor(units / cachedUnits);
          let rem = units - sec * cachedUnits;
          if (rem < 0) { sec -= 1; rem += cachedUnits; } else if (rem >= cachedUnits) { sec += 1; rem -= cachedUnits; }
          lastSec = sec + cachedOffset;
          lastNs = rem * cachedNsPerUnit;
        } else {
          toSecNs(cachedTs as TsResolution, high, low, out);
          lastSec = out.sec + cachedOffset;
          lastNs = out.ns;
        }
        if (n === cap) {
          batch.count = n;
          batch.grow();
          cap = batch.capacity;
          offA = batch.offset; capA = batch.capLen; origA = batch.origLen; secA = batch.tsSec; nsA = batch.tsNsec;
          ltA = batch.linkType; ifA = batch.interfaceId;
        }
        if (pktCap > pktOrig || pktOrig > MAX_INT32) pktOrig = this.unusualLengths(pktCap, pktOrig);
        offA[n] = pos + 28;
        capA[n] = pktCap;
        origA[n] = pktOrig;
        secA[n] = lastSec;
        nsA[n] = lastNs;
        ltA[n] = cachedLink;
        ifA[n] = id;
        n++;
        pos += len;
        continue;
      }

      // Every other block: section headers, interfaces, SPB/OPB, blocks to skip.
      let blockLe = le;
      if (type === BlockType.SectionHeader) {
        const bom = view.getUint32(pos + 8, true);
        if (bom === BOM_LITTLE) blockLe = true;
        else if (bom === BOM_BIG) blockLe = false;
        else {
          this.setFault(this.inSection ? ErrorCode.SourceCorrupt : ErrorCode.SourceFormat,
            `section header block has byte-order magic ${hex32(bom)}, not 1a2b3c4d`, base + pos);
          break;
        }
      } else if (!this.inSection) {
        this.setFault(ErrorCode.SourceFormat, `pcapng file does not start with a section header block (block type ${hex32(type)})`, base + pos);
        break;
      }
      const len = view.getUint32(pos + 4, blockLe);
      if (len < MIN_BLOCK || (len & 3) !== 0 || len > maxRecord) {
        this.blockFault(type, len, base + pos);
        break;
      }
      if (pos + len > end) break;
      const trailer = view.getUint32(pos + len - 4, blockLe);
      if (trailer !== len) {
        this.setFault(ErrorCode.SourceCorrupt, `${blockName(type)} has total length ${len} but its trailing copy says ${trailer}`, base + pos);
        break;
      }

      let pktOff = 0, pktCap = 0, pktOrig = 0, pktIf = 0;
      let isPacket = false;
      if (type === BlockType.ObsoletePacket) {
        if (len < MIN_OPB) {
          this.setFault(ErrorCode.SourceCorrupt, `${blockName(type)} of ${len} bytes is shorter than the minimum ${MIN_OPB}`, base + pos);
          break;
        }
        const local = view.getUint16(pos + 8, le);
        if (local >= this.sectionCount) {
          this.setFault(ErrorCode.SourceCorrupt, `${blockName(type)} refers to interface ${local} but its section describes ${this.sectionCount}`, base + pos);
          break;
        }
        pktCap = view.getUint32(pos + 20, le);
        if (pktCap > len - 32) {
          this.setFault(ErrorCode.SourceCorrupt, `${blockName(type)} claims ${pktCap} captured bytes but holds at most ${len - 32}`, base + pos);
          break;
        }
        pktOrig = view.getUint32(pos + 24, le);
        pktIf = this.sectionBase + local;
        const st = this.states[pktIf] as InterfaceState;
        toSecNs(st.ts, view.getUint32(pos + 12, le), view.getUint32(pos + 16, le), out);
        lastSec = out.sec + st.tsOffsetSec;
        lastNs = out.ns;
        pktOff = pos + 28;
        isPacket = true;
      } else if (type === BlockType.SimplePacket) {
        if (len < MIN_SPB) {
          this.setFault(ErrorCode.SourceCorrupt, `simple packet block of ${len} bytes is shorter than the minimum ${MIN_SPB}`, base + pos);
          break;
        }
        if (this.sectionCount === 0) {
          this.setFault(ErrorCode.SourceCorrupt, 'simple packet block before any interface description block in its section', base + pos);
          break;
        }
        pktIf = this.sectionBase;
        const st = this.states[pktIf] as InterfaceState;
        pktOrig = view.getUint32(pos + 8, le);
        pktCap = Math.min(pktOrig, len - MIN_SPB);
        if (st.snapLen !== 0 && pktCap > st.snapLen) pktCap = st.snapLen;
        pktOff = pos + 12;
        this.spbInherited++;
        isPacket = true;
      } else if (type === BlockType.SectionHeader) {
        if (!this.readSectionHeader(view, pos, len, blockLe, base)) break;
        le = blockLe;
        this.littleEndian = le;
        cachedIf = -1; // interface ids restart
      } else if (type === BlockType.InterfaceDescription) {
        if (!this.readInterface(data, view, pos, len, le, base)) break;
      } else if (!isKnownSkippedBlock(type)) {
        this.unknownBlocks++;
      }

      if (isPacket) {
        if (n === cap) {
          batch.count = n;
          batch.grow();
          cap = batch.capacity;
          offA = batch.offset; capA = batch.capLen; origA = batch.origLen; secA = batch.tsSec; nsA = batch.tsNsec;
          ltA = batch.linkType; ifA = batch.interfaceId;
        }
        if (pktCap > pktOrig || pktOrig > MAX_INT32) pktOrig = this.unusualLengths(pktCap, pktOrig);
        offA[n] = pktOff;
        capA[n] = pktCap;
        origA[n] = pktOrig;
        secA[n] = lastSec;
        nsA[n] = lastNs;
        ltA[n] = (this.states[pktIf] as InterfaceState).linkType;
        ifA[n] = pktIf;
        n++;
      }
      pos += len;
    }
    this.lastSec = lastSec;
    this.lastNs = lastNs;
    batch.count = n;
    return pos;
  }

  /** Count captured > original, clamp original >= 2^31; returns the original length to store. */
  private unusualLengths(capLen: number, origLen: number): number {
    if (capLen > origLen) this.capExceedsOrig++;
    if (origLen > MAX_INT32) {
      this.origClamped++;
      return MAX_INT32;
    }
    return origLen;
  }

  private blockFault(type: number, len: number, offset: number): void {
    const min = type === BlockType.EnhancedPacket ? MIN_EPB : MIN_BLOCK;
    if (len >= MIN_BLOCK && len < min && (len & 3) === 0 && len <= this.maxRecordBytes) {
      this.setFault(ErrorCode.SourceCorrupt, `${blockName(type)} of ${len} bytes is shorter than the minimum ${min}`, offset);
    } else {
      this.setFault(ErrorCode.SourceCorrupt, `${blockName(type)} has total length ${len} (must be a multiple of 4, at least ${MIN_BLOCK}, at most ${this.maxRecordBytes})`, offset);
    }
  }

  describeIncomplete(view: DataView, pos: number, end: number): string {
    const left = end - pos;
    if (left < MIN_BLOCK) return `file ends inside a pcapng block header (${left} of at least ${MIN_BLOCK} bytes present)`;
    const type = view.getUint32(pos, this.littleEndian);
    let le = this.littleEndian;
    if (type === BlockType.SectionHeader) le = view.getUint32(pos + 8, true) === BOM_LITTLE;
    const len = view.getUint32(pos + 4, le);
    return `file ends inside a ${blockName(type)} (${len} bytes announced, ${left} present)`;
  }

  private setFault(code: ErrorCode, message: string, offset: number): void {
    this.fault = { code, message, offset };
  }

  private readSectionHeader(view: DataView, pos: number, len: number, le: boolean, base: number): boolean {
    if (len < MIN_SHB) {
      this.setFault(this.inSection ? ErrorCode.SourceCorrupt : ErrorCode.SourceFormat,
        `section header block of ${len} bytes is shorter than the minimum ${MIN_SHB}`, base + pos);
      return false;
    }
    const major = view.getUint16(pos + 12, le), minor = view.getUint16(pos + 14, le);
    if (major !== 1) {
      this.setFault(ErrorCode.SourceFormat, `pcapng section version ${major}.${minor} is not supported (1.x is)`, base + pos);
      return false;
    }
    this.inSection = true;
    this.sectionBase = this.infos.length;
    this.sectionCount = 0;
    return true;
  }

  private readInterface(data: Uint8Array, view: DataView, pos: number, len: number, le: boolean, base: number): boolean {
    if (len < MIN_IDB) {
      this.setFault(ErrorCode.SourceCorrupt, `interface description block of ${len} bytes is shorter than the minimum ${MIN_IDB}`, base + pos);
      return false;
    }
    if (this.infos.length >= MAX_INTERFACES) {
      this.setFault(ErrorCode.SourceCorrupt, `more than ${MAX_INTERFACES} interface description blocks`, base + pos);
      return false;
    }
    const st = new InterfaceState();
    st.linkType = normalizeLinkType(view.getUint16(pos + 8, le));
    st.snapLen = view.getUint32(pos + 12, le);
    const optEnd = pos + len - 4;
    let p = pos + 16;
    while (p + 4 <= optEnd) {
      const code = view.getUint16(p, le), olen = view.getUint16(p + 2, le);
      if (code === OPT_END) break;
      const v = p + 4;
      if (v + olen > optEnd) {
        this.badOptions++;
        break;
      }
      if (code === OPT_IF_NAME) st.name = decodeText(data, v, olen);
      else if (code === OPT_IF_DESCRIPTION) st.description = decodeText(data, v, olen);
      else if (code === OPT_IF_TSRESOL && olen >= 1) st.ts = TsResolution.fromOption(data[v] as number);
      else if (code === OPT_IF_TSOFFSET && olen >= 8) {
        const high = le ? view.getInt32(v + 4, true) : view.getInt32(v, false);
        const low = le ? view.getUint32(v, true) : view.getUint32(v + 4, false);
        st.tsOffsetSec = high * TWO32 + low;
      }
      p = v + ((olen + 3) & ~3);
    }
    const id = this.infos.length;
    this.states.push(st);
    this.infos.push({
      id, linkType: st.linkType, snapLen: st.snapLen, name: st.name, description: st.description,
      tsResolutionDigits: st.ts.digits,
    });
    this.sectionCount++;
    return true;
  }
}

function isKnownSkippedBlock(type: number): boolean {
  // NRB 4, ISB 5, IRIG 7, ARINC 429 8, systemd journal 9, DSB 10, custom blocks; local-use types (bit 31).
  return (type >= 4 && type <= 10) || type === BlockType.Custom || type === BlockType.CustomNoCopy || type >= 0x80000000;
}

function decodeText(data: Uint8Array, start: number, length: number): string {
  let end = start + length;
  while (end > start && data[end - 1] === 0) end--; // some writers include the C terminator
  return utf8.decode(data.subarray(start, end));
}

/** A readable name for a block type, for error messages. */
export function blockName(type: number): string {
  switch (type) {
    case BlockType.SectionHeader: return 'section header block';
    case BlockType.InterfaceDescription: return 'interface description block';
    case BlockType.ObsoletePacket: return 'packet block (obsolete)';
    case BlockType.SimplePacket: return 'simple packet block';
    case BlockType.NameResolution: return 'name resolution block';
    case BlockType.InterfaceStatistics: return 'interface statistics block';
    case BlockType.EnhancedPacket: return 'enhanced packet block';
    case BlockType.DecryptionSecrets: return 'decryption secrets block';
    default: return `block of type ${hex32(type)}`;
  }
}
