/**
 * Tests of the pcap and pcapng writers: corpus packets written out and read back with wiremeter's
 * reader (same bytes, lengths, times, link types; pcapng: interfaces, snap length) and, where
 * installed, with tshark and capinfos (frame count, the comment with device info and the filter).
 * Without those tools the external checks are skipped with the reason printed.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openCaptureFile } from '../source/index.js';
import { pcapPath } from '../../test/support/paths.js';
import type { CapturePacket } from './packet.js';
import { PcapWriter } from './pcap-writer.js';
import { captureComment, PcapngWriter } from './pcapng-writer.js';

interface Copied extends CapturePacket { readonly bytes: string }

async function readAll(path: string): Promise<{ packets: Copied[]; interfaces: number }> {
  const src = await openCaptureFile(path);
  const packets: Copied[] = [];
  for await (const b of src) {
    for (let i = 0; i < b.count; i++) {
      const start = b.offset[i] as number, capLen = b.capLen[i] as number;
      const data = b.data.slice(start, start + capLen);
      packets.push({ data, start: 0, capLen, origLen: b.origLen[i] as number, tsSec: b.tsSec[i] as number, tsNsec: b.tsNsec[i] as number,
        linkType: b.linkType[i] as number, interfaceId: b.interfaceId[i] as number, bytes: Buffer.from(data).toString('hex') });
    }
  }
  const interfaces = src.interfaces().length;
  await src.close();
  return { packets, interfaces };
}

function collect(): { sink: (c: Uint8Array) => void; bytes: () => Uint8Array } {
  const chunks: Uint8Array[] = [];
  return { sink: (c) => chunks.push(c), bytes: () => Buffer.concat(chunks) };
}

function tool(name: string): boolean {
  try {
    execFileSync(name, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'wiremeter-capture-'));
process.on('exit', () => {
  rmSync(dir, { recursive: true, force: true });
});

const strip = (p: Copied): unknown => ({ bytes: p.bytes, capLen: p.capLen, origLen: p.origLen, tsSec: p.tsSec, tsNsec: p.tsNsec, linkType: p.linkType });

test('pcap: corpus packets read back identical (nanosecond times), snap length cuts, other link types refused', async () => {
  const { packets } = await readAll(pcapPath('zeek_wikipedia.pcap'));
  const c = collect();
  const w = new PcapWriter(c.sink, { linkType: 1 });
  for (const p of packets) assert.equal(w.write(p), true);
  assert.equal(w.write({ ...(packets[0] as Copied), linkType: 101 }), false);
  w.flush();
  assert.equal(w.skippedLinkType, 1);
  const file = join(dir, 'out.pcap');
  writeFileSync(file, c.bytes());
  assert.equal(w.bytes, c.bytes().length);
  const back = await readAll(file);
  assert.deepEqual(back.packets.map(strip), packets.map(strip));

  const s = collect();
  const cut = new PcapWriter(s.sink, { linkType: 1, snapLength: 64 });
  for (const p of packets) cut.write(p);
  cut.flush();
  writeFileSync(join(dir, 'cut.pcap'), s.bytes());
  const cutBack = await readAll(join(dir, 'cut.pcap'));
  assert.deepEqual(cutBack.packets.map((p) => [p.capLen, p.origLen]), packets.map((p) => [Math.min(p.capLen, 64), p.origLen]));
  assert.ok(cutBack.packets.every((p, i) => packets[i]?.bytes.startsWith(p.bytes)));
});

test('pcapng: several interfaces and link types, comment, read back identical', async () => {
  const { packets, interfaces } = await readAll(pcapPath('pcapplusplus_many_interfaces-1.pcapng'));
  assert.ok(interfaces > 1);
  const c = collect();
  const comment = captureComment('weekly check', { device: 'wiremeter-test', version: '0.1.0' }, 'ip == 10.0/16 and port == 53');
  const w = new PcapngWriter(c.sink, { comment, hardware: 'test box', os: 'Linux', interfaces: [{ name: 'eth0', description: 'uplink' }] });
  for (const p of packets) w.write(p);
  w.flush();
  const file = join(dir, 'out.pcapng');
  writeFileSync(file, c.bytes());
  const back = await readAll(file);
  assert.deepEqual(back.packets.map(strip), packets.map(strip));
  assert.equal(back.interfaces, w.interfaceCount);
  assert.ok(w.interfaceCount >= 2);

  if (!tool('capinfos')) {
    console.log('# capinfos not installed: external pcapng check skipped');
  } else {
    const info = execFileSync('capinfos', ['-c', '-k', file], { encoding: 'utf8' });
    assert.match(info, new RegExp(`Number of packets:\\s+${packets.length}\\b`));
    assert.match(info, /capture filter: ip == 10\.0\/16 and port == 53/);
    assert.match(info, /device: wiremeter-test/);
  }
  if (!tool('tshark')) {
    console.log('# tshark not installed: external pcapng check skipped');
  } else {
    const lines = execFileSync('tshark', ['-n', '-r', file, '-T', 'fields', '-e', 'frame.len', '-e', 'frame.interface_id'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .trim().split('\n');
    assert.equal(lines.length, packets.length);
    assert.deepEqual(lines.map((l) => Number(l.split('\t')[0])), packets.map((p) => p.origLen));
  }
});

test('pcapng: single interface, snap length, nanosecond timestamps exact', async () => {
  const { packets } = await readAll(pcapPath('tcpdump_tcp-handshake-nano.pcap'));
  const c = collect();
  const w = new PcapngWriter(c.sink, { singleInterface: true, snapLength: 40 });
  for (const p of packets) w.write({ ...p, interfaceId: 3 });
  w.write({ ...(packets[0] as Copied), tsSec: 4_102_444_800, tsNsec: 999_999_999 });
  w.flush();
  assert.equal(w.interfaceCount, 1);
  writeFileSync(join(dir, 'single.pcapng'), c.bytes());
  const back = await readAll(join(dir, 'single.pcapng'));
  assert.deepEqual(back.packets.map((p) => [p.interfaceId, p.capLen, p.tsSec, p.tsNsec]),
    [...packets.map((p) => [0, Math.min(40, p.capLen), p.tsSec, p.tsNsec]), [0, Math.min(40, packets[0]?.capLen ?? 0), 4_102_444_800, 999_999_999]]);
  if (tool('tshark')) {
    const t = execFileSync('tshark', ['-r', join(dir, 'single.pcapng'), '-T', 'fields', '-e', 'frame.time_epoch'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n');
    assert.equal(t[t.length - 1], '4102444800.999999999');
  }
});
