/**
 * @module api/uploads/upload-routes
 * Pcap upload and analysis over the API, in the appliance's three steps and in one request:
 *   POST /API/system/replay/upload          {fileName, fileSize, replaySlotID, forceSlotID, profile}
 *   POST /API/data/pcap?mm-id=:N            {"command": "start"}
 *   POST /API/system/analyze-pcap?replaySlotID=N   multipart/form-data with the file part
 *   PUT|POST /API/system/analyze-pcap?replaySlotID=N&fileName=…   the raw file as the body
 *                                                    (`curl -T file`, `--data-binary @file`)
 * and the slots (list, one, reset, delete) and analysis profiles (list: any user; write: admin).
 * Uploads need the pcap permission (admins have it). The body is never buffered: it is streamed
 * into the analysis, whose pace is the request's pace (backpressure through the socket).
 */
import { Busboy, type BusboyInstance } from '@fastify/busboy';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { ApiError, badParameter } from '../api-error.js';
import type { SlotRegistry } from '../module-registry.js';
import { anyObjectSchema, authErrors, errorSchema } from '../schemas.js';
import { selectSlot } from '../slot-selection.js';
import { NOT_YET_EFFECTIVE, parseSettings, ProfileError, type AnalysisProfile, type ProfileDb } from './profile-db.js';
import { UPLOAD_LIMITS, type UploadOutcome, type UploadSlots } from './upload-slots.js';

export interface UploadDeps {
  readonly slots: SlotRegistry;
  readonly uploads: UploadSlots;
  readonly profiles: ProfileDb;
  readonly deviceName: string;
}

const errors = { 400: errorSchema, 404: errorSchema, 409: errorSchema, ...authErrors } as const;
const slotIdSchema = { type: 'integer', minimum: 1, maximum: UPLOAD_LIMITS.maxSlots } as const;

interface InitBody { fileName: string; fileSize?: number; replaySlotID?: number; forceSlotID?: boolean; useReplayBuffer?: boolean; profile?: string }
interface AnalyzeQuery { replaySlotID?: number; fileName?: string; fileSize?: number; profile?: string }

function profileOf(deps: UploadDeps, name: string | undefined): AnalysisProfile | null {
  if (name === undefined || name === '') return null;
  const p = deps.profiles.get(name);
  if (p === undefined) throw badParameter('profile', `no analysis profile '${name.slice(0, 64)}'`);
  return p;
}

function profileError(err: unknown): never {
  if (err instanceof ProfileError) throw new ApiError(err.statusCode, err.message, err.parameter);
  throw err;
}

/** The file part of a multipart/form-data request, as a byte stream, with its file name. */
function multipartFile(raw: IncomingMessage): Promise<{ stream: Readable; fileName: string }> {
  return new Promise((resolve, reject) => {
    let bb: BusboyInstance;
    try {
      bb = new Busboy({ headers: { ...raw.headers, 'content-type': raw.headers['content-type'] ?? '' }, limits: { files: 1, fields: 16, fieldSize: 4096, parts: 20 } });
    } catch (err) {
      reject(new ApiError(400, `bad multipart request: ${err instanceof Error ? err.message : String(err)}`));
      return;
    }
    let fileName = '';
    bb.on('field', (name: string, value: string) => { if (name === 'filename' && fileName === '') fileName = value; });
    bb.on('file', (_field: string, stream: Readable, name: string) => { resolve({ stream, fileName: name !== '' ? name : fileName }); });
    bb.on('error', (err: unknown) => { reject(new ApiError(400, `bad multipart request: ${err instanceof Error ? err.message : String(err)}`)); });
    bb.on('finish', () => { reject(new ApiError(400, 'the multipart request has no file part (send it with -F file=@capture.pcap)')); });
    raw.pipe(bb);
  });
}

function answer(reply: FastifyReply, outcome: UploadOutcome): UploadOutcome {
  if (outcome.error !== null) {
    // The rest of a rejected body is not read: close the connection after the answer.
    void reply.header('connection', 'close');
    void reply.code(outcome.notACapture ? 415 : 422);
  }
  return outcome;
}

