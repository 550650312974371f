/**
 * @module source/live-capture
 * Live capture from network interfaces as a PacketSource. One `tcpdump -w -` child process per
 * interface streams pcap into a pipe; each pipe is read by the ordinary stream reader
 * (openCaptureStream), and the batches of all interfaces are merged as they come, interface k
 * being interfaceId k. Why tcpdump and not dumpcap or a libpcap binding: see README.md ("Live
 * capture") — measured on this machine it drops nothing where dumpcap drops, and it reports its
 * kernel drop counters on SIGUSR1 while running, which this module asks for once per second.
 *
 * Overload: each pipe is read all the time into a bounded queue (overload-queue.ts, default cap
 * 64 MiB per interface). When the analysis lags and the queue is full, whole packets are dropped
 * there and counted as that interface's `overloadDrops` ("not processed due to overload"); the
 * kernel's drops (tcpdump itself could not keep up) stay a separate figure. Memory is bounded by
 * the cap. `close()` (and SIGTERM of the server) sends SIGTERM to the children, which flush
 * and exit; a child that dies on its own ends its interface with the reason (its last stderr line)
 * in `captureStats()`, and the analysis goes on with the other interfaces; when every interface
 * has failed the iterator throws a CaptureFileError naming why.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { CaptureFileError, describeError, ErrorCode } from '../core/errors.js';
import { openCaptureStream } from './index.js';
import { OverloadQueue } from './overload-queue.js';
import type { InterfaceInfo, PacketBatch, PacketSource, SourceProgress } from './types.js';

export interface LiveCaptureOptions {
  /** The capture program (default 'tcpdump' from PATH). */
  readonly tcpdumpPath?: string;
  /** Bytes kept per packet (default 262144: whole packets). */
  readonly snapLen?: number;
  /** Kernel capture buffer per interface in KiB (default 65536 = 64 MiB). */
  readonly bufferKiB?: number;
  /** A libpcap (BPF) filter applied in the kernel, e.g. 'not ip6'. */
  readonly bpfFilter?: string;
  /** How often the children are asked for their drop counters (ms; default 1000). */
  readonly statsIntervalMs?: number;
  /** Read chunk of each pipe (default 1 MiB). */
  readonly chunkBytes?: number;
  /** Bytes that may wait per interface for the analysis before packets are dropped (default 64 MiB). */
  readonly queueCapBytes?: number;
}

export const DEFAULT_QUEUE_CAP_BYTES = 64 * 2 ** 20;

export interface InterfaceCaptureStats {
  readonly name: string;
  /** Process id of the tcpdump child (-1 when it could not start). */
  readonly pid: number;
  /** Packets tcpdump has written (its own count, updated once per second). */
  captured: number;
  /** Packets that passed the filter in the kernel. */
  receivedByFilter: number;
  /** Packets the kernel dropped because the capture buffer was full (overload). */
  kernelDrops: number;
  /** Packets the interface (driver) dropped, as libpcap reports them. */
  interfaceDrops: number;
  /** Packets read from tcpdump's pipe (each is analysed or an overload drop). */
  pipePackets: number;
  /** Drops inside wiremeter: packets dropped whole because the queue in front of the analysis was full. */
  overloadDrops: number;
  /** Bytes waiting in that queue now, its peak and its cap. */
  queuedBytes: number;
  peakQueuedBytes: number;
  queueCapBytes: number;
  running: boolean;
  /** Why the capture of this interface ended on its own, null while fine. */
  error: string | null;
}

const INTERFACE_NAME = /^[A-Za-z0-9_.:@-]{1,64}$/;
const STDERR_KEEP = 4096;

class InterfaceCapture {
  readonly stats: InterfaceCaptureStats;
  source: PacketSource | null = null;
  readonly queue: OverloadQueue | null;
  private stderr = '';
  private stopping = false;
  private readonly exited: Promise<number | null>;
  private readonly timer: NodeJS.Timeout;

