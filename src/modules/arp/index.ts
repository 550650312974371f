/**
 * @module modules/arp
 * ARP (IPv4 over Ethernet): requests, replies, other opcodes, gratuitous ARP (sender IP equals
 * target IP, request or reply) and probes (sender IP 0.0.0.0), each with history; and the table of
 * what ARP announced: one binding per (sender MAC, sender IP) with first/last seen and the frames
 * that announced it. Probes announce nothing. An IP claimed by two or more MACs is a conflict
 * (answered at query time from the bindings).
 */
import type { PacketInfo } from '../../decode/packet-info.js';
import type { PacketRefs } from '../../pipeline/packet-refs.js';
import { Counter } from '../../store/counters.js';
import { KeyTable } from '../../store/key-table.js';
import { PairTable } from '../../store/pair-table.js';
import type { MeasurementModule, ModuleContext, ModuleFactory } from '../module.js';
import type { Resource } from '../resource.js';
import { countKey } from '../l2-shared/resources.js';
import { ArpKind } from './kinds.js';
import { arpResource } from './resources.js';

export { ArpKind, ARP_KIND_NAMES } from './kinds.js';

const TWO_32 = 0x100000000;

export class ArpModule implements MeasurementModule {
  readonly name = 'arp';
  /** Key (ArpKind, 0). */
  readonly kinds: KeyTable;
  /** Sender MACs of ARP frames: key (upper 16 bits, lower 32 bits). */
  readonly macs: KeyTable;
  /** (ARP MAC entity, sender IPv4 address). */
  readonly bindings: PairTable;

  constructor(readonly ctx: ModuleContext) {
    const store = ctx.store;
    this.kinds = store.addTable(new KeyTable('arp.kinds'));
    this.macs = store.addTable(new KeyTable('arp.macs'));
    this.bindings = store.addTable(new PairTable('arp.bindings', this.macs, null));
  }

  onPacket(pi: PacketInfo, refs: PacketRefs): void {
    if (!pi.isArp) return;
    const ts = refs.tsUs, len = refs.bytes, op = pi.arpOp;
    countKey(this.kinds, op === 1 ? ArpKind.Request : op === 2 ? ArpKind.Reply : ArpKind.OtherOp, 0, ts, refs.packets, len);
    const ip = pi.arpSenderIp;
    if (ip === 0) {
      countKey(this.kinds, ArpKind.Probe, 0, ts, refs.packets, len);
      return;
    }
    if (ip === pi.arpTargetIp) countKey(this.kinds, ArpKind.Gratuitous, 0, ts, refs.packets, len);
    const mac = pi.arpSenderMac;
    const m = this.macs.upsert(Math.floor(mac / TWO_32), mac % TWO_32, ts);
    if (m < 0) return;
    const b = this.bindings.upsert(m, ip, ts);
    if (b >= 0) this.bindings.addTraffic(b, Counter.TxPackets, refs.packets, len);
  }

  /** The MAC (48-bit number) of an ARP MAC entity. */
  macOf(m: number): number {
    return this.macs.keyAOf(m) * TWO_32 + this.macs.keyBOf(m);
  }

  resource(): Resource {
    return arpResource(this);
  }
}

export const createArpModule: ModuleFactory = (ctx) => new ArpModule(ctx);
