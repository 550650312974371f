import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { CaptureFileError, ErrorCode } from '../core/errors.js';
import { pcapPath, repoRoot } from '../../test/support/paths.js';
import { buildPcap, patternBytes } from '../../test/conformance/capture-builder.js';
import { chunksOf, collect } from '../../test/conformance/collect.js';
import { openCaptureFile, openCaptureStream } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'wm-source-open-'));
after(() => { rmSync(dir, { recursive: true, force: true }); });

function writeTemp(name: string, bytes: Uint8Array | string): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

async function rejection(p: Promise<unknown>): Promise<CaptureFileError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof CaptureFileError, String(err));
    return err;
  }
  assert.fail('expected a rejection');
}

test('not a capture: SourceFormat naming the first bytes, with a hint for known formats', async () => {
  const json = await rejection(openCaptureFile(join(repoRoot, 'package.json')));
  assert.equal(json.code, ErrorCode.SourceFormat);
  assert.match(json.message, /not a pcap or pcapng capture: first bytes 7b 0a 20 20 22 6e 61 6d \(at byte offset 0/);
  const zstd = await rejection(openCaptureFile(writeTemp('x.zst', Uint8Array.of(0x28, 0xb5, 0x2f, 0xfd, 0, 0))));
  assert.match(zstd.message, /zstd-compressed data \(only gzip compression is read\)/);
  const empty = await rejection(openCaptureFile(writeTemp('empty', '')));
  assert.equal(empty.code, ErrorCode.SourceFormat);
  assert.match(empty.message, /the input is empty/);
  const short = await rejection(openCaptureFile(writeTemp('short', Uint8Array.of(0xd4, 0xc3))));
  assert.equal(short.code, ErrorCode.SourceTruncated);
});

test('a file that cannot be opened or read: SourceIo', async () => {
  const missing = await rejection(openCaptureFile(join(dir, 'does-not-exist.pcap')));
  assert.equal(missing.code, ErrorCode.SourceIo);
  assert.match(missing.message, /cannot open .*does-not-exist\.pcap: ENOENT/);
  const sub = join(dir, 'a-directory');
  mkdirSync(sub);
  const isDir = await rejection(openCaptureFile(sub));
  assert.equal(isDir.code, ErrorCode.SourceIo);
});

test('options are checked', async () => {
  await assert.rejects(openCaptureFile(pcapPath('zeek_icmp_dot1q.pcap'), { chunkBytes: 0 }), RangeError);
  await assert.rejects(openCaptureFile(pcapPath('zeek_icmp_dot1q.pcap'), { chunkBytes: 1.5 }), RangeError);
});

test('a source is iterated once; close() before, during and after iteration', async () => {
  const s = await openCaptureFile(pcapPath('zeek_wikipedia.pcap'), { chunkBytes: 2000 });
  let batches = 0;
  for await (const b of s) {
    assert.ok(b.count > 0);
    batches++;
    await s.close();
  }
  assert.equal(batches, 1, 'closing during iteration ends it after the current batch');
  await s.close();
  assert.throws(() => s[Symbol.asyncIterator](), /iterated only once/);
  const early = await openCaptureFile(pcapPath('zeek_wikipedia.pcap'));
  await early.close();
  await early.close();
  const r = await collect(early);
  assert.deepEqual([r.packets.length, r.error], [0, null]);
});

test('openCaptureStream: any async iterable of chunks, progress against totalBytes', async () => {
  const bytes = readFileSync(pcapPath('zeek_wikipedia.pcap'));
  const s = await openCaptureStream(chunksOf(bytes, 333), 'upload', bytes.length);
  assert.deepEqual([s.name, s.format], ['upload', 'pcap']);
  assert.deepEqual(s.progress(), { bytesRead: 333, bytesTotal: bytes.length, packets: 0 });
  const r = await collect(s);
  assert.equal(r.packets.length, 136);
  assert.deepEqual(s.progress(), { bytesRead: bytes.length, bytesTotal: bytes.length, packets: 136 });
  const unknown = await openCaptureStream(chunksOf(bytes, 4096), 'pipe');
  assert.equal(unknown.progress().bytesTotal, -1);
  await unknown.close();
});

test('a stream that fails: the packets before, then SourceIo naming the cause', async () => {
  const bytes = readFileSync(pcapPath('zeek_wikipedia.pcap'));
  async function* failing(): AsyncGenerator<Uint8Array> {
    yield bytes.subarray(0, 5000);
    await sleep(1);
    throw new Error('connection reset by peer');
  }
  const r = await collect(await openCaptureStream(failing(), 'upload'));
  assert.ok(r.packets.length > 0);
  assert.equal(r.error?.code, ErrorCode.SourceIo);
  assert.match(r.error.message, /read error: connection reset by peer/);
});

test('a FIFO (a live capture writing pcap to a pipe): packets come out while the writer still writes', { timeout: 20_000 }, async () => {
  const fifo = join(dir, 'live.pcap');
  execFileSync('mkfifo', [fifo]);
  const header = buildPcap({ records: [] });
  const rec = (i: number): Uint8Array => buildPcap({ records: [{ sec: 1000 + i, frac: 0, data: patternBytes(60, i) }] }).subarray(24);
  const writer = createWriteStream(fifo);
  const writes = (async () => {
    writer.write(header);
    writer.write(rec(0));
    await sleep(300);
    writer.write(rec(1));
    await new Promise<void>((resolve) => writer.end(resolve));
  })();
  const source = await openCaptureFile(fifo);
  const seen: number[] = [];
  const started = Date.now();
  let firstAfterMs = -1;
  for await (const b of source) {
    for (let i = 0; i < b.count; i++) seen.push(b.tsSec[i] ?? 0);
    if (firstAfterMs < 0) firstAfterMs = Date.now() - started;
  }
  await writes;
  assert.deepEqual(seen, [1000, 1001]);
  assert.ok(firstAfterMs < 250, `first packet after ${firstAfterMs} ms: must not wait for the writer to finish`);
  assert.equal(source.progress().bytesTotal, -1);
});
