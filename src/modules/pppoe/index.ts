/**
 * @module modules/pppoe
 * PPPoE sessions and discovery. A session is named by its session id; its MACs are the source and
 * destination of the outermost Ethernet header of the first session frame seen (side A = that
 * frame's sender). Session traffic counts from side A's point of view: frames from A are tx, the
 * others rx. Two access concentrators that hand out the same session id share one row (the MACs
 * shown are the first pair). Discovery frames (PADI, PADO, PADR, PADS, PADT) count per code.
 */
import type { PacketInfo } from '../../decode/packet-info.js';
import type { PacketRefs } from '../../pipeline/packet-refs.js';
import { Counter } from '../../store/counters.js';
import { KeyTable } from '../../store/key-table.js';
import { resized } from '../../store/resize.js';
import type { MeasurementModule, ModuleContext, ModuleFactory } from '../module.js';
import type { Resource } from '../resource.js';
import { countKey } from '../l2-shared/resources.js';
import { pppoeResource } from './resources.js';

export class PppoeModule implements MeasurementModule {
  readonly name = 'pppoe';
  /** Key (session id, 0). */
  readonly sessions: KeyTable;
  /** Key (discovery code, 0). */
  readonly discovery: KeyTable;
  /** Per session: MAC of side A and of side B (-1 when the frame had no Ethernet header). */
  macA = new Float64Array(0);
  macB = new Float64Array(0);

  constructor(readonly ctx: ModuleContext) {
    this.sessions = ctx.store.addTable(new KeyTable('pppoe.sessions'));
    this.discovery = ctx.store.addTable(new KeyTable('pppoe.discovery'));
    this.sessions.listen({
      resize: (cap) => {
        this.macA = resized(this.macA, cap);
        this.macB = resized(this.macB, cap);
      },
      reset: (e) => {
        this.macA[e] = -1;
        this.macB[e] = -1;
      },
      evicted: () => undefined,
    });
    this.sessions.declareBytesPerEntity(16);
  }

  onPacket(pi: PacketInfo, refs: PacketRefs): void {
    const ts = refs.tsUs, len = refs.bytes;
    if (pi.pppoeCode >= 0) {
      countKey(this.discovery, pi.pppoeCode, 0, ts, refs.packets, len);
      return;
    }
    if (pi.pppoeSession < 0) return;
    const e = this.sessions.upsert(pi.pppoeSession, 0, ts);
    if (e < 0) return;
    const src = pi.ethCount > 0 ? (pi.ethSrc[0] as number) : -1;
    if ((this.macA[e] as number) < 0 && src >= 0) {
      this.macA[e] = src;
      this.macB[e] = pi.ethDst[0] as number;
    }
    this.sessions.addTraffic(e, src === this.macA[e] ? Counter.TxPackets : Counter.RxPackets, refs.packets, len);
  }

  resource(): Resource {
    return pppoeResource(this);
  }
}

export const createPppoeModule: ModuleFactory = (ctx) => new PppoeModule(ctx);
