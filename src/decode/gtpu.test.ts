import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { PacketDecoder } from './index.js';
import { bytes, decodeOne, eth, firstAnomalyId, frame, ipText, ipv4, ipv6, l4Text, truncationProblems, udp } from './test-frames.js';

const INNER = ipv4(17, udp(7, 8, 'aabb'), { src: 0xc0a80001, dst: 0xc0a80002 });

function gtp(header: string, payload: Uint8Array): ReturnType<typeof frame> {
  return frame(eth(0x0800, ipv4(17, udp(2152, 2152, bytes(header, payload)))));
}

test('GTP-U G-PDU carrying IPv4', () => {
  const out = decodeOne(gtp(`30ff ${INNER.length.toString(16).padStart(4, '0')} 00000001`, INNER));
  assert.deepEqual(ipText(out), ['10.0.0.1>10.0.0.2', '192.168.0.1>192.168.0.2']);
  assert.deepEqual(l4Text(out), ['udp 2152>2152 @0', 'udp 7>8 @1']);
});

test('GTP-U with a sequence number and an extension header (PDU session container), carrying IPv6', () => {
  const inner6 = ipv6(17, udp(7, 8, 'aabb'));
  const len = (4 + 8 + inner6.length).toString(16).padStart(4, '0');
  const out = decodeOne(gtp(`36ff ${len} 00000001 0001 00 85 01 0001 00`, inner6));
  assert.deepEqual(ipText(out), ['10.0.0.1>10.0.0.2', '2001:db8::1>2001:db8::2']);
  assert.equal(out.anomalyCount, 0);
});

test('GTP-U signalling (echo request) ends decoding', () => {
  const out = decodeOne(gtp('3201 0004 00000000 0001 0000', new Uint8Array(0)));
  assert.deepEqual([out.ipCount, out.anomalyCount], [1, 0]);
});

test('GTP version 2 on the GTP-U port: gtpu.bad_version; disabled by option', () => {
  assert.equal(firstAnomalyId(decodeOne(gtp('48ff 0000 00000001', INNER))), 'gtpu.bad_version');
  const off = decodeOne(gtp('30ff 001e 00000001', INNER), new PacketDecoder({ gtpuPorts: [] }));
  assert.deepEqual([off.ipCount, off.anomalyCount], [1, 0]);
});

test('GTP-U frames survive truncation at every offset', () => {
  assert.deepEqual(truncationProblems(gtp('30ff 001e 00000001', INNER)), []);
  assert.deepEqual(truncationProblems(gtp('36ff 0036 00000001 0001 00 85 01 0001 00', ipv6(17, udp(7, 8, 'aabb')))), []);
});
