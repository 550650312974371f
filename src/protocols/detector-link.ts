/**
 * @module protocols/detector-link
 * How dissectors reach the detection engine of their analysis to `confirm` a protocol: the dpi
 * module links its ProtocolDetector to the analysis' store; a dissector looks it up (lazily: the
 * dpi module may be created after it, or not at all, and then nothing is confirmed).
 */
import type { Store } from '../store/store.js';
import type { ProtocolDetector } from './detect.js';

const detectors = new WeakMap<Store, ProtocolDetector>();

export function linkDetector(store: Store, detector: ProtocolDetector): void {
  detectors.set(store, detector);
}

export function detectorOf(store: Store): ProtocolDetector | undefined {
  return detectors.get(store);
}

/** A dissector's handle on `confirm`: looks the engine up on first use (none: confirms nothing). */
export class DetectorConfirmation {
  private detector: ProtocolDetector | undefined | null = null;

  constructor(private readonly store: Store) {}

  confirm(conn: number, protocol: number): void {
    if (this.detector === null) this.detector = detectorOf(this.store);
    if (this.detector !== undefined && conn >= 0) this.detector.confirm(conn, protocol);
  }
}
