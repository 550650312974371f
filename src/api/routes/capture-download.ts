/**
 * @module api/routes/capture-download
 * GET /API/data/modules/capture: a capture as a streamed pcap or pcapng download (pcap
 * permission). The query is the appliance's (startTime/endTime in µs, `endTime=now` with
 * `timespan`, expression, snapPacketLength, useSingleInterface, mm-id, fromCaptureBuffer,
 * captureToMedia) plus `format`, `filename`, `comment`, `deviceInfo`. A slot analysing a capture
 * file still on disk is served by re-reading the file (any time range, paced by the client, no
 * drops); any other slot from its running analysis, from now on, through the slot's CaptureTaps
 * (a slow client costs counted drops). A bad expression is 400 with its position.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CaptureManager, RunningCapture } from '../../capture/capture-manager.js';
import { CaptureTap, type CaptureTapOptions } from '../../capture/capture-tap.js';
import { openForReplay, replayIntoTap } from '../../capture/file-replay.js';
import type { PcapngInterface } from '../../capture/pcapng-writer.js';
import { isPlainFileName, strftime } from '../../capture/strftime.js';
import { TapStream } from '../../capture/tap-stream.js';
import { zipTap } from '../../capture/zip-stream.js';
import { DiskCapture } from '../../capture/disk-capture.js';
import { mkdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { LaunchResult, Plan } from '../../capture/planned-captures.js';
import { join } from 'node:path';
import { FilterSyntaxError } from '../../filter/index.js';
import { findProtocol } from '../../protocols/registry.js';
import type { PacketSource } from '../../source/index.js';
import { ApiError, badParameter } from '../api-error.js';
import type { AnalysisSlot, SlotRegistry } from '../module-registry.js';
import { authErrors, errorSchema } from '../schemas.js';
import { selectSlot } from '../slot-selection.js';

const usTime = { type: 'string', pattern: '^[0-9]{1,17}$' } as const;

export const captureQuerySchema = {
  type: 'object',
  properties: {
    startTime: { ...usTime, description: 'first packet time captured, µs since the epoch (default: now)' },
    starttime: { ...usTime, description: 'same as startTime' },
    endTime: { type: 'string', pattern: '^([0-9]{1,17}|now)$', description: "packet time that ends the capture, µs since the epoch, or 'now' (with timespan)" },
    endtime: { type: 'string', pattern: '^([0-9]{1,17}|now)$', description: 'same as endTime' },
    timespan: { type: 'integer', minimum: 1, maximum: 315_360_000, description: 'seconds before now, with endTime=now' },
    expression: { type: 'string', maxLength: 4096, description: 'capture filter expression (see the README)' },
    snapPacketLength: { type: 'integer', minimum: 0, maximum: 262_144, description: 'bytes kept per packet (0 or 65535 and more: whole packets)' },
    fromCaptureBuffer: { type: 'boolean', description: 'read the packet ring buffer (not available yet: 501)' },
    captureBufferSlotId: { type: 'integer', minimum: 0, maximum: 64 },
    captureToMedia: { type: 'boolean', description: 'write files under <data-dir>/captures instead of downloading; answers {id, directory} at once' },
    directory: { type: 'string', maxLength: 100, pattern: '^[A-Za-z0-9._-]+$', description: 'captureToMedia: sub-directory of <data-dir>/captures' },
    profile: { type: 'string', maxLength: 64, description: 'a capture profile: snap length by L7 protocol (overrides snapPacketLength where a rule matches)' },
    zip: { type: 'boolean', description: 'download a zip archive (with splitSize: several capture files in it)' },
    splitSize: { type: 'integer', minimum: 0, maximum: 1_000_000, description: 'captureToMedia or zip: start a new file after this many MB (0: never)' },
    splitDuration: { type: 'integer', minimum: 0, maximum: 31_536_000, description: 'captureToMedia: start a new file after this many seconds of packet time (0: never)' },
    useSingleInterface: { type: 'boolean', description: 'pcapng: one interface for all packets' },
    format: { type: 'string', enum: ['pcap', 'pcapng'], description: 'file format (default pcapng)' },
    filename: { type: 'string', maxLength: 200, description: 'download name, strftime wildcards (%Y%m%d_%H%M%S) taken from the start' },
    comment: { type: 'string', maxLength: 2000, description: 'pcapng section comment' },
    deviceInfo: { type: 'boolean', default: true, description: 'add device, slot and filter to the pcapng comment' },
    'mm-id': { type: 'string', maxLength: 128, description: 'analysis slot: [device]:slot' },
  },
} as const;

interface CaptureQuery {
  startTime?: string; starttime?: string; endTime?: string; endtime?: string; timespan?: number;
  expression?: string; snapPacketLength?: number; fromCaptureBuffer?: boolean; captureBufferSlotId?: number;
  captureToMedia?: boolean; useSingleInterface?: boolean; format?: 'pcap' | 'pcapng'; filename?: string;
  comment?: string; deviceInfo?: boolean; 'mm-id'?: string; directory?: string; zip?: boolean; profile?: string; splitSize?: number; splitDuration?: number;
}

interface Window { readonly startUs: number | null; readonly endUs: number | null; readonly nowUs: number }

/** The packet-time window: "now" is the slot's packet clock (the end of its open second). */
function captureWindow(q: CaptureQuery, slot: AnalysisSlot): Window {
  const nowSec = slot.packetTimeSec();
  const nowUs = nowSec === undefined ? Math.floor(Date.now() / 1000) * 1e6 : (nowSec + 1) * 1e6;
  const startText = q.startTime ?? q.starttime;
  const endText = q.endTime ?? q.endtime;
  let startUs = startText === undefined ? null : Number(startText);
  let endUs: number | null = null;
  if (endText === 'now') {
    endUs = nowUs;
    if (startUs === null) {
      if (q.timespan === undefined) throw badParameter('timespan', 'endTime=now needs timespan (seconds) or a startTime');
      startUs = nowUs - q.timespan * 1e6;
    }
  } else if (endText !== undefined) {
    endUs = Number(endText);
  }
  if (startUs !== null && endUs !== null && endUs <= startUs) throw badParameter('endTime', 'endTime must be after startTime');
  return { startUs, endUs, nowUs };
}

