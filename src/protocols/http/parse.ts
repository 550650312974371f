/**
 * @module protocols/http/parse
 * Pure HTTP/1.x message-head parsing (RFC 9112) over Uint8Array + offsets: the request line
 * (method, target, version) or status line (version, code), and the headers wiremeter reports or
 * needs to frame bodies (Host, Content-Type, User-Agent, Content-Length, Transfer-Encoding). Also
 * chunk-size lines. Strings are made only for the values kept. Bounds-checked: a head that is not
 * HTTP gives `null`, one not complete yet gives INCOMPLETE.
 */

/** Most bytes of one message head. */
export const MAX_HEAD_BYTES = 16384;
/** Longest value kept (URL, User-Agent); longer ones are cut. */
const MAX_VALUE = 512;

export interface HttpHead {
  readonly isRequest: boolean;
  readonly method: string;
  readonly target: string;
  /** 10 for HTTP/1.0, 11 for HTTP/1.1. */
  readonly version: number;
  readonly status: number;
  readonly host: string | null;
  readonly contentType: string | null;
  readonly userAgent: string | null;
  /** -1 when absent or invalid. */
  readonly contentLength: number;
  readonly chunked: boolean;
  /** Bytes of the head, blank line included. */
  readonly headLen: number;
}

export const INCOMPLETE = 'incomplete' as const;

const METHODS = ['GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'CONNECT', 'TRACE', 'PATCH', 'M-SEARCH', 'NOTIFY', 'SUBSCRIBE', 'UNSUBSCRIBE',
  'PROPFIND', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK', 'REPORT', 'SEARCH'];
const METHOD_BYTES = METHODS.map((m) => Uint8Array.from(m, (c) => c.charCodeAt(0)));

const CR = 13, LF = 10, SP = 32;

/** Index of the method whose token (and a space) starts b at off, else -1. No allocation. */
export function methodAt(b: Uint8Array, off: number, end: number): number {
  outer: for (let m = 0; m < METHOD_BYTES.length; m++) {
    const t = METHOD_BYTES[m] as Uint8Array;
    if (off + t.length + 1 > end) continue;
    for (let i = 0; i < t.length; i++) if (b[off + i] !== t[i]) continue outer;
    if (b[off + t.length] === SP) return m;
  }
  return -1;
}

/** b[off, end) starts with "HTTP/1." */
export function isStatusLine(b: Uint8Array, off: number, end: number): boolean {
  return off + 8 <= end && b[off] === 72 && b[off + 1] === 84 && b[off + 2] === 84 && b[off + 3] === 80 && b[off + 4] === 47 && b[off + 5] === 49 && b[off + 6] === 46;
}

function text(b: Uint8Array, from: number, to: number): string {
  const end = Math.min(to, from + MAX_VALUE);
  let printable = true;
  for (let i = from; i < end && printable; i++) {
    const c = b[i] as number;
    printable = c >= 0x20 && c < 0x7f;
  }
  // The common case: one latin1 decode of a view, not a string grown byte by byte.
  if (printable) return Buffer.from(b.buffer, b.byteOffset + from, Math.max(0, end - from)).toString('latin1');
  let s = '';
  for (let i = from; i < end; i++) {
    const c = b[i] as number;
    s += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '?';
  }
  return s;
}

/** Offset just past the blank line ending the head at off, -1 when not there yet. */
function headEnd(b: Uint8Array, off: number, end: number): number {
  const stop = Math.min(end, off + MAX_HEAD_BYTES);
  for (let i = off; i < stop; i++) {
    if (b[i] !== LF) continue;
    if (b[i + 1] === LF && i + 1 < end) return i + 2;
    if (b[i + 1] === CR && b[i + 2] === LF && i + 2 < end) return i + 3;
  }
  return -1;
}

/** Lower-case ASCII header name b[from, to) equals `name` (lower case). */
function nameIs(b: Uint8Array, from: number, to: number, name: string): boolean {
  if (to - from !== name.length) return false;
  for (let i = 0; i < name.length; i++) {
    const c = b[from + i] as number;
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== name.charCodeAt(i)) return false;
  }
  return true;
}

