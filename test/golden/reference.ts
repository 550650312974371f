/**
 * @module test/golden/reference
 * The shape of tshark's reference JSON (made by make-reference.sh), the parts the golden tests read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceDir } from '../support/paths.js';

export interface EndpointRow {
  readonly address: string;
  readonly packets: number;
  readonly bytes: number;
  readonly tx_packets: number;
  readonly tx_bytes: number;
  readonly rx_packets: number;
  readonly rx_bytes: number;
}

export interface ConversationRow {
  readonly a_addr: string;
  readonly a_port: number;
  readonly b_addr: string;
  readonly b_port: number;
  readonly stream: number;
  readonly a_to_b_frames: number;
  readonly a_to_b_bytes: number;
  readonly b_to_a_frames: number;
  readonly b_to_a_bytes: number;
}

export interface Reference {
  readonly file: string;
  readonly frames: { readonly count: number; readonly frame_len_total: number; readonly first_frame_ts_us: number | null; readonly last_frame_ts_us: number | null };
  readonly endpoints: { readonly eth: readonly EndpointRow[]; readonly ip: readonly EndpointRow[]; readonly ipv6: readonly EndpointRow[] };
  readonly conversations: { readonly tcp: readonly ConversationRow[]; readonly udp: readonly ConversationRow[] };
  readonly problems: readonly unknown[];
}

export function loadReference(pcapName: string): Reference {
  return JSON.parse(readFileSync(join(referenceDir, `${pcapName}.json`), 'utf8')) as Reference;
}
