/**
 * @module api/live-slot
 * Analyse live traffic of network interfaces into a slot (slot 0 for `wiremeter serve
 * --interface …` or the interface settings): `startAnalysis` over `openLiveCapture` with the wall
 * clock driving the store, so "last second" and history move on while the link is silent.
 * /API/stats/processing shows per interface the packets captured, the kernel's and the driver's
 * drops and wiremeter's own overload drops (`source.interfaces`), and per stage its load
 * (`stages`: each tcpdump child, each interface's queue, the analysis); /API/stats/interfaces
 * carries each interface's name, drops and link. Links: the pairs given (`links`, e.g. from the
 * settings), else interfaces pair in the order given (0+1 = link 0, 2+3 = link 1), the two
 * directions of a TAP.
 */
import type { JsonObject } from '../modules/resource.js';
import { openLiveCapture, type InterfaceCaptureStats, type LiveCaptureOptions, type LiveCaptureSource } from '../source/live-capture.js';
import { startAnalysis, type SlotAnalysis, type SlotAnalysisOptions } from './analysis-slot.js';
import type { AnalysisSlot } from './module-registry.js';
import { StageLoad } from './stage-load.js';

export type LiveOptions = Omit<SlotAnalysisOptions, 'wallClock' | 'sourceFigures' | 'sourceStages'> & {
  readonly capture?: LiveCaptureOptions;
  /** Which interfaces form a link (each a list of interface names); unnamed ones pair in order after them. */
  readonly links?: readonly (readonly string[])[];
};

/** Link number of interface `id` when interfaces pair in the order given (0+1, 2+3, …). */
export const linkOf = (id: number): number => id >> 1;

/**
 * Link number of each interface: the groups of `links` first (link 0, 1, …, in their order), then
 * the interfaces no group names, paired in the order given. A name in two groups or not among the
 * interfaces is a RangeError.
 */
export function linkNumbers(interfaces: readonly string[], links: readonly (readonly string[])[] = []): number[] {
  const out = interfaces.map(() => -1);
  let next = 0;
  for (const group of links) {
    for (const name of group) {
      const id = interfaces.indexOf(name);
      if (id < 0) throw new RangeError(`link names '${name}', which is not one of the interfaces`);
      if (out[id] !== -1) throw new RangeError(`interface '${name}' is in two links`);
      out[id] = next;
    }
    if (group.length > 0) next++;
  }
  let open = 0;
  interfaces.forEach((_, id) => {
    if (out[id] !== -1) return;
    out[id] = next + (open >> 1);
    open++;
  });
  return out;
}

function linksOf(stats: readonly InterfaceCaptureStats[], link: readonly number[]): JsonObject[] {
  const count = link.reduce((m, l) => Math.max(m, l + 1), 0);
  const links: JsonObject[] = [];
  for (let l = 0; l < count; l++) {
    const members = stats.filter((_, id) => link[id] === l);
    links.push({
      link: l, interfaces: members.map((s) => s.name),
      captured: members.reduce((n, s) => n + s.captured, 0),
      drops: members.reduce((n, s) => n + s.kernelDrops + s.interfaceDrops + s.overloadDrops, 0),
    });
  }
  return links;
}

export function startLiveCapture(interfaces: readonly string[], slot: AnalysisSlot, options: LiveOptions = {}): SlotAnalysis {
  let source: LiveCaptureSource | null = null;
  const load = new StageLoad();
  const link = linkNumbers(interfaces, options.links);
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
        interfaces: stats.length > 0 ? stats.map((s, id) => ({ ...s, link: link[id] ?? -1 })) : interfaces.map((name) => ({ name, running: false })),
        links: linksOf(stats, link),
      };
    },
    // Per stage: how busy, and the drops of the queue in front of it.
    sourceStages: () => (source?.captureStats() ?? []).flatMap((s) => [
      { stage: `capture ${s.name} (tcpdump)`, cpuPercent: s.running ? load.processPercent(s.pid) : null, queue: 'kernel capture buffer', queueDrops: s.kernelDrops + s.interfaceDrops },
      { stage: `queue ${s.name}`, queue: 'wiremeter queue in front of the analysis', queuedBytes: s.queuedBytes, peakQueuedBytes: s.peakQueuedBytes, capBytes: s.queueCapBytes, queueDrops: s.overloadDrops },
    ]),
  });
  analysis.status.interfaceFigures = (id) => {
    const s = source?.captureStats()[id];
    return s === undefined ? null : { name: s.name, drops: s.kernelDrops + s.interfaceDrops + s.overloadDrops, link: link[id] ?? -1 };
  };
  return analysis;
}
