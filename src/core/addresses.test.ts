import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { formatIpv4, formatIpv6, formatMac, parseIpv4, parseIpv6, parseMac, formatIpAddress, parseIpAddress } from './addresses.js';

test('IPv4 round trip', () => {
  assert.equal(formatIpv4(0xc0a87b01), '192.168.123.1');
  assert.equal(parseIpv4('192.168.123.1'), 0xc0a87b01);
  assert.equal(parseIpv4('255.255.255.255'), 0xffffffff);
  assert.equal(parseIpv4('256.1.1.1'), null);
  assert.equal(parseIpv4('1.2.3'), null);
});

test('IPv6 text follows RFC 5952 like tshark', () => {
  const cases: [string, [number, number, number, number]][] = [
    ['2001:db8::1', [0x20010db8, 0, 0, 1]],
    ['::', [0, 0, 0, 0]],
    ['::1', [0, 0, 0, 1]],
    ['fe80::1:0:0:1', [0xfe800000, 0, 0x00010000, 1]],
    ['2001:db8:0:1:1:1:1:1', [0x20010db8, 0x00000001, 0x00010001, 0x00010001]],
    ['2001:0:0:1::1', [0x20010000, 0x00000001, 0, 1]],
    ['ff02::1:ff00:1', [0xff020000, 0, 0x00000001, 0xff000001]],
  ];
  for (const [text, w] of cases) {
    assert.equal(formatIpv6(...w), text);
    assert.deepEqual(parseIpv6(text), w);
  }
  assert.deepEqual(parseIpv6('::ffff:10.0.0.1'), [0, 0, 0xffff, 0x0a000001]);
  assert.equal(parseIpv6('1::2::3'), null);
  assert.equal(parseIpv6('12345::'), null);
});

test('MAC round trip', () => {
  assert.equal(formatMac(0x001873de57c1), '00:18:73:de:57:c1');
  assert.equal(formatMac(0xffffffffffff), 'ff:ff:ff:ff:ff:ff');
  assert.equal(parseMac('00-18-73-DE-57-C1'), 0x001873de57c1);
  assert.equal(parseMac('00:18:73:de:57'), null);
});

test('parseIpAddress: IPv4 in the last word, IPv6 with or without brackets, canonical text back', () => {
  const v4 = parseIpAddress('10.0.0.1');
  assert.ok(v4 !== null);
  assert.deepEqual({ version: v4.version, words: Array.from(v4.words) }, { version: 4, words: [0, 0, 0, 0x0a000001] });
  const v6 = parseIpAddress('[2001:DB8::1]');
  assert.ok(v6 !== null);
  assert.equal(v6.version, 6);
  assert.equal(formatIpAddress(v6), '2001:db8::1');
  assert.equal(parseIpAddress('10.0.0'), null);
  assert.equal(parseIpAddress('printer'), null);
});
