/**
 * @module cli/main
 * Dispatch `wiremeter <command> ...` and turn errors into messages and exit statuses
 * (0 ok, 1 bad input or I/O, 2 usage). Never prints a stack trace for an expected error.
 */
import { NmError, UsageError, describeError } from '../core/errors.js';
import { ANALYZE_USAGE, runAnalyze } from './analyze-command.js';
import { SERVE_USAGE, runServe } from './serve-command.js';

const USAGE = `usage: wiremeter <command> [options]

commands:
  analyze <file>     summarise a pcap/pcapng capture (L2-L4): see 'wiremeter analyze --help'
  serve              the REST API over HTTPS: see 'wiremeter serve --help'
  filter explain|apply   the capture filter language: see 'wiremeter filter --help'
  help               this text
`;

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'analyze':
        return await runAnalyze(rest, process.stdout, process.stderr);
      case 'serve':
        if (rest.includes('--help') || rest.includes('-h')) {
          process.stdout.write(SERVE_USAGE);
          return 0;
        }
        return await runServe(rest, process.stdout, process.stderr);
      case 'filter': return await (await import('./filter-command.js')).runFilter(rest, process.stdout, process.stderr);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`wiremeter: ${err.message}\n\n${command === 'analyze' ? ANALYZE_USAGE : command === 'serve' ? SERVE_USAGE : USAGE}`);
      return 2;
    }
    if (err instanceof NmError) {
      process.stderr.write(`wiremeter: ${err.code}: ${err.message}\n`);
      return 1;
    }
    process.stderr.write(`wiremeter: internal error: ${describeError(err)}\n`);
    return 1;
  }
}
