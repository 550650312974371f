/**
 * @module api/live-slot
 * Analyse live traffic of network interfaces into a slot (slot 0 for `wiremeter serve
 * --interface …`): `startAnalysis` over `openLiveCapture` with the wall clock driving the store,
 * so "last second" and history move on while the link is silent. /API/stats/processing shows per
 * interface the packets captured and the kernel's and the driver's drops (`source.interfaces`);
 * /API/stats/interfaces carries each interface's name, capture drops and link. Interfaces pair
 * into links in the order given (0+1 = link 0, 2+3 = link 1), the two directions of a TAP.
 */
import type { JsonObject } from '../modules/resource.js';
import { openLiveCapture, type InterfaceCaptureStats, type LiveCaptureOptions, type LiveCaptureSource } from '../source/live-capture.js';
import { startAnalysis, type SlotAnalysis, type SlotAnalysisOptions } from './analysis-slot.js';
import type { AnalysisSlot } from './module-registry.js';
import { StageLoad } from './stage-load.js';

export type LiveOptions = Omit<SlotAnalysisOptions, 'wallClock' | 'sourceFigures'> & { readonly capture?: LiveCaptureOptions };

/** Link number of interface `id`: interfaces pair in the order given (0+1, 2+3, …). */
export const linkOf = (id: number): number => id >> 1;

function linksOf(stats: readonly InterfaceCaptureStats[]): JsonObject[] {
  const links: JsonObject[] = [];
  for (let i = 0; i < stats.length; i += 2) {
    const pair = stats.slice(i, i + 2);
    links.push({
      link: linkOf(i), interfaces: pair.map((s) => s.name),
      captured: pair.reduce((n, s) => n + s.captured, 0),
      drops: pair.reduce((n, s) => n + s.kernelDrops + s.interfaceDrops + s.overloadDrops, 0),
    });
  }
  return links;
}

export function startLiveCapture(interfaces: readonly string[], slot: AnalysisSlot, options: LiveOptions = {}): SlotAnalysis {
  let source: LiveCaptureSource | null = null;
  const load = new StageLoad();
  slot.description = `live: ${interfaces.join(', ')}`;
  const analysis = startAnalysis(interfaces.join(','), async () => {
    source = await openLiveCapture(interfaces, options.capture);
    return source;
  }, slot, {
    ...options,
    wallClock: true,
    sourceFigures: () => {
      const stats = source?.captureStats() ?? [];
      return {
        kind: 'live', tool: 'tcpdump',
        interfaces: stats.length > 0 ? stats.map((s, id) => ({ ...s, link: linkOf(id) })) : interfaces.map((name) => ({ name, running: false })),
        // As on the appliance, interfaces pair into links in their order: 0+1 = link 0, 2+3 = link 1 (a TAP's two directions).
        links: linksOf(stats),
        // Per stage: how busy, and the drops of the queue in front of it.
        stages: [
          ...stats.map((s) => ({ stage: `capture ${s.name} (tcpdump)`, cpuPercent: s.running ? load.processPercent(s.pid) : null, queue: 'kernel capture buffer', queueDrops: s.kernelDrops + s.interfaceDrops })),
          { stage: 'analysis (main thread)', cpuPercent: load.analysisPercent(), queue: 'pipe from tcpdump (blocks, never drops)', queueDrops: 0 },
        ],
      };
    },
  });
  analysis.status.interfaceFigures = (id) => {
    const s = source?.captureStats()[id];
    return s === undefined ? null : { name: s.name, drops: s.kernelDrops + s.interfaceDrops + s.overloadDrops, link: linkOf(id) };
  };
  return analysis;
}
