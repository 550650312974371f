import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { StreamPrefix } from './index.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array | undefined): string => new TextDecoder().decode(b);

test('tcp-stream: in order, retransmission, overlap and out of order (across the 2^32 wrap) give the stream', () => {
  const s = new StreamPrefix();
  s.open(7);
  const base = 0xfffffff8; // the stream wraps around 2^32
  assert.equal(s.add(7, 0, base - 1, 0x02, bytes(''), 0, 0), false); // SYN fixes the first byte
  assert.equal(s.add(7, 0, (base + 12) >>> 0, 0x10, bytes('again'), 0, 5), false); // ahead: held
  assert.equal(s.add(7, 0, base, 0x10, bytes('hello '), 0, 6), true);
  assert.equal(s.add(7, 0, base, 0x10, bytes('hello '), 0, 6), false); // retransmission
  assert.equal(s.add(7, 0, (base + 3) >>> 0, 0x10, bytes('lo world'), 0, 8), true); // overlap
  assert.equal(text(s.direction(7, 0)?.bytes()), 'hello world');
  assert.equal(s.add(7, 0, (base + 11) >>> 0, 0x10, bytes('!'), 0, 1), true); // fills the gap
  assert.equal(text(s.direction(7, 0)?.bytes()), 'hello world!again');
  assert.equal(s.direction(7, 1)?.len, 0);
  s.close(7);
  assert.equal(s.totalBytes, 0);
  assert.equal(s.isOpen(7), false);
  assert.equal(s.add(7, 0, 0, 0, bytes('x'), 0, 1), false);
});

test('tcp-stream: per-direction and global caps refuse bytes and count them', () => {
  const s = new StreamPrefix({ maxBytesPerDirection: 10, maxTotalBytes: 15, maxPending: 1 });
  s.open(1);
  s.add(1, 0, 100, 0, bytes('0123456789abc'), 0, 13);
  assert.equal(text(s.direction(1, 0)?.bytes()), '0123456789');
  assert.equal(s.refusedBytes, 3);
  assert.equal(s.direction(1, 0)?.full, true);
  s.open(2);
  s.add(2, 1, 5, 0x02, bytes(''), 0, 0);
  s.add(2, 1, 20, 0, bytes('x'), 0, 1); // beyond the direction's cap: refused
  assert.equal(s.refusedSegments, 1);
  // The first flow holds a 10-byte buffer; 10 more would pass the global cap of 15.
  s.add(2, 1, 6, 0, bytes('abc'), 0, 3);
  assert.equal(s.direction(2, 1)?.len, 0);
  assert.equal(s.refusedBytes, 6);
  s.close(1);
  s.close(2);
  assert.equal(s.totalBytes, 0);
});

test('tcp-stream: consume drops parsed bytes and skips a body that has not arrived yet', () => {
  const s = new StreamPrefix();
  s.open(3);
  s.add(3, 1, 1000, 0, bytes('HEAD1body'), 0, 9);
  s.consume(3, 1, 5 + 10); // the head and a 10-byte body of which 4 bytes arrived
  assert.equal(s.direction(3, 1)?.len, 0);
  assert.equal(s.add(3, 1, 1009, 0, bytes('123456HEAD2'), 0, 11), true); // the rest of the body, then a head
  assert.equal(text(s.direction(3, 1)?.bytes()), 'HEAD2');
  s.consume(3, 1, 2);
  assert.equal(text(s.direction(3, 1)?.bytes()), 'AD2');
});
