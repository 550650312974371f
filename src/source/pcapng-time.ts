/**
 * @module source/pcapng-time
 * pcapng timestamps are a 64-bit count of units per interface (if_tsresol: 10^-d or 2^-b seconds)
 * plus an offset in seconds (if_tsoffset). These convert them to whole seconds and nanoseconds
 * exactly, without BigInt, for the resolutions files use (10^-0..10^-9, 2^-0..2^-32); finer or
 * stranger resolutions take an exact BigInt path (allocates; such files are rare).
 */

const TWO32 = 4_294_967_296;
/** 5^9: frac * 10^9 / 2^b = frac * 5^9 / 2^(b-9), and frac * 5^9 < 2^53 for frac < 2^32. */
const FIVE_POW_9 = 1_953_125;

export const TsKind = { Decimal: 0, Binary: 1, Exact: 2 } as const;
export type TsKind = (typeof TsKind)[keyof typeof TsKind];

/** How one interface's timestamps are converted (all fields numbers; one object per interface). */
export class TsResolution {
  kind: TsKind = TsKind.Decimal;
  /** Decimal: units per second (10^d). */
  unitsPerSec = 1_000_000;
  /** Decimal: nanoseconds per unit (10^(9-d)). */
  nsPerUnit = 1000;
  /** Binary: b in 2^-b. */
  shift = 0;
  /** Decimal digits needed to show one unit (6 for µs, 9 for ns, ceil(b·log10 2) for 2^-b). */
  digits = 6;
  /** The if_tsresol byte. */
  raw = 6;

  /** Set from an if_tsresol option byte (default 6 = µs). */
  static fromOption(byte: number): TsResolution {
    const r = new TsResolution();
    r.raw = byte;
    const exp = byte & 0x7f;
    if ((byte & 0x80) === 0) {
      r.digits = exp;
      if (exp <= 9) {
        r.kind = TsKind.Decimal;
        r.unitsPerSec = 10 ** exp;
        r.nsPerUnit = 10 ** (9 - exp);
      } else r.kind = TsKind.Exact;
    } else {
      r.shift = exp;
      r.digits = Math.ceil(exp * Math.LOG10E * Math.LN2);
      r.kind = exp <= 32 ? TsKind.Binary : TsKind.Exact;
    }
    return r;
  }
}

/** Output of toSecNs (reused; read right after the call). */
export class TsOut {
  sec = 0;
  ns = 0;
}

/** Convert (high, low) units to seconds and nanoseconds (truncated) into `out`. */
export function toSecNs(r: TsResolution, high: number, low: number, out: TsOut): void {
  if (r.kind === TsKind.Decimal) {
    const R = r.unitsPerSec;
    let sec: number, rem: number;
    if (high < 0x100000) {
      // The count is below 2^52: exact in a double, and so are sec*R and the remainder.
      const ts = high * TWO32 + low;
      sec = Math.floor(ts / R);
      rem = ts - sec * R;
    } else {
      // Long division by R (<= 10^9 < 2^30) in base 2^16: every intermediate stays below 2^53.
      const qh = Math.floor(high / R);
      rem = high - qh * R;
      let x = rem * 65536 + (low >>> 16);
      const qm = Math.floor(x / R);
      rem = x - qm * R;
      x = rem * 65536 + (low & 0xffff);
      const ql = Math.floor(x / R);
      rem = x - ql * R;
      sec = qh * TWO32 + qm * 65536 + ql;
    }
    if (rem < 0) { sec -= 1; rem += R; } else if (rem >= R) { sec += 1; rem -= R; }
    out.sec = sec;
    out.ns = rem * r.nsPerUnit;
    return;
  }
  if (r.kind === TsKind.Binary) {
    const b = r.shift;
    let frac: number;
    if (b === 32) {
      out.sec = high;
      frac = low;
    } else {
      const whole = low >>> b;
      out.sec = high * 2 ** (32 - b) + whole;
      frac = low - whole * 2 ** b;
    }
    out.ns = b >= 9 ? Math.floor((frac * FIVE_POW_9) / 2 ** (b - 9)) : frac * FIVE_POW_9 * 2 ** (9 - b);
    return;
  }
  exactSecNs(r, high, low, out);
}

function exactSecNs(r: TsResolution, high: number, low: number, out: TsOut): void {
  const exp = BigInt(r.raw & 0x7f);
  const perSec = (r.raw & 0x80) === 0 ? 10n ** exp : 1n << exp;
  const ts = (BigInt(high) << 32n) | BigInt(low);
  out.sec = Number(ts / perSec);
  out.ns = Number(((ts % perSec) * 1_000_000_000n) / perSec);
}
