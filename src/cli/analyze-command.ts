/**
 * @module cli/analyze-command
 * `wiremeter analyze <file> [--json] [--top N] [--tunnel-view all|outer|inner] [--no-progress]
 *  [--memory-budget MiB]`
 */
import { stat } from 'node:fs/promises';
import { UsageError } from '../core/errors.js';
import { analyzeFile, analyzeSource } from '../analysis/analyze-file.js';
import { openCaptureStream } from '../source/index.js';
import type { SourceProgress } from '../source/types.js';
import { formatTextReport } from '../analysis/format-text.js';
import { buildReport } from '../analysis/report.js';
import { isTunnelView, TUNNEL_VIEWS } from '../analysis/tunnel-view.js';
import { Store } from '../store/store.js';
import { parseArgs } from './args.js';
import { memoryBudgetHelp, parseMemoryBudget } from './memory-budget.js';
import { ProgressBar } from './progress-bar.js';
import { configureGeolocation } from '../geo/index.js';
import { countrySummary, formatCountrySummary } from '../modules/location/summary.js';
import { geoipHelp } from './geoip-option.js';

export const ANALYZE_USAGE = `usage: wiremeter analyze <file> [options]

Reads a pcap or pcapng file (optionally gzip-compressed; '-' reads stdin) and prints an L2-L4 summary.

options:
  --json                 write one JSON document (every IP, MAC and connection) to stdout
  --top N                rows in the text summary's top lists (default 10)
  --tunnel-view VIEW     which headers of tunnelled packets count: ${TUNNEL_VIEWS.join(' | ')} (default all)
  --no-progress          no progress bar on stderr
  ${memoryBudgetHelp(23)}
  ${geoipHelp(23)}
`;

/** A progress bar is worth drawing only for files that take a moment. */
const PROGRESS_MIN_BYTES = 64 * 1024 * 1024;

export async function runAnalyze(argv: readonly string[], out: NodeJS.WriteStream, err: NodeJS.WriteStream): Promise<number> {
  const args = parseArgs(argv, {
    json: { takesValue: false }, top: { takesValue: true }, 'tunnel-view': { takesValue: true },
    'no-progress': { takesValue: false }, help: { takesValue: false }, 'memory-budget': { takesValue: true },
    geoip: { takesValue: true },
  });
  if (args.flags.has('help')) {
    out.write(ANALYZE_USAGE);
    return 0;
  }
  if (args.positionals.length !== 1) throw new UsageError('analyze needs exactly one capture file');
  const file = args.positionals[0] ?? '';
  const top = Number(args.values.get('top') ?? '10');
  if (!Number.isInteger(top) || top < 0) throw new UsageError('--top needs a whole number >= 0');
  const view = args.values.get('tunnel-view') ?? 'all';
  if (!isTunnelView(view)) throw new UsageError(`--tunnel-view must be one of ${TUNNEL_VIEWS.join(', ')}`);
  configureGeolocation(args.values.get('geoip'));
  const store = new Store({ memoryBudgetBytes: parseMemoryBudget(args.values.get('memory-budget')) });

  let size = 0;
  if (file !== '-') {
    try {
      size = (await stat(file)).size;
    } catch {
      err.write(`wiremeter: cannot open ${file}: no such file or not readable\n`);
      return 1;
    }
  }
  const bar = err.isTTY && !args.flags.has('no-progress') && size >= PROGRESS_MIN_BYTES ? new ProgressBar(err) : null;
  const options = { tunnelView: view, analyzer: { store }, ...(bar ? { onProgress: (p: SourceProgress): void => { bar.update(p); } } : {}) };
  const result = file === '-'
    ? await analyzeSource(await openCaptureStream(process.stdin, 'stdin'), options)
    : await analyzeFile(file, options);
  bar?.finish();
  const report = buildReport(result);
  const countries = countrySummary(result.analyzer);
  out.write(args.flags.has('json') ? JSON.stringify({ ...report, countries }) + '\n' : formatTextReport(report, top) + formatCountrySummary(countries, top));
  if (result.fileError) {
    err.write(`wiremeter: ${result.fileError.code}: ${result.fileError.message}\n`);
    return 1;
  }
  return 0;
}
