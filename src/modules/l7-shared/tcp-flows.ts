/**
 * @module modules/l7-shared/tcp-flows
 * The per-connection bookkeeping a TCP dissector module shares (http, ssl): one state byte per
 * connection in a typed array (new, collecting, finished), grown and cleared with the connection
 * table, a StreamPrefix collecting the flows being dissected, and the test that decides whether a
 * frame is one for the dissector (innermost TCP header, connection not finished). Per frame of an
 * uninteresting flow the cost is one array read.
 */
import type { PacketInfo } from '../../decode/packet-info.js';
import type { ConnectionTable } from '../../flow/connection-table.js';
import type { PacketRefs } from '../../pipeline/packet-refs.js';
import { StreamPrefix, type StreamPrefixOptions } from '../../protocols/tcp-stream/index.js';
import { resized } from '../../store/resize.js';
import { clientIsA } from '../connections/connection-list.js';

export const FlowState = { New: 0, Collecting: 1, Finished: 2 } as const;

const TCP = 6;

export class TcpFlows {
  state = new Uint8Array(0);
  readonly stream: StreamPrefix;
  /** Called when a connection id is cleared (reused or evicted) while collecting. */
  private readonly onDrop: (e: number) => void;

  constructor(t: ConnectionTable, onDrop: (e: number) => void, options?: Partial<StreamPrefixOptions>) {
    this.stream = new StreamPrefix(options);
    this.onDrop = onDrop;
    t.listen({
      resize: (cap) => { this.state = resized(this.state, cap); },
      reset: (e) => { this.drop(e); },
      evicted: (mark) => {
        for (let e = 0; e < mark.length && e < this.state.length; e++) if (mark[e] === 1) this.drop(e);
      },
    });
    t.declareBytesPerEntity(1);
  }

  private drop(e: number): void {
    if (this.state[e] === FlowState.Collecting) {
      this.stream.close(e);
      this.onDrop(e);
    }
    this.state[e] = FlowState.New;
  }

  /** The connection of a frame when it is an unfinished TCP connection's innermost header, else -1. */
  static frameConnection(pi: PacketInfo, refs: PacketRefs, t: ConnectionTable, state: Uint8Array): number {
    const c = refs.conn;
    if (c < 0 || state[c] === FlowState.Finished || t.proto[c] !== TCP || refs.connL4 !== pi.l4Count - 1) return -1;
    return c;
  }

  /** Direction in the stream: 0 client → server, 1 server → client. */
  static direction(refs: PacketRefs, t: ConnectionTable, c: number): 0 | 1 {
    return refs.connFromA === (clientIsA(t, c) === 1) ? 0 : 1;
  }

  finish(c: number): void {
    this.stream.close(c);
    this.state[c] = FlowState.Finished;
  }
}

/**
 * Grows a per-connection array of objects to `capacity` entries with explicit undefined, so that
 * it stays a dense array (a write far past its end would turn it into a slow dictionary).
 */
export function growDense(list: unknown[], capacity: number): void {
  while (list.length < capacity) list.push(undefined);
}