export function registerUploadRoutes(app: FastifyInstance, deps: UploadDeps): void {
  const { uploads } = deps;

  // Step 1 and 2 take JSON; the appliance's examples send it with `curl -d`, whose content type
  // is application/x-www-form-urlencoded, so that type is read as JSON here too.
  void app.register((scope, _opts, done) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, next) => {
      try {
        next(null, JSON.parse(typeof body === 'string' ? body : body.toString('utf8')) as unknown);
      } catch {
        next(new ApiError(400, 'the body must be JSON'), undefined);
      }
    });
    scope.post<{ Body: InitBody }>('/API/system/replay/upload', {
      config: { access: 'pcap' },
      schema: {
        summary: 'Upload step 1: reserve a slot for a capture file (name, size, slot, profile)', tags: ['upload'],
        body: {
          type: 'object', required: ['fileName'], additionalProperties: false,
          properties: {
            fileName: { type: 'string', minLength: 1, maxLength: 1024 }, fileSize: { type: 'integer', minimum: -1 },
            replaySlotID: slotIdSchema, forceSlotID: { type: 'boolean' }, useReplayBuffer: { type: 'boolean', description: 'accepted; there is no packet ring buffer for uploads yet' },
            profile: { type: 'string', maxLength: 64 },
          },
        },
        response: { 200: anyObjectSchema, ...errors },
      },
    }, (request) => {
      const b = request.body;
      const id = uploads.init({
        fileName: b.fileName, fileSize: b.fileSize ?? -1, profile: profileOf(deps, b.profile),
        ...(b.replaySlotID === undefined ? {} : { slot: b.replaySlotID }), ...(b.forceSlotID === undefined ? {} : { force: b.forceSlotID }),
      });
      return uploads.describe(id);
    });
    scope.post<{ Body: { command: string }; Querystring: { 'mm-id'?: string } }>('/API/data/pcap', {
      config: { access: 'pcap' },
      schema: {
        summary: 'Upload step 2: {"command":"start"} makes the slot (mm-id) accept its file', tags: ['upload'],
        querystring: { type: 'object', properties: { 'mm-id': { type: 'string', maxLength: 80 } } },
        body: { type: 'object', required: ['command'], properties: { command: { type: 'string', enum: ['start'] } } },
        response: { 200: anyObjectSchema, ...errors },
      },
    }, (request) => {
      const slot = selectSlot(request, request.query['mm-id'], deps.slots, deps.deviceName);
      if (slot.id === 0) throw badParameter('mm-id', 'slot 0 is the live slot; uploads go to slots 1 and up');
      uploads.start(slot.id);
      return uploads.describe(slot.id);
    });
    done();
  });

  // Step 3 and the one-request form: the body is a stream, read by the handler, never buffered.
  void app.register((scope, _opts, done) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, next) => { next(null, undefined); });
    const handler = async (request: FastifyRequest<{ Querystring: AnalyzeQuery }>, reply: FastifyReply): Promise<UploadOutcome> => {
      const q = request.query;
      const type = request.headers['content-type'] ?? '';
      const multipart = type.toLowerCase().startsWith('multipart/form-data');
      const declared = q.fileSize ?? (multipart ? -1 : Number(request.headers['content-length'] ?? -1));
      const id = uploads.prepare(q.replaySlotID, q.fileName ?? 'upload', Number.isSafeInteger(declared) ? declared : -1, profileOf(deps, q.profile));
      if (multipart) {
        const file = await multipartFile(request.raw);
        return answer(reply, await uploads.feed(id, file.stream, q.fileName ?? file.fileName));
      }
      return answer(reply, await uploads.feed(id, request.raw, q.fileName));
    };
    const options = {
      config: { access: 'pcap' as const, streamingBody: true },
      schema: {
        summary: 'Upload step 3 (multipart/form-data), or the whole upload in one request (the raw file as the body): analysed while it streams in',
        tags: ['upload'],
        querystring: {
          type: 'object',
          properties: { replaySlotID: slotIdSchema, fileName: { type: 'string', maxLength: 1024 }, fileSize: { type: 'integer', minimum: 0 }, profile: { type: 'string', maxLength: 64 } },
        },
        response: { 200: anyObjectSchema, 415: anyObjectSchema, 422: anyObjectSchema, ...errors },
      },
    };
    scope.post('/API/system/analyze-pcap', options, handler);
    scope.put('/API/system/analyze-pcap', options, handler);
    done();
  });

  app.get('/API/system/analyze-pcap/slots', {
    config: { access: 'user' },
    schema: { summary: 'Upload slots: state, file, size, bytes received, packets, progress, last packet time', tags: ['upload'], response: { 200: anyObjectSchema, ...authErrors } },
  }, () => ({ slots: uploads.list(), maxSlots: UPLOAD_LIMITS.maxSlots }));
  const idParams = { type: 'object', required: ['id'], properties: { id: slotIdSchema } } as const;
  app.get<{ Params: { id: number } }>('/API/system/analyze-pcap/slots/:id', {
    config: { access: 'user' },
    schema: { summary: 'One upload slot', tags: ['upload'], params: idParams, response: { 200: anyObjectSchema, ...errors } },
  }, (request) => uploads.describe(request.params.id));
  app.post<{ Params: { id: number } }>('/API/system/analyze-pcap/slots/:id/reset', {
    config: { access: 'pcap' },
    schema: { summary: 'Stop the slot\'s analysis and forget its statistics; the slot waits for a new file', tags: ['upload'], params: idParams, response: { 200: anyObjectSchema, ...errors } },
  }, async (request) => {
    await uploads.reset(request.params.id);
    return uploads.describe(request.params.id);
  });
  app.delete<{ Params: { id: number } }>('/API/system/analyze-pcap/slots/:id', {
    config: { access: 'pcap' },
    schema: { summary: 'Stop the slot\'s analysis and remove the slot', tags: ['upload'], params: idParams, response: { 200: anyObjectSchema, ...errors } },
  }, async (request) => {
    await uploads.delete(request.params.id);
    return { deleted: request.params.id };
  });

  app.get('/API/system/analysis-profiles', {
    config: { access: 'user' },
    schema: { summary: 'Analysis profiles (settings overrides selectable per upload)', tags: ['upload'], response: { 200: anyObjectSchema, ...authErrors } },
  }, () => ({ profiles: deps.profiles.list(), notYetEffective: NOT_YET_EFFECTIVE }));
  const nameParams = { type: 'object', required: ['name'], properties: { name: { type: 'string', maxLength: 64 } } } as const;
  app.put<{ Params: { name: string }; Body: unknown }>('/API/system/analysis-profiles/:name', {
    config: { access: 'admin' },
    schema: {
      summary: 'Create or replace an analysis profile (admin)', tags: ['upload'], params: nameParams,
      body: {
        type: 'object', additionalProperties: false,
        properties: {
          tunnelView: { type: 'string', enum: ['all', 'outer', 'inner'] },
          vlanHandling: { type: 'string', enum: ['separate', 'ignore'] },
          packetLengthAccounting: { type: 'string', enum: ['wire', 'captured'] },
          detailLevel: { type: 'string', enum: ['full', 'reduced'] },
        },
      },
      response: { 200: anyObjectSchema, ...errors },
    },
  }, (request) => {
    try {
      return deps.profiles.put(request.params.name, parseSettings(request.body));
    } catch (err) {
      return profileError(err);
    }
  });
  app.delete<{ Params: { name: string } }>('/API/system/analysis-profiles/:name', {
    config: { access: 'admin' },
    schema: { summary: 'Delete an analysis profile (admin)', tags: ['upload'], params: nameParams, response: { 200: anyObjectSchema, ...errors } },
  }, (request) => {
    try {
      deps.profiles.delete(request.params.name);
    } catch (err) {
      profileError(err);
    }
    return { deleted: request.params.name };
  });
}
