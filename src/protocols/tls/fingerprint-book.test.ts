/**
 * Tests of protocols/tls/fingerprint-book: equal ClientHellos share one Fingerprint whose lazy
 * JA3/JA4 equal the eager functions; different ones (even one cipher apart) never merge.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { ja3, ja4 } from './fingerprint.js';
import { FingerprintBook, fingerprintHash } from './fingerprint-book.js';
import type { ClientHello } from './parse.js';

const hello = (over: Partial<ClientHello> = {}): ClientHello => ({
  legacyVersion: 0x0303, ciphers: [0x1301, 0x1302, 0xc02b], extensions: [0, 10, 11, 13, 16, 43], sni: 'example.com',
  alpn: ['h2', 'http/1.1'], supportedVersions: [0x0a0a, 0x0304, 0x0303], groups: [29, 23], pointFormats: [0],
  signatureAlgorithms: [0x0403, 0x0804], ...over,
});

test('fingerprint-book: equal hellos share one entry with the JA3/JA4 of the eager functions', () => {
  const book = new FingerprintBook();
  const a = book.intern(hello(), 't'), b = book.intern(hello({ sni: 'other.example' }), 't');
  assert.equal(a, b);
  // GREASE values are random per hello: they do not make another fingerprint.
  const greased = hello({ ciphers: [0x3a3a, 0x1301, 0x1302, 0xc02b], extensions: [0x8a8a, 0, 10, 11, 13, 16, 43, 0x1a1a], groups: [0x5a5a, 29, 23] });
  assert.equal(book.intern(greased, 't'), a);
  assert.equal(ja3(greased), a.ja3);
  assert.equal(book.size, 1);
  assert.equal(a.ja3, ja3(hello()));
  assert.equal(a.ja4, ja4(hello(), 't'));
  assert.match(a.ja4, /^t13d0306h2_/);
  assert.equal(a.offeredMax, 0x0304);
  const ciphers: number[] = [];
  a.eachCipher((c) => { ciphers.push(c); });
  assert.deepEqual(ciphers, [0x1301, 0x1302, 0xc02b]);
});

test('fingerprint-book: a different cipher, SNI presence, ALPN or transport is another fingerprint', () => {
  const book = new FingerprintBook();
  const base = book.intern(hello(), 't');
  assert.notEqual(book.intern(hello({ ciphers: [0x1301, 0x1302] }), 't'), base);
  assert.notEqual(book.intern(hello({ sni: null }), 't'), base);
  assert.notEqual(book.intern(hello({ alpn: ['h3'] }), 't'), base);
  const q = book.intern(hello(), 'q');
  assert.notEqual(q, base);
  assert.match(q.ja4, /^q13d/);
  assert.equal(book.size, 5);
  assert.notEqual(fingerprintHash(hello(), 't'), fingerprintHash(hello(), 'q'));
});

test('fingerprint-book: past its cap a fingerprint is still right, only not shared', () => {
  const book = new FingerprintBook(1);
  book.intern(hello(), 't');
  const x = book.intern(hello({ groups: [29] }), 't'), y = book.intern(hello({ groups: [29] }), 't');
  assert.notEqual(x, y);
  assert.equal(x.ja3, y.ja3);
  assert.equal(book.size, 1);
});
