/**
 * @module core/byte-cursor
 * A reusable, bounds-checked reader over a window of a Uint8Array. Reads past the window never throw
 * and never return undefined: they return -1 and set `overrun`, so a parser checks once at the end
 * (or when it matters) that nothing was read out of range. Reset it per message; it allocates nothing.
 */
export class ByteCursor {
  data: Uint8Array = new Uint8Array(0);
  /** Next read position (absolute index into data). */
  pos = 0;
  /** End of the readable window (exclusive, absolute). */
  end = 0;
  /** Set when any read went past `end`. */
  overrun = false;

  reset(data: Uint8Array, start: number, end: number): this {
    this.data = data;
    this.pos = start;
    this.end = Math.min(end, data.length);
    this.overrun = false;
    return this;
  }

  remaining(): number {
    return this.end - this.pos;
  }

  has(n: number): boolean {
    return this.pos + n <= this.end;
  }

  skip(n: number): boolean {
    if (this.pos + n > this.end) {
      this.overrun = true;
      this.pos = this.end;
      return false;
    }
    this.pos += n;
    return true;
  }

  u8(): number {
    if (this.pos + 1 > this.end) return this.fail();
    return this.data[this.pos++] as number;
  }

  u16(): number {
    if (this.pos + 2 > this.end) return this.fail();
    const d = this.data, p = this.pos;
    this.pos = p + 2;
    return ((d[p] as number) << 8) | (d[p + 1] as number);
  }

  u24(): number {
    if (this.pos + 3 > this.end) return this.fail();
    const d = this.data, p = this.pos;
    this.pos = p + 3;
    return ((d[p] as number) << 16) | ((d[p + 1] as number) << 8) | (d[p + 2] as number);
  }

  u32(): number {
    if (this.pos + 4 > this.end) return this.fail();
    const d = this.data, p = this.pos;
    this.pos = p + 4;
    return (((d[p] as number) << 24) | ((d[p + 1] as number) << 16) | ((d[p + 2] as number) << 8) | (d[p + 3] as number)) >>> 0;
  }

  /** Peek a byte at an absolute position inside the window, or -1. */
  at(p: number): number {
    if (p < 0 || p >= this.end) return -1;
    return this.data[p] as number;
  }

  private fail(): number {
    this.overrun = true;
    this.pos = this.end;
    return -1;
  }
}
