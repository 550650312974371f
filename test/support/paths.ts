/**
 * @module test/support/paths
 * Where the repository's fixtures are, from compiled test files (dist/...) or sources alike.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRepoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'test', 'fixtures'))) return dir;
    dir = resolve(dir, '..');
  }
  throw new Error('repository root not found');
}

export const repoRoot = findRepoRoot();
export const fixturesDir = join(repoRoot, 'test', 'fixtures');
export const pcapsDir = join(fixturesDir, 'pcaps');
export const referenceDir = join(fixturesDir, 'reference');

/** Absolute path of a corpus capture by file name, e.g. pcapPath('zeek_icmp_dot1q.pcap'). */
export function pcapPath(name: string): string {
  return join(pcapsDir, name);
}
