/**
 * Pcap uploads over real HTTPS with the real curl: the appliance's three steps (JSON init with
 * `curl -d`, start, multipart `curl -F`) and the one-request form (`curl -T`), slots listed,
 * reset and deleted, progress seen by another client while the body is still arriving, a
 * truncated upload, a non-capture, analysis profiles, and who may do what. The numbers are
 * checked against `analyze` of the same files.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { analyzeFile } from '../../src/analysis/analyze-file.js';
import { SlotRegistry } from '../../src/api/module-registry.js';
import { createServer, type RunningServer } from '../../src/api/server.js';
import { pcapPath } from '../support/paths.js';

const run = promisify(execFile);
const SAMPLE = pcapPath('pcapplusplus_many-protocols.pcap');
const TUNNEL = pcapPath('ndpi_6in4tunnel.pcap');
const VLAN = pcapPath('zeek_icmp_dot1q.pcap');
const ADMIN = 'admin:upload-test-password';
type Json = Record<string, unknown>;

let server: RunningServer, dataDir: string, samplePackets: number, sampleIps: number;

async function curl(args: readonly string[]): Promise<{ status: number; body: Json }> {
  const { stdout } = await run('curl', ['--silent', '-k', '-w', '\n%{http_code}', ...args], { maxBuffer: 16 << 20 });
  const cut = stdout.lastIndexOf('\n');
  const text = stdout.slice(0, cut);
  return { status: Number(stdout.slice(cut + 1)), body: text === '' ? {} : (JSON.parse(text) as Json) };
}

const get = async (path: string, user = ADMIN): Promise<{ status: number; body: Json }> => curl(['-u', user, server.url + path]);

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'wm-upload-'));
  server = await createServer({ dataDir, port: 0, adminPassword: 'upload-test-password', slots: new SlotRegistry(), uploadMemoryBudgetBytes: 64 * 2 ** 20 });
  const sample = await analyzeFile(SAMPLE);
  samplePackets = sample.summary.packets;
  sampleIps = sample.summary.ips.live;
  for (const [name, pcap] of [['reader', false], ['uploader', true]] as const) {
    const r = await curl(['-u', ADMIN, '-H', 'content-type: application/json', '-d', JSON.stringify({ name, password: 'a-long-password-1', role: 'user' }), `${server.url}/API/system/users`]);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    if (pcap) await curl(['-u', ADMIN, '-X', 'PATCH', '-H', 'content-type: application/json', '-d', '{"pcap":true}', `${server.url}/API/system/users/${name}`]);
  }
});

after(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('three steps as in the appliance\'s example: init (curl -d), start, multipart (curl -F)', async () => {
  const size = readFileSync(SAMPLE).length;
  const init = await curl(['-u', ADMIN, `${server.url}/API/system/replay/upload`, '-d', JSON.stringify({ fileName: 'abc.pcap', fileSize: size, replaySlotID: 1, forceSlotID: true, useReplayBuffer: true })]);
  assert.equal(init.status, 200, JSON.stringify(init.body));
  assert.equal(init.body.state, 'initialised');
  const start = await curl(['-u', ADMIN, `${server.url}/API/data/pcap?mm-id=:1`, '-d', '{"command":"start"}']);
  assert.equal(start.status, 200, JSON.stringify(start.body));
  assert.equal(start.body.state, 'started');
  const up = await curl(['-F', 'name=file', '-F', 'filename=abc.pcap', '-F', `file=@${SAMPLE}`, '-u', ADMIN, `${server.url}/API/system/analyze-pcap?replaySlotID=1`]);
  assert.equal(up.status, 200, JSON.stringify(up.body));
  assert.equal(up.body.state, 'done');
  assert.equal((up.body.processing as Json).packets, samplePackets);
  const processing = (await get('/API/stats/processing?mm-id=:1')).body;
  assert.equal(processing.packets, samplePackets);
  assert.equal(processing.state, 'done');
  assert.equal((processing.source as Json).bytesReceived, size);
  const ips = (await get('/API/stats/modules/ip/ips_paged?mm-id=:1&count=1')).body;
  assert.equal(ips.unfilteredCount, sampleIps);
  // Statistics show the recording's time, not now.
  const time = (await get('/API/stats/time?mm-id=:1')).body;
  assert.ok(typeof time.lastPacketTime === 'number' && time.lastPacketTime < 1.6e9, `recording time: ${String(time.lastPacketTime)}`);
  assert.equal(processing.lastPacketTime, time.lastPacketTime);
});

test('one request: curl -T file, into the lowest free slot', async () => {
  const up = await curl(['-u', ADMIN, '-T', SAMPLE, `${server.url}/API/system/analyze-pcap?fileName=one.pcap`]);
  assert.equal(up.status, 200, JSON.stringify(up.body));
  assert.equal(up.body.slot, 2);
  assert.equal((up.body.processing as Json).packets, samplePackets);
  const bin = await curl(['-u', ADMIN, '--data-binary', `@${SAMPLE}`, '-H', 'content-type: application/octet-stream', `${server.url}/API/system/analyze-pcap?replaySlotID=3&fileName=bin.pcap`]);
  assert.equal(bin.status, 200, JSON.stringify(bin.body));
  assert.equal((bin.body.processing as Json).packets, samplePackets);
});

test('slots: listed, reset, deleted', async () => {
  const list = (await get('/API/system/analyze-pcap/slots', 'reader:a-long-password-1')).body;
  const slots = list.slots as Json[];
  assert.deepEqual(slots.map((s) => [s.id, s.state, s.packets]), [[1, 'done', samplePackets], [2, 'done', samplePackets], [3, 'done', samplePackets]]);
  const info = (await get('/API/system/info')).body;
  assert.deepEqual((info.slots as Json[]).map((s) => s.id), [0, 1, 2, 3]);
  const reset = await curl(['-u', ADMIN, '-X', 'POST', `${server.url}/API/system/analyze-pcap/slots/3/reset`]);
  assert.equal(reset.status, 200, JSON.stringify(reset.body));
  assert.equal(reset.body.state, 'initialised');
  assert.equal((await get('/API/stats/processing?mm-id=:3')).body.state, 'idle');
  const del = await curl(['-u', ADMIN, '-X', 'DELETE', `${server.url}/API/system/analyze-pcap/slots/3`]);
  assert.equal(del.status, 200);
  assert.equal((await get('/API/stats/time?mm-id=:3')).status, 404);
  assert.equal((await get('/API/system/analyze-pcap/slots/3')).status, 404);
  // Slot 1 still has its statistics.
  assert.equal((await get('/API/stats/processing?mm-id=:1')).body.packets, samplePackets);
});

test('progress is visible to any client while the body is still arriving', async () => {
  const file = readFileSync(SAMPLE);
  const half = Math.floor(file.length / 2);
  const init = await curl(['-u', ADMIN, `${server.url}/API/system/replay/upload`, '-d', JSON.stringify({ fileName: 'slow.pcap', fileSize: file.length, replaySlotID: 4 })]);
  assert.equal(init.status, 200);
  const answer = new Promise<{ status: number; body: Json }>((resolve, reject) => {
    const req = httpsRequest(`${server.url}/API/system/analyze-pcap?replaySlotID=4`, {
      method: 'PUT', ca: server.tls?.cert ?? '', headers: { authorization: `Basic ${Buffer.from(ADMIN).toString('base64')}`, 'content-type': 'application/octet-stream', 'content-length': file.length },
    }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => { text += d.toString(); });
      res.on('end', () => { resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Json }); });
    });
    req.on('error', reject);
    req.write(file.subarray(0, half));
    void (async () => {
      let slot: Json = {};
      for (let i = 0; i < 100; i++) {
        slot = (await get('/API/system/analyze-pcap/slots/4', 'reader:a-long-password-1')).body;
        if (slot.bytesReceived === half) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      try {
        assert.equal(slot.state, 'analysing');
        assert.equal(slot.bytesReceived, half);
        assert.equal(slot.progress, Math.round((half / file.length) * 1000) / 1000);
        const p = (await get('/API/stats/processing?mm-id=:4', 'reader:a-long-password-1')).body;
        assert.equal(p.state, 'analysing');
        assert.equal(p.bytesTotal, file.length);
        assert.equal(p.bytesRead, half);
        assert.equal(p.progress, slot.progress);
      } catch (err) {
        req.destroy();
        reject(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      req.end(file.subarray(half));
    })();
  });
  const done = await answer;
  assert.equal(done.status, 200, JSON.stringify(done.body));
  assert.equal((done.body.processing as Json).packets, samplePackets);
});

test('a truncated upload and a wrong size end with a clear error and keep what was analysed', async () => {
  const file = readFileSync(SAMPLE);
  const cut = join(dataDir, 'cut.pcap');
  writeFileSync(cut, file.subarray(0, 1_000_000));
  // The capture ends inside a record: the upload is complete but the capture is truncated.
  const trunc = await curl(['-u', ADMIN, '-T', cut, `${server.url}/API/system/analyze-pcap?replaySlotID=5&fileName=cut.pcap`]);
  assert.equal(trunc.status, 422, JSON.stringify(trunc.body));
  assert.match(String(trunc.body.error), /truncat|ends/i);
  const kept = (trunc.body.processing as Json).packets as number;
  assert.ok(kept > 0 && kept < samplePackets, `kept ${kept}`);
  assert.equal((await get('/API/stats/processing?mm-id=:5')).body.packets, kept);
  // Declared larger than what arrives.
  const short = await curl(['-u', ADMIN, '-T', cut, `${server.url}/API/system/analyze-pcap?replaySlotID=6&fileName=short.pcap&fileSize=${file.length}`]);
  assert.equal(short.status, 422, JSON.stringify(short.body));
  assert.match(String(short.body.error), new RegExp(`1000000 of its declared ${file.length} bytes`));
  assert.ok(((short.body.processing as Json).packets as number) > 0);
});

test('a client that breaks off mid-upload leaves a failed slot with what arrived analysed', async () => {
  const file = readFileSync(SAMPLE);
  const req = httpsRequest(`${server.url}/API/system/analyze-pcap?replaySlotID=6&fileName=gone.pcap`, {
    method: 'PUT', ca: server.tls?.cert ?? '', headers: { authorization: `Basic ${Buffer.from(ADMIN).toString('base64')}`, 'content-length': file.length },
  });
  req.on('error', () => undefined);
  req.write(file.subarray(0, 2_000_000));
  let slot: Json = {};
  for (let i = 0; i < 100 && slot.bytesReceived !== 2_000_000; i++) {
    await new Promise((r) => setTimeout(r, 50));
    slot = (await get('/API/system/analyze-pcap/slots/6')).body;
  }
  req.destroy();
  for (let i = 0; i < 100 && slot.state === 'analysing'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    slot = (await get('/API/system/analyze-pcap/slots/6')).body;
  }
  assert.equal(slot.state, 'failed');
  assert.match(String(slot.error), /abort|reset|closed|ended/i);
  assert.ok((slot.packets as number) > 0 && (slot.packets as number) < samplePackets, `packets ${String(slot.packets)}`);
});

test('a file that is not a capture is refused with a clear error', async () => {
  const text = join(dataDir, 'notes.txt');
  writeFileSync(text, 'these are not packets\n'.repeat(100));
  const r = await curl(['-u', ADMIN, '-T', text, `${server.url}/API/system/analyze-pcap?replaySlotID=7&fileName=notes.txt`]);
  assert.equal(r.status, 415, JSON.stringify(r.body));
  assert.match(String(r.body.error), /not a (pcap|capture)|unknown|format/i);
  const slot = (await get('/API/system/analyze-pcap/slots/7')).body;
  assert.equal(slot.state, 'failed');
  assert.equal((await get('/API/stats/processing?mm-id=:7')).body.state, 'failed');
});

test('analysis profiles: admins write them, anyone reads them, uploads select them (tunnel view)', async () => {
  const denied = await curl(['-u', 'uploader:a-long-password-1', '-X', 'PUT', '-H', 'content-type: application/json', '-d', '{"tunnelView":"outer"}', `${server.url}/API/system/analysis-profiles/outer-only`]);
  assert.equal(denied.status, 403);
  const put = await curl(['-u', ADMIN, '-X', 'PUT', '-H', 'content-type: application/json', '-d', '{"tunnelView":"outer","vlanHandling":"ignore"}', `${server.url}/API/system/analysis-profiles/outer-only`]);
  assert.equal(put.status, 200, JSON.stringify(put.body));
  const bad = await curl(['-u', ADMIN, '-X', 'PUT', '-H', 'content-type: application/json', '-d', '{"tunnelView":"sideways"}', `${server.url}/API/system/analysis-profiles/x`]);
  assert.equal(bad.status, 400);
  const list = (await get('/API/system/analysis-profiles', 'reader:a-long-password-1')).body;
  assert.deepEqual((list.profiles as Json[]).map((p) => [p.name, p.settings]), [['outer-only', { tunnelView: 'outer', vlanHandling: 'ignore' }]]);
  assert.deepEqual(list.notYetEffective, []);

  const all = (await analyzeFile(TUNNEL)).summary.ips.live;
  const outer = (await analyzeFile(TUNNEL, { tunnelView: 'outer' })).summary.ips.live;
  assert.ok(outer < all, `the capture has tunnelled addresses (${outer} < ${all})`);
  const up = await curl(['-u', 'uploader:a-long-password-1', '-T', TUNNEL, `${server.url}/API/system/analyze-pcap?replaySlotID=8&fileName=tunnel.pcap&profile=outer-only`]);
  assert.equal(up.status, 200, JSON.stringify(up.body));
  assert.equal(((up.body.processing as Json).source as Json).profile, 'outer-only');
  assert.equal((await get('/API/stats/modules/ip/ips_paged?mm-id=:8&count=1')).body.unfilteredCount, outer);
  const unknown = await curl(['-u', ADMIN, '-T', TUNNEL, `${server.url}/API/system/analyze-pcap?replaySlotID=8&profile=nope`]);
  assert.equal(unknown.status, 400);
});

test('profiles: VLAN handling "ignore" analyses tagged frames as untagged; detail level "reduced" runs the L2–L4 modules only', async () => {
  for (const [name, settings] of [['no-vlans', { vlanHandling: 'ignore' }], ['l2-l4', { detailLevel: 'reduced' }]] as const) {
    const put = await curl(['-u', ADMIN, '-X', 'PUT', '-H', 'content-type: application/json', '-d', JSON.stringify(settings), `${server.url}/API/system/analysis-profiles/${name}`]);
    assert.equal(put.status, 200, JSON.stringify(put.body));
  }
  const upload = async (profile: string | null, path = VLAN): Promise<void> => {
    const r = await curl(['-u', 'uploader:a-long-password-1', '-T', path, `${server.url}/API/system/analyze-pcap?replaySlotID=2&fileName=x.pcap${profile === null ? '' : `&profile=${profile}`}`]);
    assert.equal(r.status, 200, JSON.stringify(r.body));
  };
  const expected = (await analyzeFile(VLAN)).summary;
  await upload(null);
  const tagged = (await get('/API/stats/modules/vlan?mm-id=:2')).body;
  assert.equal(tagged.vlans, 1);
  assert.equal(tagged.taggedPackets, expected.packets, 'every frame of the capture is tagged');
  await upload('no-vlans');
  const ignored = (await get('/API/stats/modules/vlan?mm-id=:2')).body;
  assert.deepEqual([ignored.vlans, ignored.taggedPackets, ignored.untaggedPackets], [0, 0, expected.packets]);
  assert.equal((await get('/API/stats/processing?mm-id=:2')).body.packets, expected.packets);
  assert.equal((await get('/API/stats/modules/ip/ips_paged?mm-id=:2&count=1')).body.unfilteredCount, expected.ips.live, 'addresses are counted as before');

  const modulesOf = async (): Promise<string[]> => (((await get('/API/system/info')).body.slots as Json[]).find((s) => s.id === 2)?.modules as string[]);
  await upload(null, SAMPLE);
  const full = await modulesOf();
  await upload('l2-l4', SAMPLE);
  const reduced = await modulesOf();
  assert.ok(full.includes('dns') && full.includes('http') && full.includes('ip'), full.join(','));
  assert.ok(!reduced.includes('dns') && !reduced.includes('http') && !reduced.includes('dpi') && reduced.includes('ip') && reduced.includes('tcp'), reduced.join(','));
  assert.ok(reduced.length < full.length);
  assert.equal((await get('/API/stats/processing?mm-id=:2')).body.packets, samplePackets);
  assert.equal((await get('/API/stats/modules/ip/ips_paged?mm-id=:2&count=1')).body.unfilteredCount, sampleIps);
  assert.equal((await get('/API/stats/modules/dns?mm-id=:2')).status, 404);
});

test('authorization: uploads and slot changes need the pcap permission', async () => {
  const reader = 'reader:a-long-password-1';
  assert.equal((await curl(['-u', reader, `${server.url}/API/system/replay/upload`, '-d', '{"fileName":"a.pcap","fileSize":10}'])).status, 403);
  assert.equal((await curl(['-u', reader, '-T', TUNNEL, `${server.url}/API/system/analyze-pcap`])).status, 403);
  assert.equal((await curl(['-u', reader, '-X', 'DELETE', `${server.url}/API/system/analyze-pcap/slots/1`])).status, 403);
  assert.equal((await curl(['-u', reader, '-X', 'POST', `${server.url}/API/system/analyze-pcap/slots/1/reset`])).status, 403);
  assert.equal((await curl(['-T', TUNNEL, `${server.url}/API/system/analyze-pcap`])).status, 401);
  assert.equal((await get('/API/stats/processing?mm-id=:1')).body.packets, samplePackets);
});