function mediaType(format: 'pcap' | 'pcapng'): string {
  return format === 'pcap' ? 'application/vnd.tcpdump.pcap' : 'application/x-pcapng';
}

/** pcapng interface names/descriptions: the file's where it has them, else the slot's name. */
function interfacesOf(source: PacketSource | null, slot: AnalysisSlot): PcapngInterface[] {
  const known = source?.interfaces() ?? [];
  const out: PcapngInterface[] = [];
  for (let id = 0; id < 256; id++) {
    const info = known.find((i) => i.id === id);
    out.push({
      name: info !== undefined && info.name !== '' ? info.name : `if${id}`,
      description: info !== undefined && info.description !== '' ? info.description : `wiremeter slot ${slot.id} (${slot.description}), interface ${id}`,
    });
  }
  return out;
}

function buildTap(options: CaptureTapOptions): CaptureTap {
  try {
    return new CaptureTap(options);
  } catch (err) {
    if (err instanceof FilterSyntaxError) {
      throw new ApiError(400, `bad expression: ${err.message}`, 'expression', { position: err.position, expected: [...err.expected] });
    }
    throw err;
  }
}

export interface CaptureRouteDeps {
  readonly slots: SlotRegistry;
  readonly deviceName: string;
  readonly version: string;
  readonly captures: CaptureManager;
}

