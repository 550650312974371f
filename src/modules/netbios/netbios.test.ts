import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { getObject, listRows, moduleOf, runCapture } from '../l2-shared/testing.js';
import { pcapPath } from '../../../test/support/paths.js';
import { nameBookOf } from '../../names/name-book.js';
import { createNetbiosModule, NetbiosModule } from './index.js';

test('ndpi_netbios.pcap: operations, announced names, and host names in the name book', async () => {
  const a = await runCapture(pcapPath('ndpi_netbios.pcap'), [createNetbiosModule]);
  const m = moduleOf(a, 'netbios');
  assert.ok(m instanceof NetbiosModule);
  const root = m.resource();
  const summary = getObject(root, '');
  assert.equal(summary.malformed, 0);
  assert.equal(summary.messages, 256);
  const names = listRows(root, 'names_paged').map((r) => `${r.label as string} ${r.ip as string} ${r.how as string}${r.group === true ? ' group' : ''}`).sort();
  // One row per name and address (GUNNAR<00> came in a response, then in node status tables).
  assert.deepEqual(names, [
    'GUNNAR<00> 10.0.4.24 status', 'GUNNAR<20> 10.0.4.24 status', 'GURU<00> 10.0.5.1 response',
    'VIGILANT_GROUP<00> 10.0.4.24 status group', 'VIGILANT_GROUP<1e> 10.0.4.24 status group',
  ]);
  const book = nameBookOf(a.store);
  assert.deepEqual(book.namesOf('10.0.4.24').map((e) => `${e.name} ${e.source}`), ['GUNNAR netbios']);
  assert.deepEqual(book.namesOf('10.0.5.1').map((e) => `${e.name} ${e.source}`), ['GURU netbios']);
  const ops = listRows(root, 'operations_paged').map((r) => `${r.operation as string}${r.response === true ? ' response' : ''}`).sort();
  assert.ok(ops.includes('query') && ops.includes('query response'), ops.join());
});
