import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { ProgressBar } from './progress-bar.js';

test('the progress bar draws percentage, bytes, packets and rate, and clears its line', () => {
  const written: string[] = [];
  const stream = { write: (s: string): boolean => { written.push(s); return true; } } as unknown as NodeJS.WriteStream;
  const bar = new ProgressBar(stream, 0);
  bar.update({ bytesRead: 50_000_000, bytesTotal: 100_000_000, packets: 150_000 });
  assert.equal(written.length, 1);
  assert.match(written[0] ?? '', /^\r\[#{15}\.{15}\] {2}50\.0% 50 MB {2}150,000 packets {2}[\d.]+ Mpps$/);
  bar.finish();
  assert.equal(written[1], '\r\x1b[K');
});

test('the progress bar redraws at most once per interval', () => {
  let writes = 0;
  const stream = { write: (): boolean => { writes++; return true; } } as unknown as NodeJS.WriteStream;
  const bar = new ProgressBar(stream, 60_000);
  for (let i = 0; i < 100; i++) bar.update({ bytesRead: i, bytesTotal: 100, packets: i });
  assert.equal(writes, 1);
});