  constructor(readonly name: string, readonly child: ChildProcess, statsIntervalMs: number, queueCapBytes: number) {
    this.stats = {
      name, pid: child.pid ?? -1, captured: 0, receivedByFilter: 0, kernelDrops: 0, interfaceDrops: 0,
      pipePackets: 0, overloadDrops: 0, queuedBytes: 0, peakQueuedBytes: 0, queueCapBytes, running: true, error: null,
    };
    this.queue = child.stdout === null ? null : new OverloadQueue(child.stdout, queueCapBytes);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => { this.onStderr(text); });
    this.exited = new Promise((resolve) => {
      child.once('error', (err) => {
        this.stats.error = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'tcpdump is not installed (apt-get install tcpdump)' : describeError(err);
        resolve(null);
      });
      child.once('close', (code, signal) => {
        this.stats.running = false;
        if (!this.stopping && this.stats.error === null) {
          this.stats.error = `tcpdump on ${name} exited (${signal ?? `code ${String(code)}`})${this.lastLine() === '' ? '' : `: ${this.lastLine()}`}`;
        }
        resolve(code);
      });
    });
    this.timer = setInterval(() => { if (this.stats.running) child.kill('SIGUSR1'); }, statsIntervalMs);
    this.timer.unref();
  }

  /** The stats with the queue's figures of now. */
  snapshot(): InterfaceCaptureStats {
    const q = this.queue?.figures;
    if (q !== undefined) {
      this.stats.pipePackets = q.records;
      this.stats.overloadDrops = q.overloadDrops;
      this.stats.queuedBytes = q.queuedBytes;
      this.stats.peakQueuedBytes = q.peakQueuedBytes;
    }
    return { ...this.stats };
  }

  /** Why this interface cannot be read, for an open that failed. */
  failure(): string {
    return this.stats.error ?? (this.lastLine() === '' ? `no capture from ${this.name}` : this.lastLine());
  }

  async waitExit(timeoutMs: number): Promise<void> {
    await Promise.race([this.exited, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    if (this.stats.running) this.child.kill('SIGTERM');
    await this.waitExit(3000);
    if (this.stats.running) {
      this.child.kill('SIGKILL');
      await this.waitExit(1000);
    }
    await this.source?.close();
  }

  get failed(): boolean {
    return !this.stopping && this.stats.error !== null;
  }

  private lastLine(): string {
    const lines = this.stderr.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !/\d+ packets? (captured|received|dropped)/.test(l) && !l.startsWith('tcpdump: listening on'));
    return lines.at(-1) ?? '';
  }

  private onStderr(text: string): void {
    this.stderr = (this.stderr + text).slice(-STDERR_KEEP);
    // "N packets captured\nN packets received by filter\n…" at exit; on SIGUSR1 the same on one
    // line: "tcpdump: N packets captured, N packets received by filter, N packets dropped by kernel".
    for (const m of text.matchAll(/(\d+) packets? (captured|received by filter|dropped by kernel|dropped by interface)/g)) {
      const n = Number(m[1]);
      if (m[2] === 'captured') this.stats.captured = n;
      else if (m[2] === 'received by filter') this.stats.receivedByFilter = n;
      else if (m[2] === 'dropped by kernel') this.stats.kernelDrops = n;
      else this.stats.interfaceDrops = n;
    }
  }
}

type Pulled = { readonly k: number; readonly r: IteratorResult<PacketBatch> } | { readonly k: number; readonly err: unknown };

export class LiveCaptureSource implements PacketSource {
  readonly format = 'pcap (live, tcpdump)';
  readonly name: string;
  private closing = false;
  private iterated = false;

  constructor(private readonly captures: readonly InterfaceCapture[]) {
    this.name = captures.map((c) => c.name).join(',');
  }

  /** Per interface: packets captured, kernel and interface drops, state. */
  captureStats(): InterfaceCaptureStats[] {
    return this.captures.map((c) => c.snapshot());
  }

  interfaces(): readonly InterfaceInfo[] {
    return this.captures.map((c, id) => {
      const inner = c.source?.interfaces()[0];
      return { id, linkType: inner?.linkType ?? 1, snapLen: inner?.snapLen ?? 0, name: c.name, description: `live capture of ${c.name}`, tsResolutionDigits: inner?.tsResolutionDigits ?? 6 };
    });
  }

  progress(): SourceProgress {
    let bytesRead = 0, packets = 0;
    for (const c of this.captures) {
      const p = c.source?.progress();
      bytesRead += p?.bytesRead ?? 0;
      packets += p?.packets ?? 0;
    }
    return { bytesRead, bytesTotal: -1, packets };
  }

