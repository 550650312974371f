/**
 * Tests of the planned-capture scheduler with a hand-moved clock: a plan starts when due, stops
 * after its duration, repeats on its period (skipping runs whose window passed unseen), and a
 * launch error is recorded without retrying the same run.
 */
import { strict as assert } from 'node:assert';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { CaptureDb } from './capture-db.js';
import { nextStart, PlannedCaptures, type LaunchResult, type PlanSpec } from './planned-captures.js';

const spec = (start: number, durationSec: number, repeatSec: number): PlanSpec => ({
  user: 'u', slot: 0, expression: '', format: 'pcap', start, durationSec, repeatSec, directory: '', filename: 'x.pcap', splitSize: 0, splitDuration: 0,
});

test('nextStart: future start as is, past start on the repeat grid, none for a past single run', () => {
  assert.equal(nextStart(100, 0, 50), 100);
  assert.equal(nextStart(100, 0, 150), null);
  assert.equal(nextStart(100, 60, 150), 160);
  assert.equal(nextStart(100, 60, 160), 160);
});

test('scheduler: runs when due, stops after the duration, repeats; errors are recorded', async () => {
  const db = new CaptureDb(undefined);
  let now = 1000;
  const launched: number[] = [];
  let stopped = 0;
  let fail = false;
  const launch = (): LaunchResult => {
    if (fail) return { error: 'no slot' };
    launched.push(now);
    return { id: launched.length, stop: () => { stopped++; } };
  };
  const s = new PlannedCaptures(db, launch, () => now, 1e9);
  const plan = s.add(spec(1010, 0.05, 60));
  s.tick();
  assert.deepEqual(launched, []);
  now = 1010;
  s.tick();
  s.tick();
  assert.deepEqual(launched, [1010], 'once per run');
  await sleep(120);
  assert.equal(stopped, 1, 'stopped after its duration');
  assert.equal(db.plans()[0]?.nextRun, 1070);
  assert.equal(db.plans()[0]?.lastResult, 'capture 1');
  now = 1200; // the runs of 1070 and 1130 passed unseen: skipped, the next is 1250
  s.tick();
  assert.deepEqual(launched, [1010]);
  assert.match(db.plans()[0]?.lastResult ?? '', /^missed the run of /);
  assert.equal(db.plans()[0]?.nextRun, 1250);
  now = 1250.01; // late but inside its window: runs
  s.tick();
  assert.deepEqual(launched, [1010, 1250.01]);
  assert.equal(db.plans()[0]?.nextRun, 1310);
  await sleep(120);
  assert.equal(stopped, 2);
  fail = true;
  now = 1310;
  s.tick();
  assert.equal(db.plans()[0]?.lastResult, 'error: no slot');
  assert.equal(db.plans()[0]?.nextRun, 1370);
  assert.equal(db.removePlan(plan.id), true);
  s.close();
  db.close();
});