/** Bounds of the last trimmed value (module scratch: no tuple per header line). */
let trimFrom = 0, trimTo = 0;

function trim(b: Uint8Array, from: number, to: number): void {
  while (from < to && (b[from] === SP || b[from] === 9)) from++;
  while (to > from && (b[to - 1] === SP || b[to - 1] === 9 || b[to - 1] === CR)) to--;
  trimFrom = from;
  trimTo = to;
}

/** The head at b[off, end): a request or a response. */
export function parseHead(b: Uint8Array, off: number, end: number): HttpHead | typeof INCOMPLETE | null {
  end = Math.min(end, b.length);
  const m = methodAt(b, off, end);
  const response = m < 0 && isStatusLine(b, off, end);
  if (m < 0 && !response) return off + 8 <= end ? null : INCOMPLETE;
  const stop = headEnd(b, off, end);
  if (stop < 0) return end - off >= MAX_HEAD_BYTES ? null : INCOMPLETE;
  // The first line.
  let eol = off;
  while (b[eol] !== LF) eol++;
  trim(b, off, eol);
  const ls = trimFrom, le = trimTo;
  let method = '', target = '', version: number, status = 0;
  if (response) {
    version = b[off + 7] === 48 ? 10 : 11;
    if (le - ls < 12 || b[ls + 8] !== SP) return null;
    for (let i = 9; i < 12; i++) {
      const c = b[ls + i] as number;
      if (c < 48 || c > 57) return null;
      status = status * 10 + c - 48;
    }
  } else {
    method = METHODS[m] as string;
    const t0 = ls + method.length + 1;
    let t1 = t0;
    while (t1 < le && b[t1] !== SP) t1++;
    target = text(b, t0, t1);
    if (t1 + 9 > le || !isStatusLine(b, t1 + 1, le)) return null;
    version = b[t1 + 8] === 48 ? 10 : 11;
  }
  let host: string | null = null, contentType: string | null = null, userAgent: string | null = null;
  let contentLength = -1, chunked = false;
  let p = eol + 1;
  while (p < stop) {
    let e = p;
    while (e < stop && b[e] !== LF) e++;
    let colon = p;
    while (colon < e && b[colon] !== 58) colon++;
    if (colon > p && colon < e) {
      const n0 = p, n1 = colon;
      trim(b, n1 + 1, e);
      const v0 = trimFrom, v1 = trimTo;
      if (nameIs(b, n0, n1, 'host')) host = text(b, v0, v1);
      else if (nameIs(b, n0, n1, 'content-type')) contentType = text(b, v0, v1);
      else if (nameIs(b, n0, n1, 'user-agent')) userAgent = text(b, v0, v1);
      else if (nameIs(b, n0, n1, 'content-length')) {
        let n = 0;
        for (let i = v0; i < v1; i++) {
          const c = b[i] as number;
          if (c < 48 || c > 57 || n > 1e15) { n = -1; break; }
          n = n * 10 + c - 48;
        }
        contentLength = v1 > v0 ? n : -1;
      } else if (nameIs(b, n0, n1, 'transfer-encoding')) {
        chunked = text(b, v0, v1).toLowerCase().includes('chunked');
      }
    }
    p = e + 1;
  }
  return { isRequest: !response, method, target, version, status, host, contentType, userAgent, contentLength, chunked, headLen: stop - off };
}

/**
 * A chunk-size line at b[off, end) (RFC 9112 §7.1): [size, line length], INCOMPLETE, or null
 * when it is not one.
 */
export function parseChunkSize(b: Uint8Array, off: number, end: number): [number, number] | typeof INCOMPLETE | null {
  let size = 0, digits = 0, i = off;
  const stop = Math.min(end, off + 1024);
  for (; i < stop; i++) {
    const c = b[i] as number;
    const v = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
    if (v < 0) break;
    if (++digits > 12) return null;
    size = size * 16 + v;
  }
  if (i === stop) return stop === off + 1024 ? null : INCOMPLETE;
  if (digits === 0) return null;
  for (; i < stop; i++) if (b[i] === LF) return [size, i + 1 - off];
  return stop === off + 1024 ? null : INCOMPLETE;
}
