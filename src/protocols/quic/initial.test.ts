/**
 * QUIC Initial protection against the RFC 9001 Appendix A test vectors (keys of the client DCID
 * 0x8394c8f03e515708, the header-protection mask of the client Initial's sample), and decryption
 * of real Initials (tcpdump_quic_handshake.pcap) with hostile variations.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { pcapFrames } from '../../../test/support/pcap-frames.js';
import { CryptoBuffer, walkFrames } from './frames.js';
import { DecryptStatus, decryptInitial, headerMask, parseLongHeader, readVarint } from './initial.js';
import { hkdfExpandLabel, hkdfExtract, initialKeys, initialSalt } from './keys.js';
import { QuicSession } from './session.js';

const hex = (s: string): Buffer => Buffer.from(s, 'hex');
const DCID = hex('8394c8f03e515708');

test('quic: RFC 9001 A.1 keys and A.2 header protection', () => {
  const initial = hkdfExtract(initialSalt(1) as Buffer, DCID);
  assert.equal(initial.toString('hex'), '7db5df06e7a69e432496adedb00851923595221596ae2ae9fb8115c1e9ed0a44');
  assert.equal(hkdfExpandLabel(initial, 'client in', 32).toString('hex'), 'c00cf151ca5be075ed0ebfb5c80323c42d6b7db67881289af4008f1f6c357aea');
  const k = initialKeys(1, DCID, 'client');
  assert.ok(k !== null);
  assert.equal(k.key.toString('hex'), '1f369613dd76d5467730efcbe3b1a22d');
  assert.equal(k.iv.toString('hex'), 'fa044b2f42a3fd3b46fb255c');
  assert.equal(k.hp.toString('hex'), '9f50449e04a0e810283a1e9933adedd2');
  const s = initialKeys(1, DCID, 'server');
  assert.equal(s?.key.toString('hex'), 'cf3a5331653c364c88f0f379b6067e37');
  assert.equal(s.iv.toString('hex'), '0ac1493ca1905853b0bba03e');
  assert.equal(s.hp.toString('hex'), 'c206b8d9b9f0f37644430b490eeaa314');
  // A.2: sample d1b1c98dd7689fb8ec11d242b123dc9b gives the mask 437b9aec36.
  assert.equal(headerMask(k.hp, hex('d1b1c98dd7689fb8ec11d242b123dc9b')).subarray(0, 5).toString('hex'), '437b9aec36');
  assert.equal(initialSalt(0x12345678), null);
  assert.deepEqual(readVarint(hex('c00000000001ffff'), 0, 8), [131071, 8]);
  assert.deepEqual(readVarint(hex('9d7f3e7d'), 0, 4), [494878333, 4]);
  assert.deepEqual(readVarint(hex('7bbd'), 0, 2), [15293, 2]);
  assert.deepEqual(readVarint(hex('25'), 0, 1), [37, 1]);
  assert.equal(readVarint(hex('7b'), 0, 1), null);
});

/** UDP payload of an IPv4 or IPv6 frame after a link header of `link` bytes (4: BSD loopback). */
function udpPayload(f: Uint8Array, link: number): Uint8Array {
  const v6 = ((f[link] as number) >>> 4) === 6;
  const udp = v6 ? link + 40 : link + ((f[link] as number) & 0x0f) * 4;
  const len = ((f[udp + 4] as number) << 8) | (f[udp + 5] as number);
  return f.subarray(udp + 8, udp + len);
}

test('quic: the client Initial of tcpdump_quic_handshake.pcap decrypts to a ClientHello for "localhost"', () => {
  const d = udpPayload(pcapFrames('tcpdump_quic_handshake.pcap')[0] as Uint8Array, 4);
  const h = parseLongHeader(d, 0, d.length);
  assert.ok(h?.isInitial === true);
  const r = decryptInitial(d, 0, d.length, 'client', null);
  assert.equal(r.status, DecryptStatus.Ok);
  const s = new QuicSession();
  s.fromClient(d, 0, d.length);
  assert.equal(s.clientHello?.sni, 'localhost');
  assert.ok(s.ja4.startsWith('q13d'), s.ja4);
  // A flipped bit anywhere in the packet fails authentication or parsing, never throws.
  for (let i = 0; i < d.length; i += 7) {
    const bad = Uint8Array.from(d);
    bad[i] = (bad[i] as number) ^ 0x10;
    const x = decryptInitial(bad, 0, bad.length, 'client', null);
    assert.notEqual(x.status, DecryptStatus.Ok, `bit flip at ${i}`);
  }
  // Truncation at every offset.
  for (let cut = 0; cut < d.length; cut += 3) {
    assert.notEqual(decryptInitial(d, 0, cut, 'client', null).status, DecryptStatus.Ok);
    new QuicSession().fromClient(d, 0, cut);
  }
});

test('quic: frame walk and CRYPTO reassembly on hostile input', () => {
  const b = new CryptoBuffer(64);
  b.add(10, hex('0102'));
  assert.equal(b.contiguous, 0);
  b.add(0, hex('00112233445566778899'));
  assert.equal(b.contiguous, 12);
  b.add(1000, hex('ff'));
  assert.equal(walkFrames(hex('0600ff'), () => undefined), false); // CRYPTO length past the end
  assert.equal(walkFrames(hex('020000ff'), () => undefined), false); // ACK cut
  assert.equal(walkFrames(hex('0001060003aabbcc00'), (o, d) => { assert.equal(o, 0); assert.equal(d.length, 3); }), true);
  assert.equal(walkFrames(hex('08'), () => undefined), false); // a STREAM frame in an Initial
});
