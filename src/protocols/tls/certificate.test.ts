/**
 * Tests of protocols/tls/certificate's handle cache: equal DER bytes share one handle; DERs that
 * differ only in the middle (where the cheap hash does not look) stay apart.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { certificateHandle } from './certificate.js';

function der(size: number, middle: number): Uint8Array {
  const b = new Uint8Array(size);
  for (let i = 0; i < size; i++) b[i] = (i * 7) & 0xff;
  b[0] = 0x30;
  b[size >> 1] = middle;
  return b;
}

test('certificate: one handle per distinct DER, compared byte for byte', () => {
  const a = certificateHandle(der(2000, 1)), again = certificateHandle(der(2000, 1).slice());
  assert.ok(a !== null);
  assert.equal(again, a);
  const b = certificateHandle(der(2000, 2));
  assert.ok(b !== null);
  assert.notEqual(b, a);
  assert.equal(b.der[1000], 2);
  // Same hash, other bytes: the newer DER took the slot, and the older one still gets its own bytes.
  assert.equal(certificateHandle(der(2000, 1))?.der[1000], 1);
  assert.equal(certificateHandle(new Uint8Array(8)), null);
  // Not a certificate: decoding gives null, lazily.
  assert.equal(a.info, null);
});
