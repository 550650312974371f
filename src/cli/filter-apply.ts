/**
 * @module cli/filter-apply
 * `wiremeter filter apply '<expression>' <capture> --write <out.pcapng|out.pcap> [--snap N]`:
 * reads a capture file, decodes every packet, and writes the packets the capture filter selects
 * through a CaptureTap (the same path a live capture takes), then prints the counters. The output
 * format follows the file name (.pcap: classic pcap of the first packet's link type; otherwise
 * pcapng with the filter in its comment).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { CaptureTap } from '../capture/capture-tap.js';
import { UsageError } from '../core/errors.js';
import { PacketDecoder, PacketInfo } from '../decode/index.js';
import { FilterContext } from '../filter/index.js';
import { openCaptureFile } from '../source/index.js';
import { parseArgs } from './args.js';

/** Drain the tap into the file whenever this much output waits. */
const DRAIN_BYTES = 1 << 20;

export async function runFilterApply(argv: readonly string[], out: NodeJS.WritableStream): Promise<number> {
  const args = parseArgs(argv, { write: { takesValue: true }, snap: { takesValue: true } });
  const [expression, input] = args.positionals;
  const target = args.values.get('write');
  if (expression === undefined || input === undefined || target === undefined || args.positionals.length > 2) {
    throw new UsageError('filter apply needs an expression, a capture file and --write <file>');
  }
  const snapText = args.values.get('snap') ?? '0';
  const snapLength = Number(snapText);
  if (!/^\d+$/.test(snapText)) throw new UsageError(`--snap takes a number of bytes, not '${snapText}'`);
  const source = await openCaptureFile(input);
  const decoder = new PacketDecoder();
  const pi = new PacketInfo();
  const ctx = new FilterContext();
  const fd = openSync(target, 'w');
  let tap: CaptureTap | null = null;
  const drain = (t: CaptureTap): void => {
    for (const chunk of t.take()) writeSync(fd, chunk);
  };
  try {
    for await (const batch of source) {
      for (let i = 0; i < batch.count; i++) {
        decoder.decode(batch, i, pi);
        tap ??= new CaptureTap({
          expression, snapLength, format: target.endsWith('.pcap') ? 'pcap' : 'pcapng', linkType: pi.linkType,
          maxQueuedBytes: 4 * DRAIN_BYTES, interfaces: source.interfaces().map((f) => ({ name: f.name, description: f.description })),
          device: { application: 'wiremeter filter apply', source: input },
        });
        tap.offer(pi, ctx);
        if (tap.queuedBytes >= DRAIN_BYTES) drain(tap);
      }
    }
    tap ??= new CaptureTap({ expression, snapLength, format: target.endsWith('.pcap') ? 'pcap' : 'pcapng' });
    tap.stop();
    drain(tap);
  } finally {
    closeSync(fd);
    await source.close();
  }
  const c = tap.counters;
  out.write(`${target}: ${c.captured} packets captured, ${c.ignored} ignored, ${c.dropped} dropped, ${c.bytes} bytes\n`);
  return 0;
}
