/**
 * @module names/name-book
 * The names an analysis learned for IP addresses, with their source: DNS answers (A/AAAA, PTR),
 * mDNS and LLMNR answers, DHCP host names, NetBIOS registrations. One book per analysis (per
 * store), shared by the modules that learn names (dns, dhcp, netbios) and the one that shows them
 * (names). Bounded: at most `capacity` (address, name, source) entries; the least recently seen
 * goes first. Strings only: the book is fed when a dissector stores a result, never per packet.
 */
import type { Store } from '../store/store.js';

export const NAME_SOURCES = ['dns', 'mdns', 'llmnr', 'dhcp', 'netbios', 'http', 'tls', 'quic', 'user'] as const;
export type NameSource = (typeof NAME_SOURCES)[number];

export interface NameEntry {
  readonly ip: string;
  readonly name: string;
  readonly source: NameSource;
  /** Packet time (seconds) when first and last learned. */
  readonly firstSeen: number;
  lastSeen: number;
  /** Times learned. */
  count: number;
}

export const NAME_BOOK_DEFAULTS = { capacity: 200_000 } as const;

function keyOf(ip: string, name: string, source: NameSource): string {
  return `${ip}\u0000${name}\u0000${source}`;
}

function addTo(index: Map<string, Set<string>>, k: string, key: string): void {
  let s = index.get(k);
  if (s === undefined) {
    s = new Set();
    index.set(k, s);
  }
  s.add(key);
}

function removeFrom(index: Map<string, Set<string>>, k: string, key: string): void {
  const s = index.get(k);
  if (s === undefined) return;
  s.delete(key);
  if (s.size === 0) index.delete(k);
}

export class NameBook {
  readonly capacity: number;
  /** Entries in least-recently-seen-first order (a Map keeps insertion order; a touch re-inserts). */
  private readonly entries = new Map<string, NameEntry>();
  private readonly byIp = new Map<string, Set<string>>();
  private readonly byName = new Map<string, Set<string>>();
  /** Entries dropped to stay within capacity. */
  evicted = 0;

  constructor(capacity: number = NAME_BOOK_DEFAULTS.capacity) {
    this.capacity = Math.max(1, capacity);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Learns that `ip` is called `name` (per `source`) at packet time `tsSec`. */
  add(ip: string, name: string, source: NameSource, tsSec: number): void {
    if (ip.length === 0 || name.length === 0) return;
    const key = keyOf(ip, name, source);
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.entries.delete(key);
      old.lastSeen = Math.max(old.lastSeen, tsSec);
      old.count++;
      this.entries.set(key, old);
      return;
    }
    this.entries.set(key, { ip, name, source, firstSeen: tsSec, lastSeen: tsSec, count: 1 });
    addTo(this.byIp, ip, key);
    addTo(this.byName, name.toLowerCase(), key);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      const e = this.entries.get(oldest) as NameEntry;
      this.entries.delete(oldest);
      removeFrom(this.byIp, e.ip, oldest);
      removeFrom(this.byName, e.name.toLowerCase(), oldest);
      this.evicted++;
    }
  }

  /** The names of an address (text as the IP table writes it), most recently seen last. */
  namesOf(ip: string): NameEntry[] {
    const keys = this.byIp.get(ip);
    if (keys === undefined) return [];
    return [...keys].map((k) => this.entries.get(k) as NameEntry).sort((a, b) => a.lastSeen - b.lastSeen);
  }

  /** The entries naming `name` (case-insensitive). */
  addressesOf(name: string): NameEntry[] {
    const keys = this.byName.get(name.toLowerCase());
    if (keys === undefined) return [];
    return [...keys].map((k) => this.entries.get(k) as NameEntry);
  }

  /** Every entry, least recently seen first. */
  all(): IterableIterator<NameEntry> {
    return this.entries.values();
  }
}

const books = new WeakMap<Store, NameBook>();

/** The name book of the analysis that owns `store` (made on first use). */
export function nameBookOf(store: Store): NameBook {
  let b = books.get(store);
  if (b === undefined) {
    b = new NameBook();
    books.set(store, b);
  }
  return b;
}
