/**
 * @module fuzz/mutate
 * A small deterministic mutator for fuzzing: given a seed input and a PRNG state it returns a mutated
 * copy (bit flips, byte sets to interesting values, truncation, duplication of a slice, length-field
 * style 16/32-bit overwrites). Deterministic so that a failing case is reproducible from its seed.
 */

/** xorshift32 PRNG; returns a function giving uint32 values. */
export function prng(seed: number): () => number {
  let s = seed >>> 0 || 0x9e3779b9;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

const INTERESTING = [0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe, 0x40, 0x20, 0x10, 0x08];

/** Return a mutated copy of `input` (1 to 4 mutations). */
export function mutate(input: Uint8Array, rand: () => number): Uint8Array {
  let out = Uint8Array.from(input);
  const n = 1 + (rand() % 4);
  for (let k = 0; k < n; k++) {
    const len = out.length;
    const op = rand() % 7;
    if (len === 0) {
      out = Uint8Array.from([rand() & 255]);
      continue;
    }
    const p = rand() % len;
    switch (op) {
      case 0: // flip a bit
        out[p] = (out[p] ?? 0) ^ (1 << (rand() % 8));
        break;
      case 1: // interesting byte
        out[p] = INTERESTING[rand() % INTERESTING.length] ?? 0;
        break;
      case 2: // random byte
        out[p] = rand() & 255;
        break;
      case 3: // truncate
        out = out.subarray(0, p);
        break;
      case 4: // 16-bit extreme value (length fields)
        if (p + 1 < len) {
          const v = [0, 0xffff, 0x8000, len & 0xffff][rand() % 4] ?? 0;
          out[p] = v >> 8;
          out[p + 1] = v & 255;
        }
        break;
      case 5: // 32-bit extreme value
        if (p + 3 < len) {
          const v = [0, 0xffffffff, 0x7fffffff, 0x80000000][rand() % 4] ?? 0;
          out[p] = v >>> 24;
          out[p + 1] = (v >>> 16) & 255;
          out[p + 2] = (v >>> 8) & 255;
          out[p + 3] = v & 255;
        }
        break;
      default: { // duplicate a slice at the end
        const q = p + (rand() % Math.max(1, Math.min(64, len - p)));
        const grown = new Uint8Array(len + (q - p));
        grown.set(out);
        grown.set(out.subarray(p, q), len);
        out = grown;
      }
    }
  }
  return out;
}
