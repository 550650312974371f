/**
 * End-to-end tests of `wiremeter analyze` through the real entry point (bin/wiremeter.js).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { AnalysisReport } from '../../src/analysis/report.js';
import { pcapPath, repoRoot } from '../support/paths.js';

const bin = join(repoRoot, 'bin', 'wiremeter.js');

function run(...args: string[]): { status: number; stdout: string; stderr: string } {
  return runWithInput(undefined, ...args);
}

function runWithInput(input: Buffer | undefined, ...args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...(input ? { input } : {}) });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

test('--json gives every IP, MAC and connection with 4-value counters', () => {
  const r = run('analyze', pcapPath('zeek_icmp_dot1q.pcap'), '--json');
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout) as AnalysisReport;
  assert.equal(report.packets, 15);
  assert.equal(report.bytes, 1446);
  assert.equal(report.firstPacketTime, '2008-06-20T10:20:37.965649Z');
  assert.deepEqual(report.linkTypes, [{ linkType: 1, name: 'ethernet', packets: 15 }]);
  const ip = report.ips.find((e) => e.ip === '192.168.123.1');
  assert.deepEqual(ip?.allTime, [5, 590, 4, 472]);
  const bcast = report.macs.find((m) => m.mac === 'ff:ff:ff:ff:ff:ff');
  assert.deepEqual(bcast?.allTime, [4, 256, 0, 0]);
  assert.equal(report.counts.macs, 3);
  assert.ok(report.connections.every((c) => c.packets === c.clientToServer[0] + c.serverToClient[0]));
});

test('the text summary names packets, top talkers and protocols', () => {
  const r = run('analyze', pcapPath('zeek_wikipedia.pcap'), '--top', '3');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^file {8}.*zeek_wikipedia\.pcap \(pcap\)$/m);
  assert.match(r.stdout, /Top 3 IPs by bytes/);
  assert.match(r.stdout, /Top 3 MACs by bytes/);
  assert.match(r.stdout, /^ {2}tcp /m);
});

test('a gzip-compressed capture gives the same report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wm-cli-'));
  try {
    const gz = join(dir, 'x.pcap.gz');
    writeFileSync(gz, gzipSync(readFileSync(pcapPath('zeek_wikipedia.pcap'))));
    const plain = JSON.parse(run('analyze', pcapPath('zeek_wikipedia.pcap'), '--json').stdout) as AnalysisReport;
    const zipped = JSON.parse(run('analyze', gz, '--json').stdout) as AnalysisReport;
    assert.deepEqual(zipped.ips, plain.ips);
    assert.deepEqual(zipped.connections, plain.connections);
    assert.match(zipped.format, /gzip/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a truncated capture keeps what came before the damage and exits 1 with the offset', () => {
  const r = run('analyze', pcapPath('ndpi_fuzz-2021-10-13.pcap'), '--json');
  assert.equal(r.status, 1);
  const report = JSON.parse(r.stdout) as AnalysisReport;
  assert.equal(report.packets, 1);
  assert.ok(report.fileError !== null);
  assert.match(report.fileError.code, /NM_ERR_SOURCE_(TRUNCATED|CORRUPT)/);
  assert.match(r.stderr, /offset \d+/);
});

test('a file cut in the middle keeps every complete packet', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wm-cli-'));
  try {
    const whole = readFileSync(pcapPath('zeek_wikipedia.pcap'));
    const cut = join(dir, 'cut.pcap');
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    const r = run('analyze', cut, '--json');
    assert.equal(r.status, 1);
    const report = JSON.parse(r.stdout) as AnalysisReport;
    assert.ok(report.packets > 0);
    assert.equal(report.fileError?.code, 'NM_ERR_SOURCE_TRUNCATED');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('not a capture file: a clear error, exit 1, no stack trace', () => {
  const r = run('analyze', join(repoRoot, 'package.json'));
  assert.equal(r.status, 1);
  assert.match(r.stderr, /NM_ERR_SOURCE_FORMAT/);
  assert.doesNotMatch(r.stderr, /\bat .*\.js:\d+/);
});

test('a missing file and wrong usage', () => {
  assert.equal(run('analyze', '/nonexistent.pcap').status, 1);
  const noFile = run('analyze');
  assert.equal(noFile.status, 2);
  assert.match(noFile.stderr, /usage: wiremeter analyze/);
  assert.equal(run('analyze', pcapPath('zeek_icmp_dot1q.pcap'), '--tunnel-view', 'sideways').status, 2);
  assert.equal(run('analyze', pcapPath('zeek_icmp_dot1q.pcap'), '--bogus').status, 2);
  assert.equal(run('frobnicate').status, 2);
  assert.equal(run('help').status, 0);
});

test('- reads the capture from stdin', () => {
  const r = runWithInput(readFileSync(pcapPath('zeek_icmp_dot1q.pcap')), 'analyze', '-', '--json');
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout) as AnalysisReport;
  assert.equal(report.file, 'stdin');
  assert.equal(report.packets, 15);
});