async function startDownload(deps: CaptureRouteDeps, request: FastifyRequest<{ Querystring: CaptureQuery }>, reply: FastifyReply): Promise<FastifyReply> {
  const q = request.query;
  const slot = selectSlot(request, q['mm-id'], deps.slots, deps.deviceName);
  if (q.fromCaptureBuffer === true) {
    throw new ApiError(501, 'fromCaptureBuffer: wiremeter has no packet ring buffer yet; captures of a slot analysing a capture file read the past from the file (leave fromCaptureBuffer out), other slots capture from now on', 'fromCaptureBuffer');
  }
  const toDisk = q.captureToMedia === true;
  if (toDisk && deps.captures.captureDir === undefined) throw new ApiError(501, 'captureToMedia: this server has no capture directory', 'captureToMedia');
  if (!toDisk && (q.splitDuration ?? 0) > 0) throw badParameter('splitDuration', 'splitDuration splits captures to disk (captureToMedia=true)');
  if (!toDisk && q.zip !== true && (q.splitSize ?? 0) > 0) throw badParameter('splitSize', 'splitSize splits captures to disk (captureToMedia=true) or in a zip download (zip=true)');
  const expression = q.expression ?? '';
  const window = captureWindow(q, slot);
  const format = q.format ?? 'pcapng';
  const snap = q.snapPacketLength === undefined || q.snapPacketLength >= 65535 ? 0 : q.snapPacketLength;
  const pattern = q.filename ?? `wiremeter_%Y-%m-%d_%H-%M-%S.${format}`;
  const filename = strftime(pattern, (window.startUs ?? Date.now() * 1000) / 1e6);
  if (!isPlainFileName(filename)) throw badParameter('filename', 'filename must be a plain file name (no / \\ " or control characters, at most 200)');
  let snapRules: { l7Protocol: number; snapLength: number }[] = [];
  if (q.profile !== undefined) {
    const profile = deps.captures.db.profile(q.profile);
    if (profile === undefined) throw new ApiError(404, `no capture profile '${q.profile.slice(0, 64)}'`, 'profile');
    snapRules = profile.rules.map((r) => ({ l7Protocol: r.protocol === '*' ? -1 : findProtocol(r.protocol)?.index ?? 0, snapLength: r.snapLength >= 65535 ? 0 : r.snapLength }));
  }
  // Check the expression before opening anything.
  buildTap({ expression, format: 'pcap' }).stop();

  let source: PacketSource | null = null;
  if (slot.captureFile !== undefined) {
    try {
      source = await openForReplay(slot.captureFile);
    } catch {
      source = null; // the file is gone: capture from the live analysis only
    }
  }
  const user = request.principal?.name ?? '';
  const tap = buildTap({
    expression, format, snapLength: snap,
    ...(window.startUs === null ? {} : { startTimeUs: window.startUs }),
    ...(window.endUs === null ? {} : { endTimeUs: window.endUs }),
    linkType: source?.interfaces()[0]?.linkType ?? 1,
    interfaces: interfacesOf(source, slot),
    comment: q.comment ?? '',
    ...(q.deviceInfo === false ? {} : {
      device: { device: deps.deviceName, product: `wiremeter ${deps.version}`, slot: `${slot.id} (${slot.description})`, user },
    }),
    singleInterface: q.useSingleInterface === true,
    snapRules,
    splitBytes: (q.splitSize ?? 0) * 1_000_000,
    splitSeconds: q.splitDuration ?? 0,
  });
  const capture = deps.captures.begin({
    user, clientAddress: request.socket.remoteAddress ?? '', clientPort: request.socket.remotePort ?? 0,
    slot: slot.id, mode: toDisk ? 'disk' : 'http', source: source === null ? 'live' : 'file', format, expression, snapLength: snap,
    startTimeUs: window.startUs, endTimeUs: window.endUs, tap,
  });
  if (capture === undefined) {
    await source?.close();
    throw new ApiError(503, `${deps.captures.maxConcurrent} captures are running already: stop one (DELETE /API/data/modules/capture/current/{id})`);
  }
  const finish = (reason: string): void => {
    slot.captureTaps.remove(tap);
    deps.captures.end(capture, reason);
  };
  const feed = (): void => { feedTap(slot, source, window, capture); };
  if (toDisk) {
    const relative = q.directory ?? '';
    const directory = join(deps.captures.captureDir as string, relative);
    await mkdir(directory, { recursive: true, mode: 0o750 });
    const disk = new DiskCapture(tap, directory, pattern);
    capture.files = disk.files;
    disk.done.then(() => { finish('completed'); }, (err: unknown) => { onReplayError(capture, err); finish('error'); });
    feed();
    return reply.send({ id: capture.id, directory: relative });
  }
  const stream = q.zip === true ? zipTap(tap, filename) : new TapStream(tap);
  stream.once('end', () => { finish('completed'); });
  reply.raw.once('close', () => { finish(tap.finished ? 'completed' : 'client closed'); });
  feed();
  void reply.header('content-disposition', `attachment; filename="${filename}${q.zip === true ? '.zip' : ''}"`);
  void reply.header('x-wiremeter-capture-id', String(capture.id));
  return reply.type(q.zip === true ? 'application/zip' : mediaType(format)).send(stream);
}

