/**
 * @module capture/capture-tap
 * One running capture on the packet path: a compiled capture filter, a time window, a snap length
 * and a pcap or pcapng writer whose output waits in a bounded queue for the consumer (an HTTP
 * response, a file). `offer` is called for every analysed packet and never blocks: a packet outside
 * the filter is `ignored`, one that does not fit in the queue is `dropped`, the others are
 * `captured`. The consumer takes chunks with `take()`; a slow consumer costs drops, never memory
 * beyond `maxQueuedBytes` (plus one 64 KiB chunk being filled) and never stalls analysis.
 * A filter that reads the L7 protocol ignores packets whose flow DPI has not classified yet.
 */
import type { PacketInfo } from '../decode/packet-info.js';
import { buildCaptureFilter, type CapturePredicate, type FilterContext } from '../filter/index.js';
import { filterFacts, NO_FACTS, type FilterFacts } from '../filter/facts.js';
import { PcapWriter } from './pcap-writer.js';
import { captureComment, PcapngWriter, type PcapngInterface } from './pcapng-writer.js';

export interface CaptureTapOptions {
  /** Capture filter expression ('' captures everything). Throws FilterSyntaxError when bad. */
  readonly expression: string;
  readonly format: 'pcap' | 'pcapng';
  /** Bytes kept per packet (0: all). */
  readonly snapLength?: number;
  /** First packet time captured, µs since the epoch (inclusive); default: from the first packet. */
  readonly startTimeUs?: number;
  /** Packet time at which the capture ends, µs (the first packet at or after it ends it). */
  readonly endTimeUs?: number;
  /** Bytes of finished output waiting for the consumer before packets are dropped (default 8 MiB). */
  readonly maxQueuedBytes?: number;
  /** pcap: the file's link type (default Ethernet); packets of other link types are dropped. */
  readonly linkType?: number;
  /** pcapng: interface names and descriptions, comment text, device information. */
  readonly interfaces?: readonly PcapngInterface[];
  readonly comment?: string;
  readonly device?: Readonly<Record<string, string>>;
  readonly singleInterface?: boolean;
  /**
   * A capture profile's snap-length rules: the first rule whose L7 protocol (registry index; -1 =
   * any) is the packet's flow's decides the bytes kept (0: all); no rule matching: `snapLength`.
   */
  readonly snapRules?: readonly { readonly l7Protocol: number; readonly snapLength: number }[];
  /** Start a new file (FILE_BOUNDARY in the output) before a packet would take it past this many bytes (0: never). */
  readonly splitBytes?: number;
  /** Start a new file at the first packet this many seconds (packet time) after the file's first (0: never). */
  readonly splitSeconds?: number;
}

/** The marker `take()` returns between two files of a split capture (an empty array, by identity). */
export const FILE_BOUNDARY: Uint8Array = new Uint8Array(0);

export interface CaptureCounters {
  captured: number;
  dropped: number;
  ignored: number;
  /** Bytes of output produced (headers included). */
  bytes: number;
}

const ALL: CapturePredicate = () => true;

export class CaptureTap {
  readonly counters: CaptureCounters = { captured: 0, dropped: 0, ignored: 0, bytes: 0 };
  /** True once the end time is reached or `stop()` was called. */
  finished = false;
  /** The context facts the filter reads (an L7 filter skips unclassified flows). */
  readonly facts: FilterFacts;
  /** The facts CaptureTaps must fill for this tap (the filter's, plus the L7 protocol for snap rules). */
  readonly needs: FilterFacts;
  private readonly rules: readonly { readonly l7Protocol: number; readonly snapLength: number }[];
  private readonly predicate: CapturePredicate;
  private readonly queue: Uint8Array[] = [];
  private queued = 0;
  private readonly maxQueued: number;
  private write: (pi: PacketInfo, snap: number) => boolean = () => false;
  private flushWriter: () => void = () => undefined;
  private writerBytes: () => number = () => 0;
  private readonly splitBytes: number;
  private readonly splitUs: number;
  private filePackets = 0;
  private fileStartUs = -1;
  /** Files begun so far (1 + the FILE_BOUNDARY markers queued). */
  files = 1;
  private readonly startUs: number;
  private readonly endUs: number;

