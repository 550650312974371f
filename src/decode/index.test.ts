import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { PacketBatch } from '../source/types.js';
import { ANOMALIES } from './anomalies.js';
import { ETHER_TYPE_LAYER, GRE_PROTO_LAYER, IP_PROTO_LAYER, Layer, LINK_TYPE_LAYER, PPP_PROTO_LAYER, udpPortTable } from './dispatch.js';
import { DEFAULT_DECODER_OPTIONS, PacketDecoder } from './index.js';
import { PacketInfo } from './packet-info.js';
import { anomalyText, bytes, decodeOne, eth, fixtureFrame, frame, ipv4, l4Text, tcp, udp } from './test-frames.js';

test('options: documented defaults, validated', () => {
  const d = new PacketDecoder();
  assert.deepEqual(d.options, DEFAULT_DECODER_OPTIONS);
  assert.deepEqual([...d.options.vxlanPorts], [4789, 8472]);
  assert.deepEqual([...d.options.genevePorts], [6081]);
  assert.deepEqual([...d.options.gtpuPorts], [2152]);
  assert.equal(new PacketDecoder({ maxTunnelDepth: 1 }).options.maxTunnelDepth, 1);
  for (const bad of [{ reassemblyMemoryBytes: -1 }, { reassemblyTimeoutSec: Number.NaN }, { reassemblyMaxPieces: 0 }, { maxTunnelDepth: -2 }]) {
    assert.throws(() => new PacketDecoder(bad), RangeError);
  }
});

test('decode(batch, i, out) reads the batch arrays; a Buffer works like a Uint8Array', () => {
  const a = eth(0x0800, ipv4(17, udp(1, 2, '00'))), b = eth(0x0806, bytes('0001 0800 0604 0001', new Uint8Array(20)));
  const data = Buffer.concat([Buffer.from('xxxx'), a, b]);
  const batch: PacketBatch = {
    data, count: 2,
    offset: Int32Array.of(4, 4 + a.length), capLen: Int32Array.of(a.length, b.length), origLen: Int32Array.of(a.length, 60),
    tsSec: Float64Array.of(1700000000, 1700000001), tsNsec: Int32Array.of(5, 6), linkType: Int32Array.of(1, 1), interfaceId: Int32Array.of(0, 3),
  };
  const decoder = new PacketDecoder();
  const out = new PacketInfo();
  decoder.decode(batch, 0, out);
  assert.deepEqual(l4Text(out), ['udp 1>2 @0']);
  assert.deepEqual([out.start, out.capLen, out.origLen, out.tsSec, out.tsNsec, out.linkType, out.interfaceId], [4, a.length, a.length, 1700000000, 5, 1, 0]);
  assert.equal(out.data, data);
  decoder.decode(batch, 1, out);
  assert.equal(out.isArp, true);
  assert.deepEqual([out.origLen, out.interfaceId, out.ipCount, out.l4Count], [60, 3, 0, 0]);
  assert.equal(decoder.packets, 2);
});

test('every packet starts from a reset PacketInfo', () => {
  const decoder = new PacketDecoder();
  const out = decodeOne(fixtureFrame('zeek_tls_chrome-34-google.pcap', 0), decoder);
  assert.equal(out.tcpMss, 1460);
  decodeOne(fixtureFrame('zeek_arp-who-has.pcap', 0), decoder, out);
  assert.deepEqual([out.ipCount, out.l4Count, out.tcpFlags, out.tcpMss, out.tcpWindowScale, out.tcpTsVal, out.icmpType], [0, 0, -1, -1, -1, -1, -1]);
  decodeOne(frame(bytes('00')), decoder, out);
  assert.deepEqual([out.ethCount, out.isArp, out.malformed], [0, false, true]);
  decodeOne(fixtureFrame('zeek_icmp_5-pings.pcap', 0), decoder, out);
  assert.deepEqual([out.anomalyCount, out.firstAnomaly, out.malformed, out.icmpType], [0, -1, false, 8]);
});

