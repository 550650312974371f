/**
 * @module capture/capture-taps
 * The captures running on one packet path (an analysis slot): the set of CaptureTaps the
 * analysis offers every decoded and analysed packet to. With no capture running, the packet path
 * pays one branch (`if (taps.active)`). Per packet it fills the FilterContext facts that at least
 * one tap's filter reads, from the lookups the analysis bound (DPI, connections, geolocation),
 * then offers the packet to each tap. Finished taps leave the set. The set belongs to the slot,
 * not to one analysis: whichever analysis feeds the slot binds its lookups and feeds the taps.
 */
import type { PacketInfo } from '../decode/packet-info.js';
import { FilterContext } from '../filter/index.js';
import { NO_LOOKUPS, type FilterLookups } from '../filter/facts.js';
import type { CaptureTap } from './capture-tap.js';

export class CaptureTaps {
  /** True while at least one tap is in the set (the packet path's one branch). */
  active = false;
  private taps: CaptureTap[] = [];
  private lookups: FilterLookups = NO_LOOKUPS;
  private readonly ctx = new FilterContext();
  private needL7 = false;
  private needServerPort = false;
  private needCountry = false;

  /** The analysis now feeding the set: where facts of its current packet come from. */
  bind(lookups: FilterLookups): void {
    this.lookups = lookups;
  }

  /** The analysis ended: its lookups go; running taps keep waiting for the next one. */
  unbind(): void {
    this.lookups = NO_LOOKUPS;
  }

  add(tap: CaptureTap): void {
    this.taps.push(tap);
    this.update();
  }

  remove(tap: CaptureTap): void {
    const i = this.taps.indexOf(tap);
    if (i < 0) return;
    this.taps.splice(i, 1);
    this.update();
  }

  get size(): number {
    return this.taps.length;
  }

  private update(): void {
    this.active = this.taps.length > 0;
    this.needL7 = this.taps.some((t) => t.needs.l7Protocol);
    this.needServerPort = this.taps.some((t) => t.needs.serverPort);
    this.needCountry = this.taps.some((t) => t.needs.countryCode);
  }

  /** One analysed packet (valid during the call). */
  offer(pi: PacketInfo): void {
    const ctx = this.ctx, lookups = this.lookups;
    if (this.needL7) ctx.l7Protocol = lookups.l7Protocol();
    if (this.needServerPort) ctx.serverPort = lookups.serverPort();
    if (this.needCountry) {
      ctx.countrySrc = lookups.countryCode(false);
      ctx.countryDst = lookups.countryCode(true);
    }
    const taps = this.taps;
    let finished = false;
    for (let i = 0; i < taps.length; i++) {
      const tap = taps[i] as CaptureTap;
      tap.offer(pi, ctx);
      if (tap.finished) finished = true;
    }
    if (finished) {
      this.taps = taps.filter((t) => !t.finished);
      this.update();
    }
  }

  /** Stop and drop every tap (the source ended for good). */
  stopAll(): void {
    for (const t of this.taps) t.stop();
    this.taps = [];
    this.update();
  }
}

/** A set no capture ever joins (the default of an analysis outside any slot). */
export const NO_TAPS: CaptureTaps = new CaptureTaps();
