/**
 * @module source/sniff
 * Recognise a capture format from its first bytes, and say what a file is when it is not one.
 */
import { PcapMagic } from './pcap.js';

export type SniffedFormat = 'pcap' | 'pcapng' | 'gzip';

/** Bytes needed to recognise every supported format. */
export const SNIFF_BYTES = 4;

/** Bytes read at open: enough to sniff and to name what the input is when it is not a capture. */
export const SHOWN_BYTES = 16;

const GZIP_1 = 0x1f, GZIP_2 = 0x8b;
const PCAPNG_SHB = [0x0a, 0x0d, 0x0d, 0x0a] as const;

function le32(b: Uint8Array): number {
  return ((b[0] as number) | ((b[1] as number) << 8) | ((b[2] as number) << 16) | ((b[3] as number) << 24)) >>> 0;
}

/** The format of an input starting with `head`, or null when it is none we read. */
export function sniffFormat(head: Uint8Array): SniffedFormat | null {
  if (head.length >= 2 && head[0] === GZIP_1 && head[1] === GZIP_2) return 'gzip';
  if (head.length < SNIFF_BYTES) return null;
  const m = le32(head);
  if (m === PcapMagic.MicrosLittle || m === PcapMagic.MicrosBig || m === PcapMagic.NanosLittle || m === PcapMagic.NanosBig) return 'pcap';
  if (PCAPNG_SHB.every((v, i) => head[i] === v)) return 'pcapng';
  return null;
}

/** True when `head` (shorter than SNIFF_BYTES) could be the start of a format we read. */
export function isKnownMagicPrefix(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  const magics: number[][] = [[GZIP_1, GZIP_2], [...PCAPNG_SHB]];
  for (const m of Object.values(PcapMagic)) magics.push([m & 255, (m >>> 8) & 255, (m >>> 16) & 255, m >>> 24]);
  return magics.some((m) => head.every((v, i) => i >= m.length || m[i] === v));
}

/** Hints for formats people hand us by mistake, by their leading bytes. */
const KNOWN_OTHERS: readonly (readonly [readonly number[], string])[] = [
  [[0x28, 0xb5, 0x2f, 0xfd], 'zstd-compressed data (only gzip compression is read)'],
  [[0xfd, 0x37, 0x7a, 0x58], 'xz-compressed data (only gzip compression is read)'],
  [[0x42, 0x5a, 0x68], 'bzip2-compressed data (only gzip compression is read)'],
  [[0x04, 0x22, 0x4d, 0x18], 'lz4-compressed data (only gzip compression is read)'],
  [[0x50, 0x4b, 0x03, 0x04], 'a zip archive (unpack it first)'],
  [[0x73, 0x6e, 0x6f, 0x6f], 'a snoop capture (convert it with editcap -F pcap)'],
  [[0x34, 0xcd, 0xb2, 0xa1], 'a modified (Kuznetzov) pcap (convert it with editcap -F pcap)'],
  [[0xa1, 0xb2, 0xcd, 0x34], 'a modified (Kuznetzov) pcap (convert it with editcap -F pcap)'],
];

/** Why `head` is not a capture we read, naming its first bytes. */
export function describeUnknownFormat(head: Uint8Array, compressed: boolean): string {
  const what = compressed ? 'the gzip-compressed data is not' : 'not';
  if (head.length === 0) return compressed ? 'the gzip-compressed data is empty' : 'the input is empty';
  const shown = Array.from(head.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
  const hint = KNOWN_OTHERS.find(([m]) => m.every((v, i) => head[i] === v));
  const looks = hint === undefined ? '' : `; it looks like ${hint[1]}`;
  return `${what} a pcap or pcapng capture: first bytes ${shown}${looks}`;
}
