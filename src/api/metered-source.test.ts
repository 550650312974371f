/**
 * @module api/metered-source.test
 * The busy share of one analysis: time spent between getting a batch and asking for the next.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { openCaptureFile } from '../source/index.js';
import { pcapPath } from '../../test/support/paths.js';
import { MeteredSource } from './metered-source.js';

test('busy time is booked per wall second and the batches are passed through', async () => {
  const inner = await openCaptureFile(pcapPath('pcapplusplus_many-protocols.pcap'), { chunkBytes: 64 * 1024 });
  const metered = new MeteredSource(inner);
  let packets = 0;
  const started = Date.now();
  for await (const batch of metered) {
    packets += batch.count;
    const until = Date.now() + 20;
    while (Date.now() < until) { /* a slow analysis: 20 ms per batch */ }
  }
  assert.equal(packets, 4709);
  assert.ok(metered.batches >= 40, `${metered.batches} batches`);
  const elapsedMs = Date.now() - started;
  const busyMs = metered.batches * 20;
  assert.ok(elapsedMs < 4000, `the loop took ${elapsedMs} ms`);
  // Asked 5 s after the second it started in: those 5 full seconds hold all of it — at least the
  // 20 ms per batch, at most the whole loop's wall time.
  const share = metered.busyPercent(Math.floor(started / 1000) * 1000 + 5000);
  assert.ok(share * 50 >= busyMs - 50 && share * 50 <= elapsedMs + 50, `${share} % of 5 s for ${busyMs} … ${elapsedMs} ms busy`);
  assert.equal(metered.busyPercent(started + 60_000), 0, 'older than 10 s: forgotten');
});
