/**
 * The protocol registry: enough protocols, unique ids, the ones the issue names, port tables.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { CATEGORIES, PROTOCOLS, TCP_PORTS, UDP_PORTS, findProtocol, protocolIndex } from './registry.js';

test('registry: at least 150 application protocols with unique ids and known categories', () => {
  assert.ok(PROTOCOLS.length - 1 >= 150, `${PROTOCOLS.length - 1} protocols`);
  assert.equal(new Set(PROTOCOLS.map((p) => p.id)).size, PROTOCOLS.length);
  for (const p of PROTOCOLS) {
    assert.ok(CATEGORIES.includes(p.category), p.id);
    assert.match(p.id, /^[a-z0-9][a-z0-9-]*$/);
  }
});

test('registry: the protocols the issue names are there', () => {
  const names = ['dns', 'http', 'tls', 'quic', 'ssh', 'smb', 'rdp', 'sip', 'rtp', 'rtcp', 'rtsp', 'ntp', 'dhcp', 'dhcpv6',
    'snmp', 'ldap', 'kerberos', 'mysql', 'postgresql', 'redis', 'mqtt', 'modbus', 'bittorrent', 'netbios', 'llmnr', 'mdns',
    'ssdp', 'stun', 'syslog', 'ftp', 'smtp', 'pop3', 'imap', 'telnet', 'iec60870', 's7comm', 'dnp3', 'opcua', 'bacnet',
    'ethernetip', 'skinny'];
  for (const n of names) assert.ok(findProtocol(n), n);
});

test('registry: port tables', () => {
  assert.equal(TCP_PORTS[443], protocolIndex('tls'));
  assert.equal(UDP_PORTS[443], protocolIndex('quic'));
  assert.equal(UDP_PORTS[53], protocolIndex('dns'));
  assert.equal(TCP_PORTS[6885], protocolIndex('bittorrent'));
  assert.equal(TCP_PORTS[40000], 0);
  assert.equal(findProtocol('OPC UA')?.id, 'opcua');
});