  fileWarnings(): ReadonlyMap<string, number> {
    const out = new Map<string, number>();
    for (const c of this.captures) for (const [k, v] of c.source?.fileWarnings() ?? []) out.set(k, (out.get(k) ?? 0) + v);
    return out;
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.captures.map((c) => c.stop()));
  }

  async *[Symbol.asyncIterator](): AsyncIterator<PacketBatch> {
    if (this.iterated) throw new Error('a live capture can be iterated once');
    this.iterated = true;
    const iters = this.captures.map((c) => (c.source as PacketSource)[Symbol.asyncIterator]());
    const pending = new Map<number, Promise<Pulled>>();
    const pull = (k: number): void => {
      const it = iters[k];
      if (it !== undefined) pending.set(k, it.next().then((r) => ({ k, r }), (err: unknown) => ({ k, err })));
    };
    for (let k = 0; k < iters.length; k++) pull(k);
    let ended = false;
    try {
      while (pending.size > 0) {
        const got = await Promise.race(pending.values());
        pending.delete(got.k);
        const capture = this.captures[got.k];
        if ('err' in got) {
          if (capture?.stats.error === null && !this.closing) capture.stats.error = describeError(got.err);
          continue;
        }
        if (got.r.done === true) continue;
        const batch = got.r.value;
        for (let i = 0; i < batch.count; i++) batch.interfaceId[i] = got.k;
        yield batch;
        if (!this.closing) pull(got.k);
      }
      ended = true;
    } finally {
      // Left early (the consumer broke off, or close()): stop the children.
      if (!ended) await this.close();
    }
    if (this.closing) return;
    // Every interface has ended on its own: let the children report how, then say why.
    await Promise.all(this.captures.map((c) => c.waitExit(1000)));
    const reasons = this.captures.filter((c) => c.failed).map((c) => c.failure());
    await this.close();
    if (reasons.length > 0) throw new CaptureFileError(ErrorCode.SourceIo, `live capture ended: ${reasons.join('; ')}`, 0, 0);
  }
}

/**
 * Start capturing on `interfaces` (one tcpdump each) and resolve once every one of them delivers
 * its pcap header. Rejects with a CaptureFileError naming the interface and tcpdump's reason
 * (no such device, no permission, not installed) when one cannot be opened; the others are stopped.
 */
export async function openLiveCapture(interfaces: readonly string[], options: LiveCaptureOptions = {}): Promise<LiveCaptureSource> {
  if (interfaces.length === 0) throw new RangeError('name at least one interface');
  for (const name of interfaces) {
    if (!INTERFACE_NAME.test(name)) throw new CaptureFileError(ErrorCode.SourceIo, `'${name.slice(0, 64)}' is not an interface name`, 0, 0);
  }
  if (new Set(interfaces).size !== interfaces.length) throw new RangeError('an interface is named twice');
  const captures: InterfaceCapture[] = [];
  for (const name of interfaces) {
    const args = ['-i', name, '-w', '-', '-U', '-n', '-s', String(options.snapLen ?? 262144), '-B', String(options.bufferKiB ?? 65536)];
    if (options.bpfFilter !== undefined && options.bpfFilter !== '') args.push(options.bpfFilter);
    const child = spawn(options.tcpdumpPath ?? 'tcpdump', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    captures.push(new InterfaceCapture(name, child, options.statsIntervalMs ?? 1000, options.queueCapBytes ?? DEFAULT_QUEUE_CAP_BYTES));
  }
  const opened = await Promise.allSettled(captures.map(async (c, k) => {
    const queue = c.queue;
    if (queue === null) throw new Error('no pipe');
    try {
      c.source = await openCaptureStream(queue, interfaces[k] ?? '', -1, { chunkBytes: options.chunkBytes ?? 1 << 20 });
    } catch (err) {
      await c.waitExit(1000);
      throw new CaptureFileError(ErrorCode.SourceIo, `cannot capture on ${c.name}: ${c.failure()}`, 0, 0, { cause: err });
    }
  }));
  const failed = opened.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed !== undefined) {
    await Promise.all(captures.map((c) => c.stop()));
    throw failed.reason;
  }
  return new LiveCaptureSource(captures);
}
