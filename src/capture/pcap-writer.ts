/**
 * @module capture/pcap-writer
 * Streams a classic pcap file (nanosecond variant, magic 0xa1b23c4d, little-endian): the 24-byte
 * file header, then a 16-byte record header and the (snap-length cut) bytes per packet. One link
 * type per file: a packet of another link type is refused (counted in `skippedLinkType`); the
 * pcapng writer is the one for mixed captures. Wireshark, tshark and wiremeter's reader open it.
 */
import { ByteOutput, type ByteSink } from './byte-output.js';
import { keptLength, type CapturePacket } from './packet.js';

export interface PcapWriterOptions {
  readonly linkType: number;
  /** Bytes kept per packet (0: all); also the file header's snaplen (65535 when 0). */
  readonly snapLength?: number;
}

const MAGIC_NS = 0xa1b23c4d;

export class PcapWriter {
  private readonly out: ByteOutput;
  private readonly snap: number;
  packets = 0;
  skippedLinkType = 0;

  constructor(sink: ByteSink, private readonly options: PcapWriterOptions) {
    this.out = new ByteOutput(sink);
    this.snap = options.snapLength ?? 0;
    const o = this.out;
    o.u32(MAGIC_NS);
    o.u16(2);
    o.u16(4);
    o.u32(0);
    o.u32(0);
    o.u32(this.snap > 0 ? this.snap : 262144);
    o.u32(options.linkType);
  }

  /** Bytes produced so far (header included). */
  get bytes(): number {
    return this.out.total;
  }

  /** Append one packet (cut to `snapLength`, default the file's); false when its link type is not the file's. */
  write(p: CapturePacket, snapLength = this.snap): boolean {
    if (p.linkType !== this.options.linkType) {
      this.skippedLinkType++;
      return false;
    }
    const n = keptLength(p.capLen, snapLength);
    const o = this.out;
    o.u32(p.tsSec);
    o.u32(p.tsNsec);
    o.u32(n);
    o.u32(p.origLen);
    o.bytes(p.data, p.start, n);
    this.packets++;
    return true;
  }

  /** Hand buffered bytes to the sink (call at the end, or to push what there is to a slow client). */
  flush(): void {
    this.out.flush();
  }
}
