/** Number, size, rate and time formatting for the UI (SI prefixes for rates, binary for memory). */

const SI = ['', 'k', 'M', 'G', 'T', 'P'];

export function si(n: number, unit: string, digits = 3): string {
  if (!Number.isFinite(n)) return '–';
  let i = 0;
  let v = Math.abs(n);
  while (v >= 1000 && i < SI.length - 1) { v /= 1000; i++; }
  const p = v.toPrecision(digits);
  // Trailing zeros only after a decimal point: 100 stays 100, 1.50 becomes 1.5.
  const s = v === 0 ? '0' : p.includes('e') ? String(Number(p)) : p.includes('.') ? p.replace(/\.?0+$/, '') : p;
  return `${n < 0 ? '-' : ''}${s} ${SI[i] ?? ''}${unit}`;
}

export const bytes = (n: number): string => si(n, 'B');
export const bits = (n: number): string => si(n, 'bit/s');
export const pps = (n: number): string => si(n, 'pkt/s');

export function mib(n: number): string {
  return `${(n / 2 ** 20).toFixed(1)} MiB`;
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** Epoch seconds → `2015-01-03 13:05:31` (UTC, packet time is not local time). */
export function time(sec: number | null | undefined): string {
  if (sec === null || sec === undefined || !Number.isFinite(sec)) return '–';
  const d = new Date(sec * 1000);
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, '').replace('Z', '');
}

export function duration(sec: number | null | undefined): string {
  if (sec === null || sec === undefined || !Number.isFinite(sec)) return '–';
  if (sec < 1) return `${(sec * 1000).toFixed(1)} ms`;
  if (sec < 120) return `${sec.toFixed(1)} s`;
  if (sec < 7200) return `${(sec / 60).toFixed(1)} min`;
  if (sec < 172800) return `${(sec / 3600).toFixed(1)} h`;
  return `${(sec / 86400).toFixed(1)} days`;
}

/** A cell value for display: numbers grouped, objects as compact JSON. */
export function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? count(v) : v.toFixed(3).replace(/\.?0+$/, '');
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return JSON.stringify(v);
}
