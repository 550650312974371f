/**
 * CSV output: RFC 4180 quoting, formula neutralisation, header row, all rows in the given order.
 */
import { strict as assert } from 'node:assert';
import { text } from 'node:stream/consumers';
import { test } from 'node:test';
import type { JsonObject, ListView } from '../../modules/resource.js';
import { csvField, csvStream } from './csv-stream.js';

test('fields are quoted as RFC 4180 says', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\r\nlines'), '"two\r\nlines"');
});

test('a stream has the header and every row, in order, without formulas', async () => {
  const names = ['a,b', '=cmd()', 'x', 'ok'];
  const view: ListView = {
    size: names.length,
    columns: [{ name: 'name', type: 'string' }, { name: 'bytes', type: 'number' }],
    number: (r) => (r === 2 ? NaN : r * 10),
    text: (r) => names[r] as string,
    searchText: () => '',
    json: (): JsonObject => ({}),
  };
  const csv = await text(csvStream(view, Uint32Array.from([3, 0, 1, 2])));
  assert.equal(csv, 'name,bytes\r\nok,30\r\n"a,b",0\r\n\'=cmd(),10\r\nx,\r\n');
});