  constructor(readonly options: CaptureTapOptions) {
    if (options.expression.trim() === '') {
      this.predicate = ALL;
      this.facts = NO_FACTS;
    } else {
      const filter = buildCaptureFilter(options.expression);
      this.predicate = filter.predicate;
      this.facts = filterFacts(filter.checked);
    }
    this.rules = options.snapRules ?? [];
    this.needs = this.rules.length > 0 ? { ...this.facts, l7Protocol: true } : this.facts;
    this.maxQueued = options.maxQueuedBytes ?? 8 * 1024 * 1024;
    this.startUs = options.startTimeUs ?? -Infinity;
    this.endUs = options.endTimeUs ?? Infinity;
    this.splitBytes = options.splitBytes ?? 0;
    this.splitUs = (options.splitSeconds ?? 0) * 1e6;
    this.openWriter();
  }

  /** A new writer (a new file: its header goes to the queue). */
  private openWriter(): void {
    const options = this.options;
    const sink = (chunk: Uint8Array): void => {
      this.queue.push(chunk);
      this.queued += chunk.length;
    };
    if (options.format === 'pcap') {
      const w = new PcapWriter(sink, { linkType: options.linkType ?? 1, snapLength: options.snapLength ?? 0 });
      this.write = (pi, snap) => w.write(pi, snap);
      this.flushWriter = () => {
        w.flush();
      };
      this.writerBytes = () => w.bytes;
    } else {
      const w = new PcapngWriter(sink, {
        snapLength: options.snapLength ?? 0,
        comment: captureComment(options.comment ?? '', options.device ?? null, options.expression),
        interfaces: options.interfaces ?? [],
        singleInterface: options.singleInterface ?? false,
      });
      this.write = (pi, snap) => {
        w.write(pi, snap);
        return true;
      };
      this.flushWriter = () => {
        w.flush();
      };
      this.writerBytes = () => w.bytes;
    }
    this.filePackets = 0;
    this.fileStartUs = -1;
    this.flushWriter();
  }

  /** Ends the current file: FILE_BOUNDARY in the queue, then the next file's header. */
  private split(): void {
    this.flushWriter();
    this.queue.push(FILE_BOUNDARY);
    this.files++;
    this.openWriter();
  }

  /** Bytes waiting for the consumer. */
  get queuedBytes(): number {
    return this.queued;
  }

  /** Offer one analysed packet (valid only during the call: it is copied when captured). */
  offer(pi: PacketInfo, ctx: FilterContext): void {
    if (this.finished) return;
    const us = pi.tsSec * 1e6 + Math.floor(pi.tsNsec / 1000);
    if (us >= this.endUs) {
      this.stop();
      return;
    }
    if (us < this.startUs) return;
    // An L7 capture skips the packets of flows not classified yet (spec: "Layer 7 protocol capture").
    if ((this.facts.l7Protocol && ctx.l7Protocol < 0) || !this.predicate(pi, ctx)) {
      this.counters.ignored++;
      return;
    }
    const snap = this.rules.length === 0 ? this.options.snapLength ?? 0 : this.snapFor(ctx.l7Protocol);
    const size = 32 + (snap > 0 ? Math.min(pi.capLen, snap) : pi.capLen);
    if (this.filePackets > 0 && ((this.splitBytes > 0 && this.writerBytes() + size > this.splitBytes) || (this.splitUs > 0 && us - this.fileStartUs >= this.splitUs))) {
      this.split();
    }
    if (this.queued + size > this.maxQueued || !this.write(pi, snap)) {
      this.counters.dropped++;
      return;
    }
    this.counters.captured++;
    if (this.filePackets++ === 0) this.fileStartUs = us;
  }

  /** The snap length of the first rule for `l7` (or for any protocol); else the capture's. */
  private snapFor(l7: number): number {
    const rules = this.rules;
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i] as { readonly l7Protocol: number; readonly snapLength: number };
      if (r.l7Protocol === -1 || r.l7Protocol === l7) return r.snapLength;
    }
    return this.options.snapLength ?? 0;
  }

  /** Push what the writer holds into the queue (call when the consumer is idle, or periodically). */
  flush(): void {
    this.flushWriter();
  }

  /** The waiting output, oldest first (FILE_BOUNDARY between files when splitting); empties the queue. */
  take(): Uint8Array[] {
    this.flushWriter();
    const out = this.queue.splice(0, this.queue.length);
    for (const c of out) this.counters.bytes += c.length;
    this.queued = 0;
    return out;
  }

  stop(): void {
    if (this.finished) return;
    this.finished = true;
    this.flushWriter();
  }
}
