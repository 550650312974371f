import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { bytes, eth, frame, ipv4, tcp, udp } from '../../decode/test-frames.js';
import { getObject, listRows, moduleOf, resolveStatus, runCapture, runFrames } from '../l2-shared/testing.js';
import { pcapPath } from '../../../test/support/paths.js';
import { nameBookOf } from '../../names/name-book.js';
import { createDnsModule, DnsModule } from './index.js';
import { createIpModule } from '../ip/index.js';
import { createDpiModule, DpiModule } from '../dpi/index.js';
import { Confidence } from '../../protocols/confidence.js';
import { protocolIndex } from '../../protocols/registry.js';
import type { Analyzer } from '../../pipeline/analyzer.js';

function dnsOf(a: Analyzer): DnsModule {
  const m = moduleOf(a, 'dns');
  assert.ok(m instanceof DnsModule);
  return m;
}

const IP_CLIENT = 0x0a000001, IP_SERVER = 0x0a000035;

/** A DNS message: id, flags, one question "a.example" type A, optional A answers (pointer to the question). */
function dns(id: number, flags: number, answers: readonly number[] = [], rcode = 0): Uint8Array {
  const q = bytes([1, 0x61, 7], Buffer.from('example'), [0, 0, 1, 0, 1]);
  const an = answers.map((ip) => bytes([0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4], [ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255]));
  return bytes([id >> 8, id & 255, (flags >> 8) & 255, (flags & 0xf0) | rcode, 0, 1, 0, answers.length, 0, 0, 0, 0], q, ...an);
}

const query = (id: number, ts: number, sport = 40000): ReturnType<typeof frame> =>
  frame(eth(0x0800, ipv4(17, udp(sport, 53, dns(id, 0x0100)), { src: IP_CLIENT, dst: IP_SERVER })), 1, undefined, ts, 0);
const reply = (id: number, ts: number, tsNsec: number, answers: readonly number[], rcode = 0, sport = 40000): ReturnType<typeof frame> =>
  frame(eth(0x0800, ipv4(17, udp(53, sport, dns(id, 0x8180, answers, rcode)), { src: IP_SERVER, dst: IP_CLIENT })), 1, undefined, ts, tsNsec);

test('queries, responses, response times, timeouts and codes per server', () => {
  const frames = [
    query(1, 100), reply(1, 100, 20_000_000, [0xc0000201]), // 20 ms
    query(2, 101), query(2, 101), reply(2, 101, 40_000_000, [], 3), // retransmitted, NXDomain, 40 ms
    query(3, 102), // never answered
    frame(eth(0x0800, ipv4(17, udp(40001, 53, bytes([1, 2, 3])), { src: IP_CLIENT, dst: IP_SERVER })), 1, undefined, 103, 0), // malformed
    query(9, 120, 40002),
  ];
  const a = runFrames(frames, [createIpModule, createDnsModule]);
  const m = dnsOf(a);
  const root = m.resource();
  // The client's view under ip/ips/:ip/dns, and the server's.
  const ipRoot = moduleOf(a, 'ip').resource();
  const asClient = getObject(ipRoot, 'ips/10.0.0.1/dns') as Record<string, Record<string, number | null> | null>;
  const c = asClient.asClient as Record<string, number | null>;
  assert.deepEqual([c.queries, c.responses, c.answered, c.retransmissions, c.timeouts, c.responseAvgMs], [5, 2, 2, 1, 1, 30]);
  assert.equal(asClient.asServer, null);
  const asServer = getObject(ipRoot, 'ips/10.0.0.53/dns') as Record<string, Record<string, number | null> | null>;
  assert.equal(asServer.asServer?.queries, 5);
  assert.equal(asServer.asClient?.queries, 0);
  const g = getObject(root, '') as Record<string, Record<string, number | null>>;
  const all = g.allTime as Record<string, number | null>;
  assert.deepEqual([all.queries, all.responses, all.answered, all.retransmissions, all.timeouts, all.malformed], [5, 2, 2, 1, 1, 1]);
  assert.equal(all.responseAvgMs, 30);
  assert.equal(all.responseMinMs, 20);
  assert.equal(all.responseMaxMs, 40);
  assert.equal(all.responseStddevMs, 10);
  assert.equal(g.pending, 1);
  const servers = listRows(root, 'servers_paged');
  assert.deepEqual(servers.map((r) => [r.ip, r.timeouts]), [['10.0.0.53', 1]]);
  const one = getObject(root, 'servers/10.0.0.53') as { codes: { kind: string; name: string; count: number }[] };
  assert.deepEqual(one.codes.map((c) => `${c.kind} ${c.name} ${c.count}`).sort(), ['qtype A 5', 'rcode NXDomain 1', 'rcode NoError 1']);
  assert.equal(resolveStatus(root, 'servers/10.0.0.1'), 'notFound');
  assert.equal(resolveStatus(root, 'servers/nonsense'), 'badRequest');
  const names = listRows(root, 'names_paged');
  assert.deepEqual(names.map((n) => [n.name, n.queries, n.responses, n.addresses]), [['a.example', 5, 2, ['192.0.2.1']]]);
  assert.deepEqual(nameBookOf(a.store).namesOf('192.0.2.1').map((e) => `${e.name} ${e.source}`), ['a.example dns']);
});

