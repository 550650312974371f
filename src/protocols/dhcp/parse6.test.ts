import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { decodeOne, readCaptureFrames } from '../../decode/test-frames.js';
import { pcapPath } from '../../../test/support/paths.js';
import { formatMac } from '../../core/addresses.js';
import { Dhcp6Message, Dhcp6Status, dhcp6Address, dhcp6Duid, dhcp6Fqdn, dhcp6TypeName, parseDhcp6 } from './parse6.js';

function payloads(file: string): Uint8Array[] {
  return readCaptureFrames(pcapPath(file)).map((f) => {
    const pi = decodeOne(f);
    return Uint8Array.from(pi.payloadData.subarray(pi.payloadOffset, pi.payloadOffset + pi.payloadLen));
  });
}

test('real DHCPv6 exchange (tcpdump_dhcpv6-ia-na.pcap) as tshark shows it', () => {
  const m = new Dhcp6Message();
  const seen = payloads('tcpdump_dhcpv6-ia-na.pcap').map((p) => {
    assert.equal(parseDhcp6(p, 0, p.length, m), Dhcp6Status.Ok);
    return [dhcp6TypeName(m.type), m.xid.toString(16), dhcp6Duid(p, m), m.mac < 0 ? '' : formatMac(m.mac), dhcp6Address(p, m), m.validSec];
  });
  const ia = '2a00:1:1:200:38e6:b22e:c440:acdf', duid = '00030001000102030405', mac = '00:01:02:03:04:05';
  assert.deepEqual(seen, [
    ['Solicit', '90b45c', duid, mac, '', -1],
    ['Advertise', '90b45c', duid, mac, ia, 7200],
    ['Request', '2ffdd1', duid, mac, ia, 7500],
    ['Reply', '2ffdd1', duid, mac, ia, 7200],
  ]);
});

test('FQDN, relays, and hostile input: truncation at every offset, lying lengths', () => {
  const m = new Dhcp6Message();
  const fqdn = Uint8Array.from([11, 0, 0, 1, 0, 39, 0, 9, 0, 2, 0x70, 0x63, 3, 0x6c, 0x61, 0x6e]);
  assert.equal(parseDhcp6(fqdn, 0, fqdn.length, m), Dhcp6Status.BadOption);
  const ok = Uint8Array.from([11, 0, 0, 1, 0, 39, 0, 9, 0, 2, 0x70, 0x63, 3, 0x6c, 0x61, 0x6e, 0]);
  assert.equal(parseDhcp6(ok, 0, ok.length, m), Dhcp6Status.Ok);
  assert.equal(dhcp6Fqdn(ok, m), 'pc.lan');
  assert.equal(parseDhcp6(Uint8Array.from([12, 0, 0, 0]), 0, 4, m), Dhcp6Status.Relay);
  for (const p of payloads('tcpdump_dhcpv6-ia-na.pcap')) {
    for (let cut = 0; cut <= p.length; cut++) {
      const b = Uint8Array.from(p);
      b.fill(0xff, cut);
      parseDhcp6(b, 0, cut, m);
      if (m.addrOff >= 0) assert.ok(m.addrOff + 24 <= cut);
      if (m.duidOff >= 0) assert.ok(m.duidOff + m.duidLen <= cut);
    }
  }
});
