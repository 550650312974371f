import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { decodeOne, readCaptureFrames } from '../../decode/test-frames.js';
import { pcapPath } from '../../../test/support/paths.js';
import { formatIpv4, formatMac } from '../../core/addresses.js';
import { DhcpMessage, DhcpStatus, dhcpTypeName, fqdnText, optionText, parseDhcp } from './parse.js';

function payloads(file: string): Uint8Array[] {
  return readCaptureFrames(pcapPath(file)).map((f) => {
    const pi = decodeOne(f);
    return Uint8Array.from(pi.payloadData.subarray(pi.payloadOffset, pi.payloadOffset + pi.payloadLen));
  });
}

test('real DHCP exchange (zeek_dhcp_dhcp.pcap): types, addresses and options as tshark shows them', () => {
  const m = new DhcpMessage();
  const seen = payloads('zeek_dhcp_dhcp.pcap').map((p) => {
    assert.equal(parseDhcp(p, 0, p.length, m), DhcpStatus.Ok);
    return [dhcpTypeName(m.type), formatMac(m.chaddr), formatIpv4(m.yiaddr), m.hostLen > 0 ? optionText(p, m.hostOff, m.hostLen) : '',
      m.requested === 0 ? '' : formatIpv4(m.requested), m.leaseSec, m.vendorLen > 0 ? optionText(p, m.vendorOff, m.vendorLen) : '', m.serverId === 0 ? '' : formatIpv4(m.serverId)];
  });
  assert.deepEqual(seen, [
    ['Discover', '90:b1:1c:99:49:29', '0.0.0.0', 'btest.is.cool', '192.168.211.194', -1, '', ''],
    ['Offer', '90:b1:1c:99:49:29', '128.2.6.97', '', '', 900, 'ArubaAP', '128.2.6.152'],
    ['Request', '90:b1:1c:99:49:29', '0.0.0.0', 'btest.is.cool', '192.168.211.194', -1, '', '128.2.6.152'],
    ['Nak', '90:b1:1c:99:49:29', '0.0.0.0', '', '', -1, '', '128.2.6.152'],
    ['Request', '90:b1:1c:99:49:29', '0.0.0.0', 'btest.is.cool', '128.2.6.189', -1, '', ''],
    ['Ack', '90:b1:1c:99:49:29', '128.2.6.189', '', '', 900, 'ArubaAP', '128.2.6.152'],
    ['Decline', '90:b1:1c:99:49:29', '0.0.0.0', '', '', -1, '', ''],
    ['Release', '90:b1:1c:99:49:29', '0.0.0.0', '', '', -1, '', ''],
    ['Inform', '90:b1:1c:99:49:29', '0.0.0.0', 'btest.is.cool', '128.2.6.189', 19841984, '', ''],
  ]);
});

test('client FQDN option: ASCII and wire-encoded', () => {
  const base = new Uint8Array(240);
  base.set([0x63, 0x82, 0x53, 0x63], 236);
  const withOptions = (...opts: number[]): Uint8Array => Uint8Array.from([...base, ...opts, 255]);
  const m = new DhcpMessage();
  const ascii = withOptions(81, 8, 0, 0, 0, 0x68, 0x6f, 0x73, 0x74, 0x31);
  assert.equal(parseDhcp(ascii, 0, ascii.length, m), DhcpStatus.Ok);
  assert.equal(fqdnText(ascii, m), 'host1');
  const wire = withOptions(81, 12, 0x04, 0, 0, 1, 0x61, 3, 0x6c, 0x61, 0x6e, 0, 0, 0);
  assert.equal(parseDhcp(wire, 0, wire.length, m), DhcpStatus.Ok);
  assert.equal(fqdnText(wire, m), 'a.lan');
});

test('hostile: truncation at every offset, lying option lengths, no magic', () => {
  const m = new DhcpMessage();
  for (const p of payloads('zeek_dhcp_dhcp.pcap')) {
    for (let cut = 0; cut <= p.length; cut++) {
      const b = Uint8Array.from(p);
      b.fill(0xff, cut);
      const s = parseDhcp(b, 0, cut, m);
      if (cut < 240) assert.equal(s, DhcpStatus.Short);
      if (m.hostOff >= 0) assert.ok(m.hostOff + m.hostLen <= cut);
      if (m.vendorOff >= 0) assert.ok(m.vendorOff + m.vendorLen <= cut);
    }
  }
  const lying = new Uint8Array(250);
  lying.set([0x63, 0x82, 0x53, 0x63], 236);
  lying.set([12, 200, 0x61], 240);
  assert.equal(parseDhcp(lying, 0, lying.length, m), DhcpStatus.BadOption);
  assert.equal(parseDhcp(new Uint8Array(300), 0, 300, m), DhcpStatus.NoMagic);
});
