/**
 * The detection engine: port guesses, payload matches that end inspection, the per-direction
 * packet budget, TLS refined by port, dissector confirmation, id reuse, and no allocation per
 * packet. Payloads are corpus bytes (see heuristics/heuristics.test.ts for their captures).
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { ProtocolDetector } from './detect.js';
import { Confidence } from './confidence.js';
import { protocolIndex } from './registry.js';
import { classify, fromHex } from './test-classify.js';

const TLS_HELLO = '16030102430100023f03031d2866261a24cc0c15c6deba5b0e971a19a23b72524d3a1ca2acea56d0';
const NOISE = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

test('detect: the port guess comes first and a payload match replaces it', () => {
  assert.deepEqual(classify({ l4: 'tcp', clientPort: 40000, serverPort: 443, packets: [] }), { id: 'unknown', confidence: 'none' });
  const d = new ProtocolDetector();
  d.resize(4);
  d.reset(1);
  const empty = new Uint8Array(0);
  d.inspect(1, 6, true, true, 40000, 443, empty, 0, 0);
  assert.equal(d.protocolOf(1), protocolIndex('tls'));
  assert.equal(d.confidenceOf(1), Confidence.Port);
  const http = fromHex('474554202f20485454502f312e310d0a');
  d.inspect(1, 6, true, true, 40000, 443, http, 0, http.length);
  assert.equal(d.protocolOf(1), protocolIndex('http'));
  assert.equal(d.confidenceOf(1), Confidence.Payload);
  assert.ok(d.isFinished(1));
});

test('detect: TLS on a TLS-wrapped protocol port is that protocol', () => {
  assert.equal(classify({ l4: 'tcp', clientPort: 40000, serverPort: 993, packets: [{ hex: TLS_HELLO }] }).id, 'imaps');
  assert.equal(classify({ l4: 'tcp', clientPort: 40000, serverPort: 636, packets: [{ hex: TLS_HELLO }] }).id, 'ldaps');
  assert.equal(classify({ l4: 'tcp', clientPort: 40000, serverPort: 443, packets: [{ hex: TLS_HELLO }] }).id, 'tls');
});

test('detect: after the budget of payload packets per direction the best guess stays', () => {
  const d = new ProtocolDetector({ packetBudget: 2 });
  d.resize(4);
  d.reset(0);
  const noise = fromHex(NOISE), hello = fromHex(TLS_HELLO);
  d.inspect(0, 6, true, true, 40000, 40001, noise, 0, noise.length);
  d.inspect(0, 6, true, true, 40000, 40001, noise, 0, noise.length);
  // A third client packet is past the budget: not inspected, even though it is TLS.
  d.inspect(0, 6, true, true, 40000, 40001, hello, 0, hello.length);
  assert.equal(d.protocolOf(0), 0);
  assert.equal(d.inspectedPackets, 2);
  // The other direction still has its budget.
  d.inspect(0, 6, false, true, 40000, 40001, hello, 0, hello.length);
  assert.equal(d.protocolOf(0), protocolIndex('tls'));
});

test('detect: a dissector confirms, and a reused id starts afresh', () => {
  const d = new ProtocolDetector();
  d.resize(4);
  d.reset(2);
  d.confirm(2, protocolIndex('dns'));
  assert.equal(d.confidenceOf(2), Confidence.Dissector);
  assert.ok(d.isFinished(2));
  d.reset(2);
  assert.equal(d.protocolOf(2), 0);
  assert.equal(d.confidenceOf(2), Confidence.None);
});

test('detect: IP protocols (ICMPv6) are named by their protocol number', () => {
  const d = new ProtocolDetector();
  d.resize(4);
  d.reset(0);
  d.inspect(0, 58, true, true, 0, 0, new Uint8Array(8), 0, 8);
  assert.equal(d.protocolOf(0), protocolIndex('icmpv6'));
});

test('detect: inspecting allocates nothing per packet', () => {
  const d = new ProtocolDetector({ packetBudget: 15 });
  const n = 4096;
  d.resize(n);
  const payloads = [fromHex(TLS_HELLO), fromHex(NOISE), fromHex('8080059b0002e0c0f6bf57e2ffffffffffffffffffff'), fromHex('3c32363e4a616e20303120')];
  const run = (): void => {
    for (let e = 0; e < n; e++) {
      d.reset(e);
      for (let k = 0; k < 8; k++) {
        const p = payloads[(e + k) & 3] as Uint8Array;
        d.inspect(e, (e & 1) === 0 ? 6 : 17, (k & 1) === 0, true, 40000 + (e & 255), 50000, p, 0, p.length);
      }
    }
  };
  run();
  const before = process.memoryUsage().heapUsed;
  run();
  const grown = process.memoryUsage().heapUsed - before;
  assert.ok(grown < 512 * 1024, `heap grew by ${grown} bytes over ${n * 8} packets`);
});
