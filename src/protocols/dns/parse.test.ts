import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { decodeOne, readCaptureFrames } from '../../decode/test-frames.js';
import { pcapPath } from '../../../test/support/paths.js';
import {
  answerRecords, DnsMessage, DnsRecord, DnsStatus, nameIsValid, parseDnsMessage, questionNames, readName, readRecord, skipName,
} from './parse.js';

/** The L4 payloads of a capture's frames (copies). */
function payloads(file: string): Uint8Array[] {
  return readCaptureFrames(pcapPath(file)).map((f) => {
    const pi = decodeOne(f);
    return Uint8Array.from(pi.payloadData.subarray(pi.payloadOffset, pi.payloadOffset + pi.payloadLen));
  });
}

test('a real UDP query and its response (tcpdump_dns_udp.pcap)', () => {
  const [query, response] = payloads('tcpdump_dns_udp.pcap') as [Uint8Array, Uint8Array];
  const m = new DnsMessage();
  assert.equal(parseDnsMessage(query, 0, query.length, m), DnsStatus.Ok);
  assert.deepEqual([m.id, m.qr, m.qdCount, m.anCount], [0x5934, 0, 1, 0]);
  assert.deepEqual(questionNames(query, m), ['www.tcpdump.org']);
  assert.equal(parseDnsMessage(response, 0, response.length, m), DnsStatus.Ok);
  assert.deepEqual([m.id, m.qr, m.rcode], [0x5934, 1, 0]);
  assert.deepEqual(questionNames(response, m), ['www.tcpdump.org']);
  const answers = answerRecords(response, m);
  assert.deepEqual(answers.filter((a) => a.type === 1).map((a) => a.data), ['192.139.46.66', '198.199.88.104', '209.87.249.18', '97.107.133.15']);
  assert.deepEqual(answers.filter((a) => a.type === 28).map((a) => a.data), ['2607:f0b0:f::babe:f00d', '2600:3c03::f03c:91ff:fe96:e8ef']);
  // As tshark shows them: two answers, the NS records, and the glue of the additional section.
  assert.deepEqual(answers.map((a) => `${a.name} ${a.type} ${a.data}`), [
    'www.tcpdump.org 1 192.139.46.66', 'www.tcpdump.org 1 198.199.88.104', 'tcpdump.org 2 sns.cooperix.net', 'tcpdump.org 2 nic.sandelman.ca',
    'nic.sandelman.ca 1 209.87.249.18', 'nic.sandelman.ca 28 2607:f0b0:f::babe:f00d', 'sns.cooperix.net 1 97.107.133.15',
    'sns.cooperix.net 28 2600:3c03::f03c:91ff:fe96:e8ef']);
});

test('a real DNS-over-TCP response: 2-byte length, then compressed names (tcpdump_dns_tcp.pcap)', () => {
  const all = payloads('tcpdump_dns_tcp.pcap').filter((p) => p.length > 0);
  const response = all.find((p) => p.length === 226) as Uint8Array;
  assert.equal(((response[0] as number) << 8) | (response[1] as number), 224);
  const m = new DnsMessage();
  assert.equal(parseDnsMessage(response, 2, 224, m), DnsStatus.Ok);
  assert.equal(m.id, 0x4319);
  assert.deepEqual(questionNames(response, m), ['www.tcpdump.org']);
  const ns = answerRecords(response, m).filter((a) => a.type === 2).map((a) => a.data);
  assert.ok(ns.includes('nic.sandelman.ca') && ns.includes('sns.cooperix.net'), ns.join());
});