test('DNS over TCP: two messages in one segment, and a message split over segments is skipped and counted', () => {
  const msg = dns(7, 0x0100);
  const framed = (b: Uint8Array): Uint8Array => bytes([b.length >> 8, b.length & 255], b);
  const big = dns(8, 0x0100);
  const half = framed(big).subarray(0, 10), rest = framed(big).subarray(10);
  const seg = (payload: Uint8Array, seq: number): ReturnType<typeof frame> =>
    frame(eth(0x0800, ipv4(6, tcp(40000, 53, payload, { seq, flags: 0x18 }), { src: IP_CLIENT, dst: IP_SERVER })), 1, undefined, 100, 0);
  const a = runFrames([seg(bytes(framed(msg), framed(msg)), 1), seg(half, 100), seg(rest, 110), seg(framed(msg), 200)], [createDnsModule]);
  const m = dnsOf(a);
  assert.equal(m.messages, 3);
  assert.equal(m.tcpSplit, 1);
  assert.equal(m.malformed, 0);
});

test('real captures: UDP and TCP response times equal tshark dns.time; mDNS names are learned', async () => {
  for (const [file, ms] of [['tcpdump_dns_udp.pcap', 130.282], ['tcpdump_dns_tcp.pcap', 125.857]] as const) {
    const m = dnsOf(await runCapture(pcapPath(file), [createDnsModule]));
    const all = getObject(m.resource(), '').allTime as Record<string, number>;
    assert.equal(all.answered, 1, file);
    assert.equal(all.responseAvgMs, ms, file);
    assert.ok(nameBookOf(m.ctx.store).namesOf('192.139.46.66').some((e) => e.name === 'www.tcpdump.org'), file);
  }
  const wiki = dnsOf(await runCapture(pcapPath('zeek_wikipedia.pcap'), [createDnsModule]));
  const learned = [...nameBookOf(wiki.ctx.store).all()];
  assert.ok(learned.some((e) => e.source === 'mdns' && e.name.endsWith('.local')), JSON.stringify(learned.slice(0, 5)));
});

test('a parsed message confirms DNS to the detection engine (dissector confidence), also when the dpi module comes later', () => {
  for (const order of [[createDpiModule, createDnsModule], [createDnsModule, createDpiModule]]) {
    const a = runFrames([query(1, 100), reply(1, 100, 1000, [0xc0000201])], order);
    const dpi = moduleOf(a, 'dpi');
    assert.ok(dpi instanceof DpiModule);
    const t = a.core.connections;
    let seen = 0;
    for (let e = 0; e < t.idBound; e++) {
      if (t.alive[e] !== 1) continue;
      seen++;
      assert.equal(dpi.detector.confidenceOf(e), Confidence.Dissector);
      assert.equal(dpi.detector.protocolOf(e), protocolIndex('dns'));
    }
    assert.equal(seen, 1);
  }
});
