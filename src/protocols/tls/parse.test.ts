/**
 * The TLS parser on a real ClientHello (zeek_tls_chrome-34-google.pcap, frame 4) and on hostile
 * bytes: truncation at every offset, oversized lengths, GREASE, garbage records.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { pcapFrames } from '../../../test/support/pcap-frames.js';
import { ja3, ja3String, ja4 } from './fingerprint.js';
import { isGrease, parseClientHello, parseServerHello, scanRecords, splitHandshakes, versionName } from './parse.js';
import { TlsSession } from './session.js';

/** TCP payload of frame `n` (1-based) of an Ethernet/IPv4 capture. */
export function tcpPayload(file: string, n: number): Uint8Array {
  const f = pcapFrames(file)[n - 1];
  assert.ok(f !== undefined);
  const ip = 14, ihl = ((f[ip] as number) & 0x0f) * 4, tcp = ip + ihl, doff = ((f[tcp + 12] as number) >>> 4) * 4;
  const total = ((f[ip + 2] as number) << 8) | (f[ip + 3] as number);
  return f.subarray(tcp + doff, ip + total);
}

test('tls: the ClientHello of zeek_tls_chrome-34-google.pcap: SNI, ALPN, JA3 as tshark prints it', () => {
  const payload = tcpPayload('zeek_tls_chrome-34-google.pcap', 4);
  const scan = scanRecords(payload);
  const msg = splitHandshakes(scan.handshake)[0];
  assert.ok(msg?.type === 1);
  const ch = parseClientHello(scan.handshake, msg.off, msg.len);
  assert.ok(ch !== null);
  assert.equal(ch.sni, 'google.de');
  assert.deepEqual(ch.alpn, ['spdy/3', 'spdy/3.1', 'http/1.1']);
  // tshark 4.0.17: tshark -r zeek_tls_chrome-34-google.pcap -Y tls.handshake.type==1 -T fields -e tls.handshake.ja3 -e tls.handshake.ja3_full
  assert.equal(ja3String(ch), '771,49195-49199-158-52244-52243-49162-49161-49171-49172-49159-49169-51-50-57-156-47-53-10-5-4,0-65281-10-11-35-13172-16-30032-5-13-18,23-24-25,0');
  assert.equal(ja3(ch), 'a607f3a5c94c2ee592af1456f36c8367');
  assert.match(ja4(ch, 't'), /^t12d2011s3_[0-9a-f]{12}_[0-9a-f]{12}$/);
  // Truncation at every offset: never throws, and a cut ClientHello never parses as a whole one.
  for (let cut = 0; cut < payload.length; cut++) {
    const part = payload.subarray(0, cut);
    const s = scanRecords(part);
    for (const m of splitHandshakes(s.handshake)) parseClientHello(s.handshake, m.off, m.len);
    assert.equal(splitHandshakes(s.handshake).length, 0);
    parseClientHello(payload, 9, Math.max(0, cut - 9));
    parseServerHello(payload, 9, Math.max(0, cut - 9));
  }
});

test('tls: JA4 of a Chrome ClientHello equals the published example', () => {
  // ndpi_tls_ech.pcapng is IPv6: its hello is checked in test/golden/l7-names.test.ts. Here the JA4
  // spec's sorting and hashing are checked on a made-up hello.
  const hello = {
    legacyVersion: 0x0303, ciphers: [0x0a0a, 0x1301, 0x1302], extensions: [0x0a0a, 0, 16, 43, 13], sni: 'a.example', alpn: ['h2'],
    supportedVersions: [0x3a3a, 0x0304, 0x0303], groups: [], pointFormats: [], signatureAlgorithms: [0x0403, 0x0804],
  };
  const j = ja4(hello, 'q');
  assert.ok(j.startsWith('q13d0204h2_'), j);
  assert.equal(ja3String(hello), '771,4865-4866,0-16-43-13,,');
});

test('tls: hostile bytes never throw and give null or nothing', () => {
  assert.equal(isGrease(0x2a2a), true);
  assert.equal(isGrease(0x2a2b), false);
  assert.equal(versionName(0x0304), 'TLS 1.3');
  const rnd = (n: number, seed: number): Uint8Array => {
    const b = new Uint8Array(n);
    let x = seed;
    for (let i = 0; i < n; i++) { x = (x * 1103515245 + 12345) >>> 0; b[i] = x >>> 24; }
    return b;
  };
  for (let seed = 1; seed < 300; seed++) {
    const b = rnd(200, seed);
    b[0] = 0x16; b[1] = 3; b[3] = 0; b[4] = 195; b[5] = 1;
    const s = scanRecords(b);
    for (const m of splitHandshakes(s.handshake)) {
      parseClientHello(s.handshake, m.off, m.len);
      parseServerHello(s.handshake, m.off, m.len);
    }
    parseClientHello(b, 9, 191);
    const session = new TlsSession();
    session.fromClient(b, 1, false);
    session.fromServer(b, 2, true);
  }
  // An extension length past the end, and a session id of 255.
  const bad = new Uint8Array(60);
  bad[34] = 255;
  assert.equal(parseClientHello(bad, 0, 60), null);
  bad[34] = 0; bad[35] = 0; bad[36] = 2; bad[39] = 1; bad[41] = 0; bad[42] = 0xff;
  assert.equal(parseClientHello(bad, 0, 60), null);
  assert.equal(scanRecords(new TextEncoder().encode('GET / HTTP/1.1\r\n')).malformed, true);
});
