/**
 * @module cli/filter-command
 * `wiremeter filter explain '<expression>'`: prints the stages of a capture filter expression
 * (tokens, syntax tree, checked form, compiled plan). A bad expression prints the error with a
 * caret under its position and exits 2.
 */
import { explainCaptureFilter, formatFilterError } from '../filter/explain.js';
import { FilterSyntaxError } from '../filter/syntax-error.js';

export const FILTER_USAGE = `usage: wiremeter filter explain '<capture filter expression>'

Prints the tokens, the syntax tree, the checked form and the compiled plan of a capture filter,
e.g. wiremeter filter explain 'ip == 10.0/16 and (port == 80 or tcpFlags == syn+ack)'.
A bad expression prints the error with a caret under its position and exits with status 2.
`;

export function runFilter(argv: readonly string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): number {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    out.write(FILTER_USAGE);
    return 0;
  }
  if (sub !== 'explain' || rest.length === 0) {
    err.write(`wiremeter: ${sub === undefined ? 'missing subcommand' : sub === 'explain' ? 'missing expression' : `unknown subcommand '${sub}'`}\n\n${FILTER_USAGE}`);
    return 2;
  }
  const expression = rest.join(' ');
  try {
    out.write(explainCaptureFilter(expression));
    return 0;
  } catch (e) {
    if (e instanceof FilterSyntaxError) {
      err.write(formatFilterError(expression, e));
      return 2;
    }
    throw e;
  }
}
