import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { NameCache } from './name-cache.js';

test('the cache returns the same string for the same bytes, and the right one after a collision', () => {
  const c = new NameCache(2);
  const enc = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s));
  const a1 = c.text(enc('www.example.com'), 15);
  const a2 = c.text(enc('www.example.com'), 15);
  assert.equal(a1, 'www.example.com');
  assert.equal(a2, a1);
  assert.equal(c.hits, 1);
  // Many names in two slots: every answer is still the name's own text.
  for (let i = 0; i < 50; i++) {
    const name = `host${i}.lan`;
    assert.equal(c.text(enc(name), name.length), name);
  }
  assert.equal(c.text(enc('héllo.local'), Buffer.byteLength('héllo.local')), 'héllo.local');
  assert.equal(c.text(new Uint8Array(0), 0), '<Root>');
});
