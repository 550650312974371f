/**
 * @module capture/byte-output
 * A little-endian byte builder that streams: writers append fields and packet bytes into a reused
 * 64 KiB chunk and hand full chunks (copies) to the sink, so a capture of any length holds one chunk
 * in memory and makes one allocation per chunk, not per packet.
 */

/** Where a writer's bytes go (an HTTP response, a file, a test array). */
export type ByteSink = (chunk: Uint8Array) => void;

const CHUNK_BYTES = 64 * 1024;

export class ByteOutput {
  private buf = new Uint8Array(CHUNK_BYTES);
  private view = new DataView(this.buf.buffer);
  private len = 0;
  /** Bytes handed to the sink or waiting in the chunk. */
  total = 0;

  constructor(private readonly sink: ByteSink) {}

  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) {
      this.buf = new Uint8Array(n);
      this.view = new DataView(this.buf.buffer);
    }
  }

  u8(v: number): void {
    this.room(1);
    this.buf[this.len++] = v;
    this.total++;
  }

  u16(v: number): void {
    this.room(2);
    this.view.setUint16(this.len, v, true);
    this.len += 2;
    this.total += 2;
  }

  u32(v: number): void {
    this.room(4);
    this.view.setUint32(this.len, v >>> 0, true);
    this.len += 4;
    this.total += 4;
  }

  /** Bytes [start, start + n) of `data`. */
  bytes(data: Uint8Array, start = 0, n = data.length - start): void {
    this.room(n);
    this.buf.set(data.subarray(start, start + n), this.len);
    this.len += n;
    this.total += n;
  }

  zeros(n: number): void {
    for (let i = 0; i < n; i++) this.u8(0);
  }

  /** Hand what is buffered to the sink. */
  flush(): void {
    if (this.len === 0) return;
    this.sink(this.buf.slice(0, this.len));
    this.len = 0;
  }
}
