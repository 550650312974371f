import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { getObject, listRows, moduleOf, runCapture } from '../l2-shared/testing.js';
import { pcapPath } from '../../../test/support/paths.js';
import { nameBookOf } from '../../names/name-book.js';
import { createDhcpModule, DhcpModule } from './index.js';

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
    mac: '90:b1:1c:99:49:29', hostname: 'btest.is.cool', vendorClass: '', requested: '128.2.6.189', assigned: '', server: '128.2.6.152',
    leaseSec: 900, lastType: 'Inform', state: 'informing', messages: 9, firstSeen: 0, lastSeen: 0,
  });
  // Acked before the release: the address was named.
  assert.deepEqual(nameBookOf(a.store).namesOf('128.2.6.189').map((e) => `${e.name} ${e.source}`), ['btest.is.cool dhcp']);
});
