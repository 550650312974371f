/**
 * The reader of nDPI's expected flow lines, on lines copied from the corpus `.out` files.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { parseNdpiOut, protocolNames, splitEndpoint } from './ndpi-out.js';

test('ndpi-out: IPv4, IPv6, VLAN, tunnel prefixes and master.app names', () => {
  const text = [
    'Guessed flow protos:\t1',
    '\t1\tUDP 192.168.10.210:5060 -> 192.168.103.40:5060 [VLAN: 142][proto: GRE:100/SIP][IP: 0/Unknown][ClearText]',
    '\t2\tTCP [2001:470:1f17:13f:3e97:eff:fe73:4dec]:53234 <-> [2a03:2880:1010:6f03:face:b00c::2]:443 [proto: 91.119/TLS.Facebook][IP: 119/Facebook]',
    '\t3\tICMPV6 [2001:470:1f16:13f::2]:0 -> [2604:a880:1:20::224:b001]:0 [proto: 102/ICMPV6][IP: 0/Unknown]',
    'SIP\t1\t384\t1',
  ].join('\n');
  const flows = parseNdpiOut(text);
  assert.equal(flows.length, 3);
  assert.deepEqual(flows[0], { l4: 'UDP', addrA: '192.168.10.210', portA: 5060, addrB: '192.168.103.40', portB: 5060, bidirectional: false, names: ['SIP'], line: 2 });
  const tls = flows[1];
  assert.ok(tls);
  assert.deepEqual(tls.names, ['TLS', 'Facebook']);
  assert.equal(tls.addrB, '2a03:2880:1010:6f03:face:b00c::2');
  assert.equal(tls.bidirectional, true);
  assert.equal(flows[2]?.l4, 'ICMPV6');
  assert.deepEqual(protocolNames('0/Unknown'), ['Unknown']);
  assert.equal(splitEndpoint('not-an-endpoint'), undefined);
});
