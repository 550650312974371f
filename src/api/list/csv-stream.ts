/**
 * @module api/list/csv-stream
 * A whole list as RFC 4180 CSV (header row of column names, CRLF line ends, fields with
 * comma/quote/CR/LF quoted and quotes doubled), produced lazily in chunks of rows as the client
 * reads, so a million-row list is never held as one string. Text cells that a spreadsheet would
 * run as a formula (=, +, -, @, tab, CR first) get a leading apostrophe: names come from the
 * network and must not become formulas.
 */
import { Readable } from 'node:stream';
import { LIST_LIMITS } from '../../config/limits.js';
import type { ListView } from '../../modules/resource.js';

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function textCell(value: string): string {
  return csvField(FORMULA_START.test(value) ? `'${value}` : value);
}

function numberCell(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

export function csvLine(view: ListView, row: number): string {
  const cols = view.columns;
  let line = '';
  for (let c = 0; c < cols.length; c++) {
    if (c > 0) line += ',';
    line += cols[c]?.type === 'number' ? numberCell(view.number(row, c)) : textCell(view.text(row, c));
  }
  return line + '\r\n';
}

/** A stream of the header and every row of `rows` (already filtered and ordered). */
export function csvStream(view: ListView, rows: Uint32Array): Readable {
  let next = -1;
  return new Readable({
    encoding: 'utf8',
    read(): void {
      if (next < 0) {
        next = 0;
        this.push(view.columns.map((c) => csvField(c.name)).join(',') + '\r\n');
        return;
      }
      if (next >= rows.length) {
        this.push(null);
        return;
      }
      const end = Math.min(rows.length, next + LIST_LIMITS.csvRowsPerChunk);
      let chunk = '';
      for (; next < end; next++) chunk += csvLine(view, rows[next] as number);
      this.push(chunk);
    },
  });
}