/** Live slots: the slot's taps from now on; file slots: the file read again. */
function feedTap(slot: AnalysisSlot, source: PacketSource | null, window: Window, capture: RunningCapture): void {
  const tap = capture.tap;
  if (source === null) {
    // Live data only from now on: a window that has ended already is an empty capture.
    if (window.endUs !== null && window.endUs <= window.nowUs) tap.stop();
    else slot.captureTaps.add(tap);
  } else {
    replayIntoTap(source, tap).catch((err: unknown) => { onReplayError(capture, err); });
  }
}

/** Starts a planned capture to disk on its slot's running analysis (see capture/planned-captures.ts). */
export function launchPlannedCapture(deps: CaptureRouteDeps, plan: Plan): LaunchResult {
  const slot = deps.slots.get(plan.slot);
  if (slot === undefined) return { error: `no analysis slot ${plan.slot}` };
  if (deps.captures.captureDir === undefined) return { error: 'this server has no capture directory' };
  let tap: CaptureTap;
  try {
    tap = new CaptureTap({
      expression: plan.expression, format: plan.format, interfaces: interfacesOf(null, slot),
      device: { device: deps.deviceName, product: `wiremeter ${deps.version}`, slot: `${slot.id} (${slot.description})`, user: plan.user, plan: String(plan.id) },
      splitBytes: plan.splitSize * 1_000_000, splitSeconds: plan.splitDuration,
    });
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
  const capture = deps.captures.begin({
    user: plan.user, clientAddress: 'planned', clientPort: 0, slot: slot.id, mode: 'disk', source: 'live', format: plan.format,
    expression: plan.expression, snapLength: 0, startTimeUs: null, endTimeUs: null, tap,
  });
  if (capture === undefined) return { error: `${deps.captures.maxConcurrent} captures are running already` };
  const directory = join(deps.captures.captureDir, plan.directory);
  mkdirSync(directory, { recursive: true, mode: 0o750 });
  const disk = new DiskCapture(tap, directory, plan.filename);
  capture.files = disk.files;
  const finish = (reason: string): void => {
    slot.captureTaps.remove(tap);
    deps.captures.end(capture, reason);
  };
  disk.done.then(() => { finish('completed'); }, (err: unknown) => { onReplayError(capture, err); finish('error'); });
  slot.captureTaps.add(tap);
  return { id: capture.id, stop: () => { deps.captures.stop(capture.id, 'its schedule'); } };
}

function onReplayError(capture: RunningCapture, err: unknown): void {
  capture.stopReason = `error: ${err instanceof Error ? err.message : String(err)}`;
  capture.tap.stop();
}

export function registerCaptureDownload(app: FastifyInstance, deps: CaptureRouteDeps): void {
  app.get<{ Querystring: CaptureQuery }>('/API/data/modules/capture', {
    config: { access: 'pcap' },
    schema: {
      summary: 'Capture packets: a streamed pcapng (or pcap) download of what the filter selects',
      tags: ['data'],
      querystring: captureQuerySchema,
      response: { 200: { description: 'the capture file, streamed as pcapng/pcap; with captureToMedia=true the JSON {id, directory}' }, 400: errorSchema, 404: errorSchema, 501: errorSchema, 503: errorSchema, ...authErrors },
    },
  }, (request, reply) => startDownload(deps, request, reply));
}
