/**
 * @module test/conformance/implementations
 * How each PacketSource implementation is opened on a capture's bytes, for the conformance suite:
 * as a file (openCaptureFile), as a stream of chunks (openCaptureStream), and gzip-compressed as a
 * file or a stream. Temporary files live in one directory under os.tmpdir(), removed after the tests.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { gzipSync } from 'node:zlib';
import { openCaptureFile } from '../../src/source/index.js';
import type { PacketSource } from '../../src/source/types.js';
import { openBytes } from './collect.js';
import { corpusFiles, type PacketSourceImplementation } from './packet-source.case.js';

let tempDir: string | null = null;
let tempCount = 0;
// Registered at load, so it runs after all of the importing test file's tests.
after(() => {
  if (tempDir !== null) rmSync(tempDir, { recursive: true, force: true });
});

function tempFile(bytes: Uint8Array): string {
  tempDir ??= mkdtempSync(join(tmpdir(), 'wm-conformance-'));
  const p = join(tempDir, `capture-${++tempCount}`);
  writeFileSync(p, bytes);
  return p;
}

function openFile(bytes: Uint8Array, chunkBytes: number): Promise<PacketSource> {
  return openCaptureFile(tempFile(bytes), { chunkBytes });
}

/** A mixed sample of the corpus: both formats, both byte orders, several link types, the damaged file. */
const MIXED = [
  'zeek_icmp_dot1q.pcap', 'pcapplusplus_many_interfaces-1.pcapng', 'zeek_pcapng-multi-interface.pcapng', 'ndpi_netbios.pcap',
  'tcpdump_pptp.pcap', 'pcapplusplus_nanosecs_big_endian.pcap', 'zeek_linux_dlt_sll2.pcap', 'tcpdump_empty.pcap',
  'ndpi_fuzz-2021-10-13.pcap', 'tcpdump_timestamp_invalid_micro.pcap', 'ndpi_quic-v2.pcapng', 'zeek_wikipedia.pcap',
];

export const pcapFile: PacketSourceImplementation = {
  name: 'classic pcap file', fixtures: corpusFiles('pcap', 'zeek_wikipedia.pcap'), open: openFile,
};

export const pcapngFile: PacketSourceImplementation = {
  name: 'pcapng file', fixtures: corpusFiles('pcapng', 'ndpi_radmin3.pcapng'), open: openFile,
};

export const gzipFile: PacketSourceImplementation = {
  name: 'gzip-compressed file', fixtures: MIXED, open: (bytes, chunkBytes) => openFile(gzipSync(bytes), chunkBytes),
};

export const byteStream: PacketSourceImplementation = {
  name: 'stream of chunks', fixtures: MIXED, open: (bytes, chunkBytes) => openBytes(bytes, chunkBytes, { chunkBytes }),
};

export const gzipStream: PacketSourceImplementation = {
  name: 'gzip-compressed stream', fixtures: MIXED,
  open: (bytes, chunkBytes) => openBytes(gzipSync(bytes), Math.max(1, chunkBytes >> 2), { chunkBytes, waitForFullChunk: true }),
};
