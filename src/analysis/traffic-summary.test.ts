import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { PacketInfo } from '../decode/packet-info.js';
import { TrafficSummary } from './traffic-summary.js';

/** A hand-filled packet: one Ethernet header, IP layers [src,dst][], one TCP/UDP header on the last IP. */
function packet(opts: { ips: [number, number][]; proto: number; sport: number; dport: number; flags?: number; seq?: number; len?: number; ts?: number }): PacketInfo {
  const pi = new PacketInfo();
  pi.reset();
  pi.origLen = opts.len ?? 100;
  pi.capLen = pi.origLen;
  pi.tsSec = opts.ts ?? 1000;
  pi.linkType = 1;
  pi.ethCount = 1;
  pi.ethSrc[0] = 0x020000000001;
  pi.ethDst[0] = 0x020000000002;
  pi.ethType[0] = 0x0800;
  opts.ips.forEach(([s, d], i) => {
    pi.ipVersion[i] = 4;
    pi.ipSrc[i * 4 + 3] = s;
    pi.ipDst[i * 4 + 3] = d;
    pi.ipProto[i] = i === opts.ips.length - 1 ? opts.proto : 4;
  });
  pi.ipCount = opts.ips.length;
  pi.l4Count = 1;
  pi.l4Proto[0] = opts.proto;
  pi.l4Ip[0] = opts.ips.length - 1;
  pi.srcPort[0] = opts.sport;
  pi.dstPort[0] = opts.dport;
  pi.l4Complete[0] = 1;
  if (opts.proto === 6) {
    pi.tcpFlags = opts.flags ?? 0x10;
    pi.tcpSeq = opts.seq ?? 0;
  }
  return pi;
}

const C = 0x0a000001, S = 0x0a000002;

test('TCP client is the SYN sender; counters per direction', () => {
  const s = new TrafficSummary();
  s.add(packet({ ips: [[S, C]], proto: 6, sport: 80, dport: 4000, flags: 0x10, len: 60 })); // stray ACK first
  s.add(packet({ ips: [[C, S]], proto: 6, sport: 4000, dport: 80, flags: 0x02, seq: 7, len: 74 }));
  s.add(packet({ ips: [[S, C]], proto: 6, sport: 80, dport: 4000, flags: 0x12, len: 74 }));
  assert.equal(s.connections.created, 1);
  assert.equal(s.connections.clientIsA[0], 0); // A is the server (it sent first), B the client
  assert.deepEqual(Array.from(s.connections.counters.subarray(0, 4)), [2, 134, 1, 74]);
  assert.equal(s.ips.created, 2);
  assert.deepEqual(s.ips.countersOf(0), [1, 74, 2, 134]);
});

test('port reuse: a SYN with a new sequence number starts a new connection', () => {
  const s = new TrafficSummary();
  s.add(packet({ ips: [[C, S]], proto: 6, sport: 4000, dport: 80, flags: 0x02, seq: 1 }));
  s.add(packet({ ips: [[C, S]], proto: 6, sport: 4000, dport: 80, flags: 0x02, seq: 1 })); // retransmitted SYN
  s.add(packet({ ips: [[C, S]], proto: 6, sport: 4000, dport: 80, flags: 0x11, seq: 2 })); // FIN
  s.add(packet({ ips: [[C, S]], proto: 6, sport: 4000, dport: 80, flags: 0x02, seq: 999 })); // new SYN
  assert.equal(s.connections.created, 2);
  assert.equal(s.connections.counters[0], 3);
  assert.equal(s.connections.counters[4], 1);
});

test('a SYN after a RST on a connection joined mid-stream starts a new connection', () => {
  const s = new TrafficSummary();
  s.add(packet({ ips: [[C, S]], proto: 6, sport: 4000, dport: 80, flags: 0x14 }));
  s.add(packet({ ips: [[C, S]], proto: 6, sport: 4000, dport: 80, flags: 0x02, seq: 5 }));
  assert.equal(s.connections.created, 2);
});

test('tunnel views choose which IP headers count', () => {
  const outerA = 0xc0000201, outerB = 0xc0000202;
  const tunnelled = (): PacketInfo => packet({ ips: [[outerA, outerB], [C, S]], proto: 17, sport: 5000, dport: 53 });
  const all = new TrafficSummary({ tunnelView: 'all' });
  const outer = new TrafficSummary({ tunnelView: 'outer' });
  const inner = new TrafficSummary({ tunnelView: 'inner' });
  for (const s of [all, outer, inner]) s.add(tunnelled());
  assert.equal(all.ips.created, 4);
  assert.equal(outer.ips.created, 2);
  assert.equal(outer.ips.format(0), '192.0.2.1');
  assert.equal(outer.connections.created, 0); // the UDP header belongs to the inner IP header
  assert.equal(inner.ips.created, 2);
  assert.equal(inner.ips.format(0), '10.0.0.1');
  assert.equal(inner.connections.created, 1);
});

test('a frame that completes a fragmented datagram brings all its frames to the connection', () => {
  const s = new TrafficSummary();
  const pi = packet({ ips: [[C, S]], proto: 17, sport: 123, dport: 123, len: 500 });
  pi.reassembled = true;
  pi.reassembledFrames = 3;
  pi.reassembledBytes = 3500;
  s.add(pi);
  assert.deepEqual(Array.from(s.connections.counters.subarray(0, 4)), [3, 3500, 0, 0]);
  assert.deepEqual(s.ips.countersOf(0), [0, 0, 1, 500]); // the IP header counts this frame only
});

test('bogus L4 headers (l4Complete 0) do not make connections', () => {
  const s = new TrafficSummary();
  const pi = packet({ ips: [[C, S]], proto: 6, sport: 1, dport: 2 });
  pi.l4Complete[0] = 0;
  s.add(pi);
  assert.equal(s.connections.created, 0);
  assert.equal(s.ips.created, 2);
});
