/**
 * Tests of `wiremeter filter`: explain prints the stages, a bad expression prints a caret and exits
 * 2, and `apply` writes exactly the packets the filter selects (read back with wiremeter's reader,
 * and with tshark against its equivalent display filter where tshark is installed).
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { openCaptureFile } from '../source/index.js';
import { pcapPath } from '../../test/support/paths.js';
import { runFilter } from './filter-command.js';

const dir = mkdtempSync(join(tmpdir(), 'wiremeter-filter-cli-'));
process.on('exit', () => {
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new PassThrough(), err = new PassThrough();
  let o = '', e = '';
  out.on('data', (c: Buffer) => (o += c.toString()));
  err.on('data', (c: Buffer) => (e += c.toString()));
  const code = await runFilter(argv, out, err);
  return { code, out: o, err: e };
}

async function count(path: string): Promise<number> {
  const src = await openCaptureFile(path);
  let n = 0;
  for await (const b of src) n += b.count;
  await src.close();
  return n;
}

test('explain prints the four stages; a bad expression shows a caret and exits 2', async () => {
  const ok = await cli('explain', 'vlan == none and l4Protocol == TCP,UDP');
  assert.equal(ok.code, 0);
  assert.match(ok.out, /tokens:[\s\S]*ast:[\s\S]*checked:\n {2}\(and vlan==none l4Protocol==\{6,17\}\)\nplan:/);
  const bad = await cli('explain', 'vlan == none and l4Protocol == TCP,QUIC');
  assert.equal(bad.code, 2);
  assert.equal(bad.err, "error: 'QUIC' is not an IP protocol (TCP, UDP, ICMP, ICMPv6 …) at character 36; expected a number 0-255 or an IP protocol (TCP, UDP, ICMP, ICMPv6 …)\n"
    + '  vlan == none and l4Protocol == TCP,QUIC\n' + '                                     ^\n');
  assert.equal((await cli('nonsense')).code, 2);
  assert.equal((await cli('apply', 'port == 80')).code, 2);
});

test('apply writes the selected packets (pcapng and pcap), equal to tshark on the display filter', async () => {
  const input = pcapPath('pcapplusplus_many-protocols.pcap');
  const ng = join(dir, 'syn.pcapng'), classic = join(dir, 'syn.pcap');
  const r = await cli('apply', 'port == 443 and tcpFlags == syn', input, '--write', ng);
  assert.equal(r.code, 0);
  const m = /(\d+) packets captured, (\d+) ignored, 0 dropped/.exec(r.out);
  assert.ok(m, r.out);
  assert.equal(Number(m[1]) + Number(m[2]), 4709);
  assert.equal(await count(ng), Number(m[1]));
  assert.equal((await cli('apply', 'port == 443 and tcpFlags == syn', input, '--write', classic, '--snap', '64')).code, 0);
  assert.equal(await count(classic), Number(m[1]));
  let tshark = true;
  try {
    execFileSync('tshark', ['--version'], { stdio: 'ignore' });
  } catch {
    tshark = false;
  }
  if (!tshark) {
    console.log('# tshark not installed: the comparison with its display filter is skipped');
    return;
  }
  const frames = (file: string, filter: string): string[] => execFileSync('tshark', ['-n', '-r', file, '-Y', filter, '-T', 'fields', '-e', 'frame.len'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').filter((l) => l !== '');
  const expected = frames(input, '(tcp.port == 443 || udp.port == 443) && tcp.flags.syn == 1');
  assert.equal(expected.length, Number(m[1]));
  assert.deepEqual(frames(ng, 'frame'), expected);
  assert.deepEqual(frames(classic, 'frame'), expected);
});
