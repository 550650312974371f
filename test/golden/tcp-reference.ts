/**
 * @module test/golden/tcp-reference
 * The shape of tshark's per-stream TCP analysis (test/fixtures/reference-tcp/<capture>.json, made by
 * make-tcp-reference.sh), and loading it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir } from '../support/paths.js';

export const referenceTcpDir = join(fixturesDir, 'reference-tcp');

export interface TcpDirectionRef {
  readonly segments: number;
  readonly payload_bytes: number;
  readonly syn: number;
  readonly synack: number;
  readonly fin: number;
  readonly rst: number;
  readonly mss: number | null;
  readonly wscale: number | null;
  /** Plain retransmissions only (fast and spurious ones are counted apart). */
  readonly retransmission: number;
  readonly fast_retransmission: number;
  readonly spurious_retransmission: number;
  readonly duplicate_ack: number;
  readonly zero_window: number;
  readonly out_of_order: number;
  readonly lost_segment: number;
  readonly ack_lost_segment: number;
  readonly keep_alive: number;
}

export interface TcpStreamRef {
  readonly stream: number;
  readonly a_addr: string;
  readonly a_port: number;
  readonly b_addr: string;
  readonly b_port: number;
  readonly first_ts_us: number;
  readonly frames: number;
  readonly initial_rtt_ns: number | null;
  /** SYN from syn_from, then a SYN/ACK from the other side, then the stream's first ACK-without-SYN from syn_from. */
  readonly handshake: { readonly complete: boolean; readonly syn_from: 'a_to_b' | 'b_to_a' | null };
  readonly a_to_b: TcpDirectionRef;
  readonly b_to_a: TcpDirectionRef;
}

export interface TcpReference {
  readonly file: string;
  readonly generator: { readonly tshark_version: string };
  readonly streams: readonly TcpStreamRef[];
}

/** tshark's TCP analysis of a corpus capture, or undefined when the capture has no TCP. */
export function loadTcpReference(pcapName: string): TcpReference | undefined {
  const path = join(referenceTcpDir, `${pcapName}.json`);
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) as TcpReference : undefined;
}