test('anomaly counts and malformed packets add up over packets', () => {
  const decoder = new PacketDecoder();
  for (let i = 0; i < 3; i++) decodeOne(frame(bytes('0011')), decoder);
  decodeOne(fixtureFrame('tcpdump_ipv4_invalid_total_length.pcap', 0), decoder);
  assert.deepEqual(anomalyText(decoder), ['eth.truncated=3', 'ipv4.total_length_exceeds_frame=1']);
  assert.equal(decoder.malformedPackets, 3);
});

test('arguments outside the buffer never throw', () => {
  const decoder = new PacketDecoder();
  const out = new PacketInfo();
  const data = eth(0x0800, ipv4(6, tcp(1, 2)));
  for (const [start, capLen, origLen] of [[-5, 10, 10], [0, 1000, 1000], [50, 100, 0], [0, -1, -1], [1.5, 20, 20], [Number.NaN, 20, 20], [0, Number.NaN, Number.NaN]] as const) {
    decoder.decodeFrame(data, start, capLen, origLen, 1, 0, 0, 0, out);
    assert.ok(out.payloadOffset >= 0 && out.payloadOffset + out.payloadLen <= data.length, `${start} ${capLen}`);
  }
  decoder.decodeFrame(new Uint8Array(0), 0, 0, 0, 1, 0, 0, 0, out);
  assert.equal(decoder.anomalyCounts[ANOMALIES.findIndex((a) => a.id === 'frame.decoder_error')], 0);
});

test('maxTunnelDepth bounds nested tunnels (tunnel.too_deep)', () => {
  let packet = ipv4(6, tcp(1, 2));
  for (let i = 0; i < 6; i++) packet = ipv4(4, packet);
  const decoder = new PacketDecoder({ maxTunnelDepth: 2 });
  const out = decodeOne(frame(eth(0x0800, packet)), decoder);
  assert.equal(out.ipCount, 3);
  assert.deepEqual(anomalyText(decoder), ['tunnel.too_deep=1']);
  const deep = decodeOne(frame(eth(0x0800, packet)), new PacketDecoder({ maxTunnelDepth: 10 }));
  assert.equal(deep.ipCount, 4); // MAX_IP_LAYERS
  assert.equal(deep.l4Count, 0);
});

test('the anomaly registry: unique <proto>.<snake_case> ids, each raised somewhere in src/decode', () => {
  const ids = ANOMALIES.map((a) => a.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.match(id, /^[a-z0-9]+\.[a-z0-9_]+$/);
  const here = dirname(fileURLToPath(import.meta.url));
  const sources = readdirSync(here).filter((f) => f.endsWith('.js') && !f.includes('test') && !f.includes('bench') && f !== 'anomalies.js')
    .map((f) => readFileSync(join(here, f), 'utf8')).join('\n');
  for (const id of ids) assert.ok(sources.includes(`'${id}'`), `${id} is never raised`);
});

test('dispatch tables are data: EtherType, IP protocol, PPP, GRE, link type, UDP ports', () => {
  assert.equal(ETHER_TYPE_LAYER[0x0800], Layer.Ipv4);
  assert.equal(ETHER_TYPE_LAYER[0x88a8], Layer.Vlan);
  assert.equal(ETHER_TYPE_LAYER[0x6558], Layer.None);
  assert.equal(GRE_PROTO_LAYER[0x6558], Layer.Ethernet);
  assert.equal(GRE_PROTO_LAYER[0x880b], Layer.PppHdlc);
  assert.equal(IP_PROTO_LAYER[41], Layer.Ipv6);
  assert.equal(IP_PROTO_LAYER[50], Layer.None);
  assert.equal(PPP_PROTO_LAYER[0x0281], Layer.Mpls);
  assert.equal(LINK_TYPE_LAYER[276], Layer.Sll2);
  const ports = udpPortTable([4789], [6081], [2152, 0, 70000, 1.5]);
  assert.deepEqual([ports[4789], ports[6081], ports[2152], ports[0], ports[1]], [Layer.Vxlan, Layer.Geneve, Layer.GtpU, 0, 0]);
});
