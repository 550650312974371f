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
  const busyMs = metered.batches * 20;
  // Looked at a few seconds later, the last 5 full seconds hold all of it.
  const share = metered.busyPercent(started + 5500);
  assert.ok(Math.abs(share - busyMs / 50) <= 2, `${share} % for ${busyMs} ms busy`);
  assert.equal(metered.busyPercent(started + 60_000), 0, 'older than 10 s: forgotten');
});
