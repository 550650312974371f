/**
 * @module api/uploads/upload-slots
 * The upload slots 1..N: initialise (file name, declared size, slot, profile), start, feed with a
 * byte stream (analysed while it arrives, never stored), list, reset, delete. Each slot is an
 * AnalysisSlot of the SlotRegistry, so its statistics are served with `mm-id=:N` like slot 0's.
 * The byte stream is counted against the declared size: more bytes than declared stop the
 * analysis, fewer end it with an error; either way what was analysed is kept.
 */
import type { AnalysisResult } from '../../analysis/analyze-file.js';
import { CaptureFileError, describeError, ErrorCode } from '../../core/errors.js';
import type { JsonObject } from '../../modules/resource.js';
import { CapturedLengthSource } from '../../source/captured-length.js';
import { openCaptureStream } from '../../source/index.js';
import { startAnalysis, type SlotAnalysis } from '../analysis-slot.js';
import { ApiError } from '../api-error.js';
import type { AnalysisSlot, SlotRegistry } from '../module-registry.js';
import { EMPTY_STATUS } from '../slot-status.js';
import type { AnalysisProfile } from './profile-db.js';

export const UPLOAD_LIMITS = {
  /** Upload slots 1 … maxSlots. */
  maxSlots: 8,
  /** Store memory budget of one upload slot (bytes). */
  memoryBudgetBytes: 512 * 2 ** 20,
  /** Longest file name kept. */
  maxFileNameChars: 255,
} as const;

export type UploadState = 'initialised' | 'started' | 'analysing' | 'done' | 'failed';

export interface UploadInit {
  readonly fileName: string;
  /** Declared size in bytes, -1 when unknown. */
  readonly fileSize: number;
  /** Wanted slot; undefined = the lowest free one. */
  readonly slot?: number;
  /** Replace an existing slot's analysis (else a busy or used slot is 409). */
  readonly force?: boolean;
  readonly profile?: AnalysisProfile | null;
}

interface UploadEntry {
  readonly slot: AnalysisSlot;
  state: UploadState;
  fileName: string;
  fileSize: number;
  profile: AnalysisProfile | null;
  bytesReceived: number;
  analysis: SlotAnalysis | null;
  error: string | null;
  readonly created: number;
}

export interface UploadOutcome {
  readonly slot: number;
  readonly state: UploadState;
  /** Why it stopped early or failed (null: the whole capture was read). */
  readonly error: string | null;
  /** True when the stream was not a capture at all (nothing analysed). */
  readonly notACapture: boolean;
  readonly processing: JsonObject;
}

export class UploadSlots {
  private readonly entries = new Map<number, UploadEntry>();

  constructor(private readonly slots: SlotRegistry, private readonly memoryBudgetBytes = UPLOAD_LIMITS.memoryBudgetBytes) {}

  /** Step 1: reserve a slot for a file. Returns the slot id. */
  init(req: UploadInit): number {
    const id = req.slot ?? this.freeSlot();
    if (!Number.isInteger(id) || id < 1 || id > UPLOAD_LIMITS.maxSlots) {
      throw new ApiError(400, `upload slots are 1 … ${UPLOAD_LIMITS.maxSlots}, not ${id}`, 'replaySlotID');
    }
    const old = this.entries.get(id);
    if (old !== undefined) {
      if (old.state === 'analysing') throw new ApiError(409, `slot ${id} is analysing ${old.fileName}; wait, or delete it first`);
      if (req.force !== true && old.state !== 'done' && old.state !== 'failed') {
        throw new ApiError(409, `slot ${id} is reserved for ${old.fileName}; pass forceSlotID to replace it`);
      }
    }
    const slot = this.slots.get(id) ?? this.slots.add(id, req.fileName);
    slot.description = req.fileName;
    this.clearSlot(slot);
    this.entries.set(id, {
      slot, state: 'initialised', fileName: req.fileName.slice(0, UPLOAD_LIMITS.maxFileNameChars), fileSize: req.fileSize,
      profile: req.profile ?? null, bytesReceived: 0, analysis: null, error: null, created: Date.now() / 1000,
    });
    return id;
  }

  /** Step 2: the slot accepts its stream. */
  start(id: number): void {
    const e = this.entry(id);
    if (e.state !== 'initialised' && e.state !== 'started') throw new ApiError(409, `slot ${id} is ${e.state}; initialise it again first`);
    e.state = 'started';
  }

  /** Is slot `id` waiting for its stream (initialised or started)? */
  waiting(id: number): boolean {
    const s = this.entries.get(id)?.state;
    return s === 'initialised' || s === 'started';
  }

  /** A slot for a one-request upload: the initialised one, or a new one. */
  prepare(id: number | undefined, fileName: string, fileSize: number, profile: AnalysisProfile | null): number {
    if (id !== undefined && this.waiting(id)) {
      const e = this.entry(id);
      if (fileSize >= 0 && e.fileSize < 0) e.fileSize = fileSize;
      if (profile !== null) e.profile = profile;
      return id;
    }
    return this.init({ fileName, fileSize, ...(id === undefined ? {} : { slot: id }), profile });
  }

