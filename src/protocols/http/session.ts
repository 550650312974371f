/**
 * @module protocols/http/session
 * One HTTP/1.x connection over TCP: each direction's collected bytes (protocols/tcp-stream) are
 * read as a sequence of message heads and framed bodies (Content-Length, chunked; bodies are
 * skipped by sequence number, never kept), requests are queued and matched to responses in order
 * (pipelining), and each pair becomes a transaction with its response time (request head → the
 * response head's packet). The last `ringSize` transactions are kept. Events go to a listener so
 * that the module counts them.
 */
import type { StreamPrefix } from '../tcp-stream/index.js';
import { INCOMPLETE, parseChunkSize, parseHead, type HttpHead } from './parse.js';

export interface HttpTransaction {
  readonly method: string;
  readonly host: string | null;
  readonly url: string;
  readonly userAgent: string | null;
  readonly requestUs: number;
  status: number;
  contentType: string | null;
  /** Request head → response head, µs; -1 until answered. */
  responseUs: number;
}

export interface HttpListener {
  request(t: HttpTransaction): void;
  response(t: HttpTransaction | undefined, head: HttpHead): void;
}

const Mode = { Head: 0, ChunkSize: 1, Trailer: 2, Stopped: 3 } as const;
const MAX_QUEUED = 32;

export class HttpSession {
  /** The last transactions, oldest first (a bounded ring kept as a short array). */
  readonly recent: HttpTransaction[] = [];
  requests = 0;
  responses = 0;
  /** A direction left HTTP framing (bad head, upgrade, body until close, head too long). */
  stopped = false;
  private readonly mode: [number, number] = [Mode.Head, Mode.Head];
  private readonly waiting: HttpTransaction[] = [];

  constructor(private readonly ringSize: number, private readonly listener: HttpListener) {}

  /** New bytes in direction dir (0 client → server) of flow, at time tsUs. */
  onData(stream: StreamPrefix, flow: number, dir: 0 | 1, tsUs: number): void {
    for (let guard = 0; guard < 256; guard++) {
      const d = stream.direction(flow, dir);
      if (d === undefined) return;
      const mode = this.mode[dir], bytes = d.bytes();
      if (mode === Mode.Stopped || bytes.length === 0) return;
      if (mode === Mode.Head) {
        const head = parseHead(bytes, 0, bytes.length);
        if (head === INCOMPLETE) {
          if (d.full) this.stop(dir);
          return;
        }
        if (head?.isRequest !== (dir === 0)) {
          this.stop(dir);
          return;
        }
        stream.consume(flow, dir, head.headLen);
        this.frameBody(stream, flow, dir, head, dir === 0 ? this.onRequest(head, tsUs) : this.onResponse(head, tsUs));
      } else if (mode === Mode.ChunkSize) {
        const line = parseChunkSize(bytes, 0, bytes.length);
        if (line === INCOMPLETE) return;
        if (line === null) {
          this.stop(dir);
          return;
        }
        stream.consume(flow, dir, line[1]);
        if (line[0] === 0) this.mode[dir] = Mode.Trailer;
        else stream.consume(flow, dir, line[0] + 2);
      } else {
        // Trailer lines until the blank line.
        const lf = bytes.indexOf(10);
        if (lf < 0) {
          if (d.full) this.stop(dir);
          return;
        }
        const blank = lf === 0 || (lf === 1 && bytes[0] === 13);
        stream.consume(flow, dir, lf + 1); // shifts the bytes under `bytes`
        if (blank) this.mode[dir] = Mode.Head;
      }
    }
  }

  /** Direction dir (0 client, 1 server) left HTTP framing: its bytes are no longer needed. */
  isStopped(dir: 0 | 1): boolean {
    return this.mode[dir] === Mode.Stopped;
  }

  /** The client's direction left HTTP framing: no more requests will be read. */
  get clientStopped(): boolean {
    return this.mode[0] === Mode.Stopped;
  }

  private stop(dir: 0 | 1): void {
    this.mode[dir] = Mode.Stopped;
    this.stopped = true;
  }

  private onRequest(head: HttpHead, tsUs: number): boolean {
    const t: HttpTransaction = {
      method: head.method, host: head.host, url: head.target, userAgent: head.userAgent, requestUs: tsUs, status: 0, contentType: null, responseUs: -1,
    };
    this.requests++;
    if (this.waiting.length < MAX_QUEUED) this.waiting.push(t);
    this.recent.push(t);
    if (this.recent.length > this.ringSize) this.recent.shift();
    this.listener.request(t);
    return true;
  }

  /** Whether the response has a body. */
  private onResponse(head: HttpHead, tsUs: number): boolean {
    const interim = head.status >= 100 && head.status < 200 && head.status !== 101;
    const t = interim ? this.waiting[0] : this.waiting.shift();
    if (!interim) {
      this.responses++;
      if (t !== undefined) {
        t.status = head.status;
        t.contentType = head.contentType;
        t.responseUs = tsUs - t.requestUs;
      }
      this.listener.response(t, head);
    }
    return !(interim || head.status === 204 || head.status === 304 || t?.method === 'HEAD');
  }

  private frameBody(stream: StreamPrefix, flow: number, dir: 0 | 1, head: HttpHead, hasBody: boolean): void {
    if (!head.isRequest && head.status === 101) {
      this.stop(dir);
      return;
    }
    if (!hasBody) return;
    if (head.chunked) this.mode[dir] = Mode.ChunkSize;
    else if (head.contentLength > 0) stream.consume(flow, dir, head.contentLength);
    else if (head.contentLength < 0 && !head.isRequest) this.stop(dir); // body until close
  }
}
