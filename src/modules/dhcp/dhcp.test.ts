import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { getObject, listRows, moduleOf, runCapture } from '../l2-shared/testing.js';
import { pcapPath } from '../../../test/support/paths.js';
import { nameBookOf } from '../../names/name-book.js';
import { createDhcpModule, DhcpModule } from './index.js';
import { createDpiModule, DpiModule } from '../dpi/index.js';
import { Confidence } from '../../protocols/confidence.js';
import { protocolIndex } from '../../protocols/registry.js';

test('zeek_dhcp_dhcp.pcap: messages per type, the client lease, and the host name of the assigned address', async () => {
  const a = await runCapture(pcapPath('zeek_dhcp_dhcp.pcap'), [createDhcpModule]);
  const m = moduleOf(a, 'dhcp');
  assert.ok(m instanceof DhcpModule);
  const root = m.resource();
  assert.deepEqual(getObject(root, ''), { messages: 9, malformed: 0, leases: 1, leasesEvicted: 0, noClientMac: 0 });
  const types = listRows(root, 'messages_paged').map((r) => {
    const c = r.allTime as [number, number, number, number];
    return `${r.name as string} ${c[0] + c[2]}`;
  }).sort();
  assert.deepEqual(types, ['Ack 1', 'Decline 1', 'Discover 1', 'Inform 1', 'Nak 1', 'Offer 1', 'Release 1', 'Request 2']);
  const [lease] = listRows(root, 'leases_paged');
  assert.deepEqual({ ...lease, firstSeen: 0, lastSeen: 0 }, {
    version: 4, mac: '90:b1:1c:99:49:29', clientId: '', hostname: 'btest.is.cool', vendorClass: '', requested: '128.2.6.189', assigned: '', server: '128.2.6.152',
    leaseSec: 900, lastType: 'Inform', state: 'informing', messages: 9, firstSeen: 0, lastSeen: 0,
  });
  // Acked before the release: the address was named.
  assert.deepEqual(nameBookOf(a.store).namesOf('128.2.6.189').map((e) => `${e.name} ${e.source}`), ['btest.is.cool dhcp']);
});

test('tcpdump_dhcpv6-ia-na.pcap: DHCPv6 messages and the lease of the client DUID', async () => {
  const a = await runCapture(pcapPath('tcpdump_dhcpv6-ia-na.pcap'), [createDhcpModule]);
  const m = moduleOf(a, 'dhcp');
  assert.ok(m instanceof DhcpModule);
  const root = m.resource();
  assert.deepEqual(listRows(root, 'messages_paged').map((r) => `v${r.version as number} ${r.name as string}`).sort(), ['v6 Advertise', 'v6 Reply', 'v6 Request', 'v6 Solicit']);
  const [lease] = listRows(root, 'leases_paged');
  assert.deepEqual({ ...lease, firstSeen: 0, lastSeen: 0 }, {
    version: 6, mac: '00:01:02:03:04:05', clientId: '00030001000102030405', hostname: '', vendorClass: '', requested: '2a00:1:1:200:38e6:b22e:c440:acdf',
    assigned: '2a00:1:1:200:38e6:b22e:c440:acdf', server: 'fe80::211:22ff:fe33:4455', leaseSec: 7200, lastType: 'Reply', state: 'bound', messages: 4, firstSeen: 0, lastSeen: 0,
  });
});

test('parsed DHCP and DHCPv6 messages confirm their protocol to the detection engine', async () => {
  for (const [file, id] of [['zeek_dhcp_dhcp.pcap', 'dhcp'], ['tcpdump_dhcpv6-ia-na.pcap', 'dhcpv6']] as const) {
    const a = await runCapture(pcapPath(file), [createDpiModule, createDhcpModule]);
    const dpi = moduleOf(a, 'dpi');
    assert.ok(dpi instanceof DpiModule);
    const t = a.core.connections;
    let confirmed = 0;
    for (let e = 0; e < t.idBound; e++) {
      if (t.alive[e] !== 1) continue;
      assert.equal(dpi.detector.protocolOf(e), protocolIndex(id), file);
      assert.equal(dpi.detector.confidenceOf(e), Confidence.Dissector, file);
      confirmed++;
    }
    assert.ok(confirmed > 0, file);
  }
});
