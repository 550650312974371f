/** The appliance's module paths that wiremeter serves under another name. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { resolveAlias } from './path-aliases.js';

test('the appliance connection-table CSV path walks the connections list', () => {
  assert.deepEqual(resolveAlias(['ip', 'globalConnections', 'csv']), ['connections', 'connections_paged']);
  assert.deepEqual(resolveAlias(['ip', 'ips', '10.0.0.1']), ['ip', 'ips', '10.0.0.1']);
});
