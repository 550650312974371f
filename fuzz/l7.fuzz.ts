/**
 * @module fuzz/l7.fuzz
 * Fuzz target for the L7 parsers: mutated real inputs through the TLS record and handshake parsers
 * and TlsSession (a ClientHello and a server flight with its certificate from
 * zeek_tls_chrome-34-google.pcap), the QUIC Initial decryption, frame walk, CRYPTO reassembly and
 * QuicSession (a client Initial of tcpdump_quic_handshake.pcap, mutated before and after
 * decryption), and the HTTP head parser and HttpSession over a StreamPrefix (mutated pipelined
 * requests and chunked responses, in random segment sizes). Nothing may throw.
 */
import { pathToFileURL } from 'node:url';
import { pcapFrames } from '../test/support/pcap-frames.js';
import { parseHead } from '../src/protocols/http/parse.js';
import { HttpSession } from '../src/protocols/http/session.js';
import { CryptoBuffer, walkFrames } from '../src/protocols/quic/frames.js';
import { DecryptStatus, decryptInitial } from '../src/protocols/quic/initial.js';
import { QuicSession } from '../src/protocols/quic/session.js';
import { StreamPrefix } from '../src/protocols/tcp-stream/index.js';
import { parseCertificateList, parseClientHello, parseServerHello, scanRecords, splitHandshakes } from '../src/protocols/tls/parse.js';
import { TlsSession } from '../src/protocols/tls/session.js';
import { mutate, prng } from './mutate.js';

export class L7FuzzFailure extends Error {}

function ipv4TcpPayload(f: Uint8Array): Uint8Array {
  const ihl = ((f[14] as number) & 0x0f) * 4, tcp = 14 + ihl, doff = ((f[tcp + 12] as number) >>> 4) * 4;
  return f.subarray(tcp + doff, 14 + (((f[16] as number) << 8) | (f[17] as number)));
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

interface Seeds { tlsClient: Uint8Array; tlsServer: Uint8Array; quic: Uint8Array; quicPlain: Uint8Array; http: Uint8Array; httpReply: Uint8Array }

function seeds(): Seeds {
  const tls = pcapFrames('zeek_tls_chrome-34-google.pcap');
  const q = pcapFrames('tcpdump_quic_handshake.pcap')[0] as Uint8Array;
  const ihl = ((q[4] as number) & 0x0f) * 4, udp = 4 + ihl;
  const quic = q.subarray(udp + 8, udp + (((q[udp + 4] as number) << 8) | (q[udp + 5] as number)));
  const plain = decryptInitial(quic, 0, quic.length, 'client', null);
  const enc = new TextEncoder();
  return {
    tlsClient: ipv4TcpPayload(tls[3] as Uint8Array),
    tlsServer: concat([5, 6, 7].map((i) => ipv4TcpPayload(tls[i] as Uint8Array))),
    quic, quicPlain: plain.payload,
    http: enc.encode('GET /a HTTP/1.1\r\nHost: x.example\r\nUser-Agent: fuzz\r\n\r\nPOST /b HTTP/1.1\r\nHost: y\r\nContent-Length: 3\r\n\r\nabcHEAD / HTTP/1.0\r\n\r\n'),
    httpReply: enc.encode('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nT: 1\r\n\r\nHTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No\r\nContent-Length: 5\r\n\r\n'),
  };
}

export interface L7FuzzRun { iterations: number; helloParsed: number; quicDecrypted: number; httpRequests: number }

function feedStream(stream: StreamPrefix, dir: 0 | 1, bytes: Uint8Array, rand: () => number, onGrow: () => void): void {
  let seq = 1000 + (rand() % 3), off = 0;
  while (off < bytes.length) {
    const n = 1 + (rand() % 700);
    // Now and then a segment is repeated or sent ahead.
    if (rand() % 9 === 0) stream.add(1, dir, seq + n, 0, bytes, Math.min(off + n, bytes.length), Math.max(0, Math.min(n, bytes.length - off - n)));
    if (stream.add(1, dir, seq, 0, bytes, off, Math.min(n, bytes.length - off))) onGrow();
    seq += n;
    off += n;
  }
}

export function runL7Fuzz(iterations: number, seed: number, deadlineMs = Infinity): L7FuzzRun {
  const s = seeds(), rand = prng(seed), start = Date.now();
  let done = 0, helloParsed = 0, quicDecrypted = 0, httpRequests = 0;
  for (; done < iterations && Date.now() - start < deadlineMs; done++) {
    const kind = done % 4;
    try {
      if (kind === 0) {
        const client = mutate(s.tlsClient, rand), server = mutate(s.tlsServer, rand);
        const scan = scanRecords(client);
        for (const m of splitHandshakes(scan.handshake)) {
          if (parseClientHello(scan.handshake, m.off, m.len) !== null) helloParsed++;
          parseServerHello(scan.handshake, m.off, m.len);
          parseCertificateList(scan.handshake, m.off, m.len);
        }
        const session = new TlsSession(), stream = new StreamPrefix();
        stream.open(1);
        feedStream(stream, 0, client, rand, () => { const d = stream.direction(1, 0); if (d) session.fromClient(d.bytes(), 1, d.full); });
        feedStream(stream, 1, server, rand, () => { const d = stream.direction(1, 1); if (d) session.fromServer(d.bytes(), 2, d.full); });
        // Decoding a mutated certificate (what a REST answer does) must give null or names, never throw.
        const info = session.certificate?.info;
        if (info !== undefined && info !== null && info.altNames.length > 32) throw new L7FuzzFailure('too many names');
      } else if (kind === 1) {
        const packet = mutate(s.quic, rand);
        if (decryptInitial(packet, 0, packet.length, 'client', null).status === DecryptStatus.Ok) quicDecrypted++;
        new QuicSession().fromClient(packet, 0, packet.length);
      } else if (kind === 2) {
        const plain = mutate(s.quicPlain, rand), buf = new CryptoBuffer(2048);
        walkFrames(plain, (o, d) => { buf.add(o, d); });
        const ready = buf.ready();
        for (const m of splitHandshakes(ready)) parseClientHello(ready, m.off, m.len);
      } else {
        const req = mutate(s.http, rand), res = mutate(s.httpReply, rand);
        parseHead(req, 0, req.length);
        const stream = new StreamPrefix({ maxBytesPerDirection: 512 });
        stream.open(1);
        const session = new HttpSession(4, { request: () => { httpRequests++; }, response: () => undefined });
        feedStream(stream, 0, req, rand, () => { session.onData(stream, 1, 0, 1); });
        feedStream(stream, 1, res, rand, () => { session.onData(stream, 1, 1, 2); });
        if (session.recent.length > 4) throw new L7FuzzFailure('ring over its size');
      }
    } catch (err) {
      throw new L7FuzzFailure(`iteration ${done} (kind ${kind}, seed ${seed}): ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    }
  }
  return { iterations: done, helloParsed, quicDecrypted, httpRequests };
}

function main(args: readonly string[]): void {
  const value = (name: string, fallback: number): number => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  process.stdout.write(JSON.stringify(runL7Fuzz(value('--iterations', 100_000), value('--seed', 1))) + '\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
