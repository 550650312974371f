import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { decodeOne, readCaptureFrames } from '../../decode/test-frames.js';
import { pcapPath } from '../../../test/support/paths.js';
import { formatIpv4 } from '../../core/addresses.js';
import { DnsMessage, DnsRecord, DnsStatus, parseDnsMessage, questionNames, readRecord } from '../dns/parse.js';
import { decodeNetbiosName, nbAddresses, nbstatNames, netbiosLabel, NB_TYPE_NB, NB_TYPE_NBSTAT } from './parse.js';

function payloads(file: string): Uint8Array[] {
  return readCaptureFrames(pcapPath(file)).map((f) => {
    const pi = decodeOne(f);
    return Uint8Array.from(pi.payloadData.subarray(pi.payloadOffset, pi.payloadOffset + pi.payloadLen));
  }).filter((p) => p.length >= 12);
}

test('first-level names decode as tshark shows them', () => {
  assert.deepEqual(decodeNetbiosName('EHFFFCFFCACACACACACACACACACACAAA'), { name: 'GURU', suffix: 0 });
  assert.equal(netbiosLabel({ name: 'WORKGROUP', suffix: 0x1d }), 'WORKGROUP<1d>');
  assert.equal(decodeNetbiosName('EHFFFCFF'), null);
  assert.equal(decodeNetbiosName('ZZFFFCFFCACACACACACACACACACACAAA'), null);
});

test('real NBNS (ndpi_netbios.pcap): queried names, positive responses and node status tables', () => {
  const m = new DnsMessage(), rr = new DnsRecord();
  const asked = new Set<string>(), answered = new Set<string>(), status = new Set<string>();
  for (const p of payloads('ndpi_netbios.pcap')) {
    if (parseDnsMessage(p, 0, p.length, m) !== DnsStatus.Ok) continue;
    for (const q of questionNames(p, m)) {
      const n = decodeNetbiosName(q);
      if (n !== null) asked.add(netbiosLabel(n));
    }
    let at = m.answersOff;
    for (let i = 0; i < m.anCount; i++) {
      const next = readRecord(p, m, at, rr);
      if (next < 0) break;
      if (rr.type === NB_TYPE_NB) for (const a of nbAddresses(p, rr.rdataOff, rr.rdataLen)) answered.add(formatIpv4(a.address));
      if (rr.type === NB_TYPE_NBSTAT) for (const n of nbstatNames(p, rr.rdataOff, rr.rdataLen)) status.add(netbiosLabel(n));
      at = next;
    }
  }
  for (const n of ['XSTREAM_HY<00>', 'OZI<1c>', 'GURU<00>', 'GUNNAR<00>', 'NVR9<00>', 'MULI<00>']) assert.ok(asked.has(n), n);
  assert.deepEqual([...answered].sort(), ['10.0.4.24', '10.0.5.1']);
  // tshark's node status answers of 10.0.4.24.
  assert.deepEqual([...status].sort(), ['GUNNAR<00>', 'GUNNAR<20>', 'VIGILANT_GROUP<00>', 'VIGILANT_GROUP<1e>']);
});

test('hostile: node status and NB entries never read past their RDATA', () => {
  const d = Uint8Array.from([200, ...new Array<number>(20).fill(0x41)]);
  assert.equal(nbstatNames(d, 0, d.length).length, 1);
  assert.deepEqual(nbstatNames(d, 0, 0), []);
  assert.deepEqual(nbAddresses(Uint8Array.from([0, 0, 1, 2, 3]), 0, 5), []);
  assert.deepEqual(nbAddresses(Uint8Array.from([0x80, 0, 1, 2, 3, 4]), 0, 60), [{ address: 0x01020304, group: true }]);
});
