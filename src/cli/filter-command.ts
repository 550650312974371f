/**
 * @module cli/filter-command
 * `wiremeter filter explain '<expression>'`: prints the stages of a capture filter expression
 * (tokens, syntax tree, checked form, compiled plan). `wiremeter filter apply '<expression>'
 * <capture> --write <out>` writes the packets it selects (filter-apply.ts). A bad expression
 * prints the error with a caret under its position and exits 2.
 */
import { UsageError } from '../core/errors.js';
import { explainCaptureFilter, formatFilterError } from '../filter/explain.js';
import { FilterSyntaxError } from '../filter/syntax-error.js';
import { runFilterApply } from './filter-apply.js';

export const FILTER_USAGE = `usage: wiremeter filter explain '<capture filter expression>'
       wiremeter filter apply '<capture filter expression>' <capture> --write <out.pcapng|out.pcap> [--snap N]

explain prints the tokens, the syntax tree, the checked form and the compiled plan of a capture
filter, e.g. wiremeter filter explain 'ip == 10.0/16 and (port == 80 or tcpFlags == syn+ack)'.
apply writes the packets of a capture file that the filter selects (pcapng unless the name ends
in .pcap; --snap keeps at most N bytes per packet) and prints captured/ignored/dropped counts.
A bad expression prints the error with a caret under its position and exits with status 2.
`;

export async function runFilter(argv: readonly string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    out.write(FILTER_USAGE);
    return 0;
  }
  if ((sub !== 'explain' && sub !== 'apply') || rest.length === 0) {
    err.write(`wiremeter: ${sub === undefined ? 'missing subcommand' : sub === 'explain' || sub === 'apply' ? 'missing expression' : `unknown subcommand '${sub}'`}\n\n${FILTER_USAGE}`);
    return 2;
  }
  const expression = sub === 'explain' ? rest.join(' ') : rest[0] ?? '';
  try {
    if (sub === 'apply') return await runFilterApply(rest, out);
    out.write(explainCaptureFilter(expression));
    return 0;
  } catch (e) {
    if (e instanceof FilterSyntaxError) {
      err.write(formatFilterError(expression, e));
      return 2;
    }
    if (e instanceof UsageError) {
      err.write(`wiremeter: ${e.message}\n\n${FILTER_USAGE}`);
      return 2;
    }
    throw e;
  }
}
