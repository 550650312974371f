import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { reverseNameAddress } from './reverse.js';

test('reverse names to addresses', () => {
  assert.equal(reverseNameAddress('1.1.168.192.in-addr.arpa'), '192.168.1.1');
  assert.equal(reverseNameAddress('1.1.168.192.IN-ADDR.ARPA'), '192.168.1.1');
  assert.equal(reverseNameAddress('b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.0.0.0.0.1.2.3.4.ip6.arpa'), '4321:0:1:2:3:4:567:89ab');
  for (const bad of ['1.168.192.in-addr.arpa', '256.1.168.192.in-addr.arpa', '01.1.1.1.in-addr.arpa', 'x.ip6.arpa', 'example.com', '']) {
    assert.equal(reverseNameAddress(bad), null, bad);
  }
});
