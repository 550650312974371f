/**
 * Unit tests of the table filter: plain substring filters, the complex grammar, and
 * position-accurate errors.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { FilterSyntaxError } from '../filter/syntax-error.js';
import type { JsonObject, ListColumn, ListView } from '../modules/resource.js';
import { buildTableFilter } from './index.js';

const columns: ListColumn[] = [
  { name: 'name', type: 'string' }, { name: 'bytes', type: 'number' }, { name: 'l7', type: 'string' },
];
const rows: [string, number, string][] = [
  ['systemA', 2_000_000, 'DNS'], ['systemB', 500, 'DNS'], ['printer', 3_000_000, 'HTTP'], ['Say "hi"', 7, 'TLS'],
];
const view: ListView = {
  size: rows.length, columns,
  number: (r, c) => rows[r]?.[c] as number,
  text: (r, c) => String(rows[r]?.[c]),
  searchText: (r) => `10.0.0.${r} ${rows[r]?.[0] ?? ''}`,
  json: (r): JsonObject => ({ name: rows[r]?.[0] ?? '' }),
};

function matches(filter: string): string[] {
  const p = buildTableFilter(filter, columns);
  return rows.map((_, r) => r).filter((r) => p === null || p(view, r)).map((r) => rows[r]?.[0] ?? '');
}

function errorOf(filter: string): FilterSyntaxError {
  try {
    buildTableFilter(filter, columns);
  } catch (err) {
    if (err instanceof FilterSyntaxError) return err;
    throw err;
  }
  assert.fail(`no error for ${filter}`);
}

test('plain strings match as case-insensitive substrings of searchText', () => {
  assert.deepEqual(matches('SYSTEM'), ['systemA', 'systemB']);
  assert.deepEqual(matches('10.0.0.2'), ['printer']);
  assert.deepEqual(matches('  '), rows.map((r) => r[0]));
});

test('complex expressions: comparisons, and/or/not, symbols, parentheses, quotes', () => {
  assert.deepEqual(matches('(name=systemA)'), ['systemA']);
  assert.deepEqual(matches('(name==SYSTEMA)'), ['systemA']);
  assert.deepEqual(matches('(bytes>1000000 and l7=DNS)'), ['systemA']);
  assert.deepEqual(matches('(bytes>1000000 && l7=DNS)'), ['systemA']);
  assert.deepEqual(matches('(l7=HTTP or l7=TLS)'), ['printer', 'Say "hi"']);
  assert.deepEqual(matches('(l7=HTTP || bytes<=7)'), ['printer', 'Say "hi"']);
  assert.deepEqual(matches('(not l7=DNS)'), ['printer', 'Say "hi"']);
  assert.deepEqual(matches('(!(l7=DNS) and bytes>=7)'), ['printer', 'Say "hi"']);
  assert.deepEqual(matches('(name~sys)'), ['systemA', 'systemB']);
  assert.deepEqual(matches('(name!~sys and bytes!=7)'), ['printer']);
  assert.deepEqual(matches('(name="say \\"hi\\"")'), ['Say "hi"']);
  assert.deepEqual(matches("(name='say \"hi\"')"), ['Say "hi"']);
  assert.deepEqual(matches('(l7=DNS) or (bytes<100)'), ['systemA', 'systemB', 'Say "hi"']);
  assert.deepEqual(matches('(BYTES>1e6)'), ['systemA', 'printer']);
  assert.deepEqual(matches('(l7=dns and (name=systemB or bytes>1000000))'), ['systemA', 'systemB']);
});

test('errors name the position and what was expected', () => {
  let e = errorOf('(nam=x)');
  assert.equal(e.position, 1);
  assert.match(e.message, /unknown column 'nam' at character 2; expected name or bytes or l7/);
  e = errorOf('(bytes>abc)');
  assert.equal(e.position, 7);
  assert.match(e.message, /not a number/);
  e = errorOf('(name x)');
  assert.equal(e.position, 6);
  assert.match(e.message, /unexpected 'x' at character 7; expected '=='/);
  e = errorOf('(name=x');
  assert.equal(e.position, 7);
  assert.match(e.message, /unexpected end of filter at character 8; expected '\)'/);
  e = errorOf('(name=x))');
  assert.equal(e.position, 8);
  e = errorOf('(name="x)');
  assert.match(e.message, /unterminated string/);
  e = errorOf('(bytes~1)');
  assert.match(e.message, /needs a text column/);
  e = errorOf('(name=x and)');
  assert.equal(e.position, 11);
  assert.match(e.message, /expected a column name/);
  e = errorOf('(name=x ; y)');
  assert.equal(e.position, 8);
  assert.match(e.message, /unexpected character ';'/);
});

test('deep nesting is refused, not a stack overflow', () => {
  const e = errorOf('('.repeat(100_000));
  assert.match(e.message, /nested too deeply/);
  const e2 = errorOf('(' + 'not '.repeat(100_000) + 'name=x)');
  assert.match(e2.message, /nested too deeply/);
});