  /** Step 3: analyse `chunks` into slot `id`; resolves when the stream has been analysed. */
  async feed(id: number, chunks: AsyncIterable<Uint8Array>, fileName?: string): Promise<UploadOutcome> {
    const e = this.entry(id);
    if (!this.waiting(id)) throw new ApiError(409, `slot ${id} is ${e.state}; initialise it first`);
    if (fileName !== undefined && fileName !== '') e.fileName = fileName.slice(0, UPLOAD_LIMITS.maxFileNameChars);
    e.slot.description = e.fileName;
    e.state = 'analysing';
    const counted = this.count(e, chunks);
    let notACapture = false;
    const analysis = startAnalysis(e.fileName, async () => {
      try {
        const source = await openCaptureStream(counted, e.fileName, e.fileSize, { waitForFullChunk: true });
        return e.profile?.settings.packetLengthAccounting === 'captured' ? new CapturedLengthSource(source) : source;
      } catch (err) {
        notACapture = true;
        throw err;
      }
    }, e.slot, {
      memoryBudgetBytes: this.memoryBudgetBytes,
      ...(e.profile?.settings.tunnelView === undefined ? {} : { tunnelView: e.profile.settings.tunnelView }),
      ...(e.profile?.settings.vlanHandling === undefined ? {} : { vlanHandling: e.profile.settings.vlanHandling }),
      ...(e.profile?.settings.detailLevel === undefined ? {} : { detailLevel: e.profile.settings.detailLevel }),
      // The body waits in the socket: a slow analysis slows the sender (TCP), nothing is dropped.
      sourceStages: () => [{ stage: 'receive (HTTPS body)', queue: 'socket (TCP flow control, never drops)', bytesReceived: e.bytesReceived, queueDrops: 0 }],
      sourceFigures: () => ({ kind: 'upload', fileName: e.fileName, fileSize: e.fileSize, bytesReceived: e.bytesReceived, profile: e.profile?.name ?? null }),
    });
    e.analysis = analysis;
    let result: AnalysisResult | null = null;
    try {
      result = await analysis.done;
    } catch (err) {
      e.error = describeError(err);
    }
    if (result?.fileError) e.error = result.fileError.message;
    e.state = e.error === null ? 'done' : 'failed';
    return { slot: id, state: e.state, error: e.error, notACapture, processing: e.slot.status.processing() };
  }

  /** The slots with their upload state and progress. */
  list(): JsonObject[] {
    return [...this.entries.entries()].sort((a, b) => a[0] - b[0]).map(([id, e]) => this.describe(id, e));
  }

  describe(id: number, e: UploadEntry = this.entry(id)): JsonObject {
    const p = e.slot.status.processing();
    return {
      id, state: e.state, fileName: e.fileName, fileSize: e.fileSize, bytesReceived: e.bytesReceived,
      profile: e.profile?.name ?? null, created: Math.round(e.created * 1000) / 1000,
      packets: typeof p.packets === 'number' ? p.packets : 0,
      progress: e.state === 'done' ? 1 : e.fileSize > 0 ? Math.round(Math.min(1, e.bytesReceived / e.fileSize) * 1000) / 1000 : null,
      lastPacketTime: p.lastPacketTime ?? null, error: e.error,
    };
  }

  /** Forget the statistics of slot `id` (keeps the slot, ready for a new upload). */
  async reset(id: number): Promise<void> {
    const e = this.entry(id);
    if (e.analysis !== null) await e.analysis.stop();
    this.clearSlot(e.slot);
    e.analysis = null;
    e.bytesReceived = 0;
    e.error = null;
    e.state = 'initialised';
  }

  /** Stop and remove slot `id` with its statistics. */
  async delete(id: number): Promise<void> {
    const e = this.entry(id);
    if (e.analysis !== null) await e.analysis.stop();
    this.clearSlot(e.slot);
    this.entries.delete(id);
    this.slots.remove(id);
  }

  /** Stop every running upload analysis (server shutdown). */
  async stopAll(): Promise<void> {
    await Promise.all([...this.entries.values()].map(async (e) => { if (e.analysis !== null) await e.analysis.stop(); }));
  }

  private entry(id: number): UploadEntry {
    const e = this.entries.get(id);
    if (e === undefined) {
      const known = [...this.entries.keys()].sort((a, b) => a - b);
      throw new ApiError(404, `no upload slot ${id}${known.length > 0 ? ` (slots: ${known.join(', ')})` : ''}`);
    }
    return e;
  }

  private freeSlot(): number {
    for (let id = 1; id <= UPLOAD_LIMITS.maxSlots; id++) if (!this.entries.has(id)) return id;
    for (let id = 1; id <= UPLOAD_LIMITS.maxSlots; id++) {
      const s = this.entries.get(id)?.state;
      if (s === 'done' || s === 'failed') return id;
    }
    throw new ApiError(409, `all ${UPLOAD_LIMITS.maxSlots} upload slots are busy`);
  }

  private clearSlot(slot: AnalysisSlot): void {
    for (const name of slot.modules.names()) slot.modules.unregister(name);
    slot.packetTimeSec = () => undefined;
    slot.status = EMPTY_STATUS;
  }

  /** Counts the bytes of an upload and holds them to the declared size. */
  private async *count(e: UploadEntry, chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    for await (const chunk of chunks) {
      e.bytesReceived += chunk.length;
      // Progress as the bytes arrive (the analysis reports its own after each batch it frames).
      const status = e.analysis?.status;
      if (status) status.progress = { bytesRead: e.bytesReceived, bytesTotal: e.fileSize, packets: status.core?.packets ?? 0 };
      if (e.fileSize >= 0 && e.bytesReceived > e.fileSize) {
        throw new CaptureFileError(ErrorCode.SourceIo, `upload is larger than its declared size of ${e.fileSize} bytes`, e.bytesReceived, 0);
      }
      yield chunk;
    }
    if (e.fileSize >= 0 && e.bytesReceived !== e.fileSize) {
      throw new CaptureFileError(ErrorCode.SourceTruncated, `upload ended after ${e.bytesReceived} of its declared ${e.fileSize} bytes`, e.bytesReceived, 0);
    }
  }
}
