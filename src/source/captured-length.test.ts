import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { pcapPath } from '../../test/support/paths.js';
import { analyzeSource } from '../analysis/analyze-file.js';
import { CapturedLengthSource } from './captured-length.js';
import { openCaptureFile } from './index.js';

// 24 of its frames are cut by the snap length (tshark: frame.cap_len < frame.len).
const FILE = pcapPath('zeek_tcp_truncated-header.pcap');

test('captured-length accounting counts the bytes the capture holds', async () => {
  let wire = 0, captured = 0;
  const source = await openCaptureFile(FILE);
  for await (const b of source) {
    for (let i = 0; i < b.count; i++) {
      wire += b.origLen[i] ?? 0;
      captured += b.capLen[i] ?? 0;
    }
  }
  assert.ok(captured < wire);
  const asWire = await analyzeSource(await openCaptureFile(FILE));
  const asCaptured = await analyzeSource(new CapturedLengthSource(await openCaptureFile(FILE)));
  assert.equal(asWire.summary.bytes, wire);
  assert.equal(asCaptured.summary.bytes, captured);
  assert.equal(asCaptured.summary.packets, asWire.summary.packets);
});
