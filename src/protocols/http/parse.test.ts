/**
 * The HTTP head parser and the session's framing: pipelined requests, Content-Length and chunked
 * bodies skipped across segments, HEAD and 1xx answers, response times; hostile heads (truncation
 * at every offset, oversized heads, binary garbage, bad chunk sizes).
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { StreamPrefix } from '../tcp-stream/index.js';
import { INCOMPLETE, parseChunkSize, parseHead } from './parse.js';
import { HttpSession, type HttpTransaction } from './session.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

test('http: request and response heads', () => {
  const req = bytes('GET /a?b=1 HTTP/1.1\r\nHost: www.example.org\r\nUser-Agent: curl/8\r\nAccept: */*\r\n\r\nrest');
  const h = parseHead(req, 0, req.length);
  assert.ok(h !== null && h !== INCOMPLETE);
  assert.equal(h.method, 'GET');
  assert.equal(h.target, '/a?b=1');
  assert.equal(h.host, 'www.example.org');
  assert.equal(h.userAgent, 'curl/8');
  assert.equal(h.headLen, req.length - 4);
  const res = bytes('HTTP/1.0 404 Not Found\nContent-Type: text/html; charset=utf-8\nCONTENT-LENGTH: 12\n\n');
  const r = parseHead(res, 0, res.length);
  assert.ok(r !== null && r !== INCOMPLETE);
  assert.equal(r.status, 404);
  assert.equal(r.version, 10);
  assert.equal(r.contentLength, 12);
  assert.equal(r.contentType, 'text/html; charset=utf-8');
  // Truncation at every offset: incomplete, never a wrong head, never a throw.
  for (let cut = 0; cut < req.length - 4; cut++) assert.equal(parseHead(req, 0, cut), INCOMPLETE, `cut ${cut}`);
  assert.equal(parseHead(bytes('\x16\x03\x01\x02\x00\x01\x00\x01\xfc'), 0, 9), null);
  assert.equal(parseHead(bytes('GET / FTP/1.0\r\n\r\n'), 0, 17), null);
  assert.equal(parseHead(bytes('HTTP/1.1 2x0 OK\r\n\r\n'), 0, 19), null);
  const huge = bytes(`GET / HTTP/1.1\r\nX: ${'a'.repeat(20000)}`);
  assert.equal(parseHead(huge, 0, huge.length), null);
  assert.deepEqual(parseChunkSize(bytes('1a;ext=1\r\n'), 0, 10), [26, 10]);
  assert.equal(parseChunkSize(bytes('1a'), 0, 2), INCOMPLETE);
  assert.equal(parseChunkSize(bytes('zz\r\n'), 0, 4), null);
  assert.equal(parseChunkSize(bytes('ffffffffffffff\r\n'), 0, 16), null);
});

test('http: pipelining, chunked and Content-Length bodies over segments, HEAD and 100-continue', () => {
  const seen: HttpTransaction[] = [];
  const statuses: number[] = [];
  const s = new HttpSession(2, { request: (t) => { seen.push(t); }, response: (_t, h) => { statuses.push(h.status); } });
  const stream = new StreamPrefix();
  stream.open(1);
  let seqC = 1000, seqS = 5000;
  const client = (text: string, ts: number): void => {
    const b = bytes(text);
    stream.add(1, 0, seqC, 0, b, 0, b.length);
    seqC += b.length;
    s.onData(stream, 1, 0, ts);
  };
  const server = (text: string, ts: number): void => {
    const b = bytes(text);
    stream.add(1, 1, seqS, 0, b, 0, b.length);
    seqS += b.length;
    s.onData(stream, 1, 1, ts);
  };
  client('GET /1 HTTP/1.1\r\nHost: a\r\n\r\nHEAD /2 HTTP/1.1\r\nHost: b\r\n\r\nPOST /3 HTTP/1.1\r\nHost: c\r\nContent-Length: 5\r\n\r\nab', 100);
  client('cdeGET /4 HTTP/1.1\r\nHo', 110);
  client('st: d\r\n\r\n', 120);
  assert.deepEqual(seen.map((t) => t.host), ['a', 'b', 'c', 'd']);
  server('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel', 300);
  server('lo\r\n0\r\nX-Trailer: 1\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n', 400); // HEAD: no body
  server('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 10\r\n\r\n0123', 500);
  server('456789HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n', 650);
  assert.deepEqual(statuses, [200, 200, 201, 404]);
  assert.deepEqual(seen.map((t) => t.responseUs), [200, 300, 400, 530]);
  assert.equal(s.requests, 4);
  assert.equal(s.responses, 4);
  assert.deepEqual(s.recent.map((t) => t.url), ['/3', '/4']); // the ring keeps 2
  assert.equal(s.stopped, false);
  client('\x00\x01garbage\r\n\r\n', 700);
  assert.equal(s.clientStopped, true);
});
