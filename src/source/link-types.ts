/**
 * @module source/link-types
 * The link-type value a source reports for an interface. Files carry tcpdump.org LINKTYPE_ values
 * in the low 16 bits; a few writers put a platform's DLT_ value there instead. We translate the one
 * such value seen in real files so the decoder needs only LINKTYPE_ values.
 */
import { LinkType } from './types.js';

/** DLT_RAW on Linux and most BSDs (written into pcapng by some macOS tools). */
const DLT_RAW_12 = 12;

/** LINKTYPE_ value for a link-type field from a file (low 16 bits, DLT aliases translated). */
export function normalizeLinkType(field: number): number {
  const lt = field & 0xffff;
  // Wireshark reads 12 as raw IP on every platform but OpenBSD (where it is DLT_LOOP).
  return lt === DLT_RAW_12 ? LinkType.Raw : lt;
}