test('names: root, pointer, and the record walk', () => {
  // header, question "a.b" A IN, answer: pointer to the question name, A 10.0.0.1
  const msg = Uint8Array.from([0, 1, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0,
    1, 0x61, 1, 0x62, 0, 0, 1, 0, 1,
    0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 10, 0, 0, 1]);
  const m = new DnsMessage();
  assert.equal(parseDnsMessage(msg, 0, msg.length, m), DnsStatus.Ok);
  assert.equal(readName(msg, 0, msg.length, 12), 'a.b');
  const rr = new DnsRecord();
  assert.equal(readRecord(msg, m, m.answersOff, rr), msg.length);
  assert.deepEqual([rr.type, rr.ttl, rr.rdataLen], [1, 60, 4]);
  assert.deepEqual(answerRecords(msg, m), [{ name: 'a.b', type: 1, ttl: 60, data: '10.0.0.1', section: 0 }]);
  assert.equal(readName(Uint8Array.from([0]), 0, 1, 0), '<Root>');
});

test('hostile: pointer loops, forward pointers, label bombs, oversized lengths', () => {
  const header = [0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0];
  // a pointer to itself
  const self = Uint8Array.from([...header, 0xc0, 12, 0, 1, 0, 1]);
  assert.equal(readName(self, 0, self.length, 12), null);
  // two pointers pointing at each other
  const pair = Uint8Array.from([...header, 0xc0, 14, 0xc0, 12]);
  assert.equal(readName(pair, 0, pair.length, 12), null);
  assert.equal(readName(pair, 0, pair.length, 14), null);
  // a forward pointer
  const fwd = Uint8Array.from([...header, 0xc0, 14, 1, 0x61, 0]);
  assert.equal(readName(fwd, 0, fwd.length, 12), null);
  // a chain of 200 backward pointers, each to the previous one: too many jumps
  const chain = [1, 0x61, 0];
  for (let i = 0; i < 200; i++) chain.push(0xc0, i === 0 ? 0 : 3 + (i - 1) * 2);
  const c = Uint8Array.from(chain);
  assert.equal(readName(c, 0, c.length, c.length - 2), null);
  assert.equal(readName(c, 0, c.length, 3), 'a');
  // a label bomb: 300 bytes of one-byte labels
  const bomb = new Uint8Array(600);
  for (let i = 0; i < 598; i += 2) { bomb[i] = 1; bomb[i + 1] = 0x61; }
  assert.equal(skipName(bomb, 0, bomb.length), -1);
  assert.equal(nameIsValid(bomb, 0, bomb.length, 0), false);
  // a label longer than the message, a reserved label type
  assert.equal(skipName(Uint8Array.from([63, 0x61]), 0, 2), -1);
  assert.equal(skipName(Uint8Array.from([0x40, 0]), 0, 2), -1);
  // question count far larger than the message
  const m = new DnsMessage();
  const many = Uint8Array.from([0, 1, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 1, 0, 1]);
  assert.equal(parseDnsMessage(many, 0, many.length, m), DnsStatus.BadQuestion);
  // an answer count far larger than the message: the walk just ends
  const lying = Uint8Array.from([0, 1, 0x80, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0]);
  assert.equal(parseDnsMessage(lying, 0, lying.length, m), DnsStatus.Ok);
  assert.deepEqual(answerRecords(lying, m), []);
  // a record whose RDATA length runs past the end
  const rdlen = Uint8Array.from([0, 1, 0x80, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0xff, 0xff, 1, 2]);
  assert.equal(parseDnsMessage(rdlen, 0, rdlen.length, m), DnsStatus.Ok);
  assert.equal(readRecord(rdlen, m, m.answersOff, new DnsRecord()), -1);
});

test('hostile: every truncation of real messages parses or fails cleanly, never reading past the cut', () => {
  const m = new DnsMessage();
  for (const p of payloads('tcpdump_dns_udp.pcap')) {
    for (let cut = 0; cut <= p.length; cut++) {
      // The bytes after the cut are garbage that a reader past the bound would see.
      const b = Uint8Array.from(p);
      b.fill(0xc0, cut);
      const s = parseDnsMessage(b, 0, cut, m);
      if (cut < 12) assert.equal(s, DnsStatus.Short);
      if (s !== DnsStatus.Ok) continue;
      for (const n of questionNames(b, m)) assert.equal(n, 'www.tcpdump.org');
      for (const a of answerRecords(b, m)) assert.ok(a.name.length > 0 && a.data.length > 0);
    }
  }
});
