/**
 * A small in-test module tree in the shape the real modules export (src/modules/resource.ts):
 * `ip` with ips_paged (a list), ips/:ip (object with a peers list) and `mac` with macs/:mac.
 * Rows are generated deterministically so tests can compute the expected answers.
 */
import type { JsonObject, ListColumn, ListResource, ListView, ObjectResource, ParamResource, Resource } from '../../../src/modules/resource.js';

export interface FakeHost {
  readonly ip: string;
  readonly name: string;
  readonly rxBytes: number;
  readonly txBytes: number;
  readonly rxBps: number;
  readonly txBps: number;
  readonly l7: string;
}

const HOST_COLUMNS: readonly ListColumn[] = [
  { name: 'ip', type: 'string' }, { name: 'name', type: 'string' }, { name: 'l7', type: 'string' },
  { name: 'bytes', type: 'number' }, { name: 'rxbytes', type: 'number' }, { name: 'txbytes', type: 'number' },
  { name: 'bps', type: 'number' }, { name: 'rxbps', type: 'number' }, { name: 'txbps', type: 'number' },
];

export function fakeHosts(n: number): FakeHost[] {
  const l7 = ['DNS', 'HTTP', 'TLS', 'NTP'];
  return Array.from({ length: n }, (_, i) => ({
    ip: `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}`,
    name: i === 3 ? 'printer, "2nd floor"' : `system${String.fromCharCode(65 + (i % 26))}${i}`,
    rxBytes: (i * 7919) % 1000 * 1000,
    txBytes: (i * 104729) % 777 * 10,
    rxBps: (i * 31) % 97,
    txBps: (i * 17) % 89,
    l7: l7[i % 4] as string,
  }));
}

function hostValue(h: FakeHost, column: number): number {
  switch (column) {
    case 3: return h.rxBytes + h.txBytes;
    case 4: return h.rxBytes;
    case 5: return h.txBytes;
    case 6: return h.rxBps + h.txBps;
    case 7: return h.rxBps;
    case 8: return h.txBps;
    default: return NaN;
  }
}

export function hostJson(h: FakeHost): JsonObject {
  return { ip: h.ip, name: h.name, l7: h.l7, allTime: [1, h.rxBytes, 1, h.txBytes], lastSecond: [1, h.rxBps, 1, h.txBps] };
}

export function hostListView(hosts: readonly FakeHost[]): ListView {
  return {
    size: hosts.length,
    columns: HOST_COLUMNS,
    number: (r, c) => hostValue(hosts[r] as FakeHost, c),
    text: (r, c) => {
      const h = hosts[r] as FakeHost;
      return c === 0 ? h.ip : c === 1 ? h.name : c === 2 ? h.l7 : String(hostValue(h, c));
    },
    searchText: (r) => `${(hosts[r] as FakeHost).ip} ${(hosts[r] as FakeHost).name}`,
    json: (r) => hostJson(hosts[r] as FakeHost),
  };
}

export function fakeIpModule(hosts: readonly FakeHost[]): Resource {
  const byIp = new Map(hosts.map((h) => [h.ip, h]));
  const peers = (h: FakeHost): ListResource & { name: string } => ({
    kind: 'list', name: 'peers', defaultSort: 'bytes',
    open: () => hostListView(hosts.filter((p) => p !== h).slice(0, 20)),
  });
  const ipParam: ParamResource & { name: string } = {
    kind: 'param', name: 'ip', param: 'ip',
    resolve: (value) => {
      if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(value) && !value.includes(':')) return { badRequest: `'${value}' is not an IP address` };
      const h = byIp.get(value);
      if (!h) return { notFound: `IP ${value} was not seen` };
      const node: ObjectResource & { name: string } = { kind: 'object', name: value, children: [peers(h)], get: (q) => ({ ...hostJson(h), interval: [1, h.rxBytes, 1, h.txBytes], skippedHistory: q.skipHistory }) };
      return node;
    },
  };
  return {
    kind: 'object', name: 'ip',
    get: (q) => ({ ipCount: hosts.length, startSec: q.startSec ?? null, endSec: q.endSec ?? null, values: q.values }),
    children: [
      { kind: 'list', name: 'ips_paged', defaultSort: 'bytes', open: () => hostListView(hosts) },
      { kind: 'object', name: 'ips', get: () => ({ count: hosts.length }), children: [{ kind: 'object', name: 'protocol', get: () => ({ ipv4: hosts.length }) }, ipParam] },
    ],
  };
}

export function fakeMacModule(): Resource {
  return {
    kind: 'object', name: 'mac', get: () => ({ macCount: 1 }),
    children: [{
      kind: 'object', name: 'macs', get: () => ({}),
      children: [{
        kind: 'param', name: 'mac', param: 'mac',
        resolve: (v) => (v.toLowerCase() === 'ff:ff:ff:ff:ff:ff'
          ? { kind: 'object', name: v, get: () => ({ mac: 'ff:ff:ff:ff:ff:ff', allTime: [4, 256, 0, 0], lastSecond: [0, 0, 0, 0] }) }
          : /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i.test(v) ? { notFound: `MAC ${v} was not seen` } : { badRequest: `'${v}' is not a MAC address` }),
      }],
    }],
  };
}
