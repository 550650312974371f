/**
 * @module api/routes/capture-files
 * The files captures to disk wrote (pcap permission): GET /API/data/modules/capture/files lists
 * them (path relative to `<data-dir>/captures`, bytes, modification time), GET `files/<path>`
 * downloads one (streamed), DELETE `files/<path>` removes one. Paths stay inside the capture
 * directory: `..`, absolute paths and anything that is not a regular file are refused.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat, unlink } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { CaptureManager } from '../../capture/capture-manager.js';
import { ApiError } from '../api-error.js';
import { authErrors, errorSchema } from '../schemas.js';

const tags = ['data'];

interface FileEntry { path: string; bytes: number; modified: number }

async function walk(root: string, dir: string, depth: number, out: FileEntry[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory() && depth < 4) await walk(root, full, depth + 1, out);
    else if (e.isFile()) {
      const s = await stat(full);
      out.push({ path: relative(root, full).split(sep).join('/'), bytes: s.size, modified: s.mtimeMs / 1000 });
    }
  }
}

/** The absolute path of `rel` inside `root`, or a 400/404. */
async function inside(root: string, rel: string): Promise<string> {
  const full = resolve(root, rel);
  if (rel === '' || rel.includes('\0') || !full.startsWith(resolve(root) + sep)) throw new ApiError(400, 'not a path inside the capture directory', 'path');
  const s = await stat(full).catch(() => null);
  if (s?.isFile() !== true) throw new ApiError(404, `no capture file '${rel.slice(0, 200)}'`);
  return full;
}

export function registerCaptureFiles(app: FastifyInstance, captures: CaptureManager): void {
  const base = '/API/data/modules/capture/files';
  const rootOf = (): string => {
    if (captures.captureDir === undefined) throw new ApiError(501, 'this server has no capture directory');
    return captures.captureDir;
  };
  app.get(base, {
    config: { access: 'pcap' },
    schema: {
      summary: 'Files written by captures to disk', tags,
      response: { 200: { type: 'object', required: ['files'], properties: { files: { type: 'array', items: { type: 'object', required: ['path', 'bytes', 'modified'], properties: { path: { type: 'string' }, bytes: { type: 'integer' }, modified: { type: 'number' } } } } } }, 501: errorSchema, ...authErrors },
    },
  }, async () => {
    const root = rootOf();
    const files: FileEntry[] = [];
    await walk(root, root, 0, files);
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { files };
  });
  app.get<{ Params: { '*': string } }>(`${base}/*`, {
    config: { access: 'pcap' },
    schema: { summary: 'Download a file written by a capture to disk', tags, response: { 200: { description: 'the file' }, 400: errorSchema, 404: errorSchema, 501: errorSchema, ...authErrors } },
  }, async (request, reply) => {
    const full = await inside(rootOf(), request.params['*']);
    void reply.header('content-disposition', `attachment; filename="${basename(full).replace(/"/g, '')}"`);
    return reply.type('application/octet-stream').send(createReadStream(full));
  });
  app.delete<{ Params: { '*': string } }>(`${base}/*`, {
    config: { access: 'pcap' },
    schema: { summary: 'Delete a file written by a capture to disk', tags, response: { 200: { type: 'object', required: ['deleted'], properties: { deleted: { type: 'integer' } } }, 400: errorSchema, 404: errorSchema, 501: errorSchema, ...authErrors } },
  }, async (request) => {
    await unlink(await inside(rootOf(), request.params['*']));
    return { deleted: 1 };
  });
}
