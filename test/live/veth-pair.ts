/**
 * Test support for the live tests: a veth pair made for one test file, or the reason it cannot be
 * made here (tools missing, or the machine forbids creating interfaces) for the test to print
 * when it skips. IPv6 is off on both ends, so the kernel's own chatter stays out of the counts.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Names of a pair for this process: `prefix` keeps the pairs of test files that run at once apart. */
export function vethNames(prefix: string): { a: string; b: string } {
  const id = process.pid % 100000;
  return { a: `${prefix}${id}a`, b: `${prefix}${id}b` };
}

/** Creates the pair a–b (up, MTU 9000); null when done, else why it cannot be. */
export async function setUpVethPair(a: string, b: string): Promise<string | null> {
  for (const tool of ['tcpdump', 'tcpreplay']) {
    try {
      await run('which', [tool]);
    } catch {
      return `${tool} is not installed (scripts/setup installs it)`;
    }
  }
  try {
    await run('ip', ['link', 'add', a, 'type', 'veth', 'peer', 'name', b]);
  } catch (err) {
    return `this machine forbids creating interfaces: ${(err as { stderr?: string }).stderr?.trim() ?? String(err)}`;
  }
  for (const dev of [a, b]) {
    await run('sysctl', ['-qw', `net.ipv6.conf.${dev}.disable_ipv6=1`]);
    await run('ip', ['link', 'set', dev, 'mtu', '9000', 'up']);
  }
  return null;
}

/** Deletes the pair (deleting one end deletes both); quiet when it is gone already. */
export async function tearDownVethPair(a: string): Promise<void> {
  await run('ip', ['link', 'del', a]).catch(() => undefined);
}
