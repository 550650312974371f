/**
 * @module modules/icmp
 * ICMP and ICMPv6 messages: traffic per (version, type, code) globally and per IP, with history.
 * The message of a packet is its innermost ICMP header (PacketInfo.icmpType/icmpCode); the IP
 * layer that carries it is the innermost one in view.
 * REST: icmp/types_paged (global list), icmp/ips_paged (per IP and message).
 */
import type { PacketInfo } from '../../decode/packet-info.js';
import type { PacketRefs } from '../../pipeline/packet-refs.js';
import { Counter } from '../../store/counters.js';
import { KeyTable } from '../../store/key-table.js';
import { PairTable } from '../../store/pair-table.js';
import { entityListView } from '../entity-list.js';
import type { MeasurementModule, ModuleContext } from '../module.js';
import type { JsonObject, Resource } from '../resource.js';
import { icmpTypeName } from './icmp-names.js';
import { int, objectSchema, str, withTraffic } from '../traffic-schema.js';

const MESSAGE = { version: { type: 'string', enum: ['ICMP', 'ICMPv6'] }, type: int, code: int, name: str } as const;

/** Packs (version, type, code) into one key word. */
function messageKey(version: number, type: number, code: number): number {
  return (version << 16) | (type << 8) | code;
}

function messageJson(key: number): JsonObject {
  const version = key >>> 16, type = (key >>> 8) & 0xff, code = key & 0xff;
  return { version: version === 6 ? 'ICMPv6' : 'ICMP', type, code, name: icmpTypeName(version, type) };
}

export class IcmpModule implements MeasurementModule {
  readonly name = 'icmp';
  readonly ctx: ModuleContext;
  /** (message key, 0). */
  readonly messages: KeyTable;
  /** (IP entity, message key): tx when the IP sent the message. */
  readonly perIp: PairTable;

  constructor(ctx: ModuleContext) {
    this.ctx = ctx;
    this.messages = ctx.store.addTable(new KeyTable('icmp_message', { initialCapacity: 64 }));
    this.perIp = ctx.store.addTable(new PairTable('icmp_ip', ctx.core.ips, null, { initialCapacity: 256 }));
  }

  onPacket(): void {
    // ICMP types are per frame: see onFrame.
  }

  /** Every frame: batches of like frames do not keep the ICMP type. */
  onFrame(pi: PacketInfo, refs: PacketRefs): void {
    if (pi.icmpType < 0) return;
    // The innermost IP header in view: from the entity refs, or from the connection of a frame
    // that joined a batch (its entity refs are empty).
    let i: number, src: number, dst: number;
    if (refs.ipLayers > 0) {
      const r = refs.ipLayers - 1;
      i = refs.ipLayer[r] as number;
      src = refs.ipSrc[r] as number;
      dst = refs.ipDst[r] as number;
    } else if (refs.conn >= 0) {
      i = refs.connIp;
      src = refs.connIpSrc;
      dst = refs.connIpDst;
    } else {
      return;
    }
    const version = pi.ipVersion[i] as number;
    const proto = pi.ipProto[i] as number;
    if (proto !== 1 && proto !== 58) return;
    const key = messageKey(version, pi.icmpType, pi.icmpCode < 0 ? 0 : pi.icmpCode);
    const len = refs.wireLen, tsUs = refs.tsUs;
    const m = this.messages.upsertHot(key, 0, tsUs);
    if (m >= 0) this.messages.addTraffic(m, Counter.RxPackets, 1, len);
    if (src >= 0) {
      const p = this.perIp.upsert(src, key, tsUs);
      if (p >= 0) this.perIp.addTraffic(p, Counter.TxPackets, 1, len);
    }
    if (dst >= 0) {
      const p = this.perIp.upsert(dst, key, tsUs);
      if (p >= 0) this.perIp.addTraffic(p, Counter.RxPackets, 1, len);
    }
  }

  resource(): Resource {
    const { store, core } = this.ctx;
    const msg = this.messages, per = this.perIp;
    return {
      kind: 'object',
      name: 'icmp',
      schema: objectSchema({ messageTypes: int }),
      get: () => ({ messageTypes: msg.live }),
      children: [
        {
          kind: 'list', name: 'types_paged', defaultSort: 'packets',
          schema: withTraffic(MESSAGE),
          open: (q) => entityListView({
            table: msg, store,
            columns: [
              { name: 'type', type: 'number', value: (e) => (msg.keyAOf(e) >>> 8) & 0xff },
              { name: 'code', type: 'number', value: (e) => msg.keyAOf(e) & 0xff },
              { name: 'name', type: 'string', value: (e) => icmpTypeName(msg.keyAOf(e) >>> 16, (msg.keyAOf(e) >>> 8) & 0xff) },
            ],
            searchText: (e) => icmpTypeName(msg.keyAOf(e) >>> 16, (msg.keyAOf(e) >>> 8) & 0xff),
            json: (e) => messageJson(msg.keyAOf(e)),
          }, q),
        },
        {
          kind: 'list', name: 'ips_paged', defaultSort: 'packets',
          schema: withTraffic({ ip: str, ...MESSAGE }),
          open: (q) => entityListView({
            table: per, store,
            columns: [
              { name: 'ip', type: 'string', value: (e) => core.ips.format(per.keyAOf(e)) },
              { name: 'type', type: 'number', value: (e) => (per.keyBOf(e) >>> 8) & 0xff },
              { name: 'code', type: 'number', value: (e) => per.keyBOf(e) & 0xff },
            ],
            searchText: (e) => `${core.ips.format(per.keyAOf(e))} ${icmpTypeName(per.keyBOf(e) >>> 16, (per.keyBOf(e) >>> 8) & 0xff)}`,
            json: (e) => ({ ip: core.ips.format(per.keyAOf(e)), ...messageJson(per.keyBOf(e)) }),
          }, q),
        },
      ],
    };
  }
}

export function createIcmpModule(ctx: ModuleContext): IcmpModule {
  return new IcmpModule(ctx);
}
