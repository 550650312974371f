import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { analyzeFile } from '../../analysis/analyze-file.js';
import { pcapPath } from '../../../test/support/paths.js';
import type { JsonObject, ListResource, ObjectResource, ParamResource, Resource, StatsQuery } from '../resource.js';
import type { IpModule } from './index.js';

const NO_INTERVAL: StatsQuery = { startSec: undefined, endSec: undefined, timespan: undefined, values: 100, skipHistory: true };

function child(r: Resource, name: string): Resource {
  assert.notEqual(r.kind, 'param');
  const c = (r as ObjectResource | ListResource).children?.find((x) => x.name === name);
  assert.ok(c, `no child ${name}`);
  return c;
}

function resolve(r: Resource, value: string): ObjectResource & Resource {
  const p = child(r, ':ip') as ParamResource;
  const out = p.resolve(value);
  assert.ok('kind' in out && out.kind === 'object', JSON.stringify(out));
  return out;
}

test('ip module: per-IP details, peers, ports and global statistics of a real TCP capture', async () => {
  const result = await analyzeFile(pcapPath('zeek_ftp_ipv4.pcap'));
  const ip = result.analyzer.module('ip') as IpModule;
  const root = ip.resource();
  const ips = child(root, 'ips');
  const list = (child(root, 'ips_paged') as ListResource).open(NO_INTERVAL);
  assert.equal(list.size, result.summary.ips.live);
  // Every listed IP resolves and its all-time counters equal the core's.
  for (let row = 0; row < list.size; row++) {
    const item = list.json(row);
    const one = resolve(ips, item.ip as string).get(NO_INTERVAL);
    assert.deepEqual(one.allTime, item.allTime);
    assert.ok(Number(one.peers) >= 1);
    const mtu = one.mtu as JsonObject;
    assert.ok(Number(mtu.rx) > 0 || Number(mtu.tx) > 0);
  }
  const global = (child(root, 'global') as ObjectResource).get(NO_INTERVAL);
  const l3 = global.l3 as JsonObject[];
  const ipv4 = l3.find((x) => x.protocol === 'IPv4');
  assert.ok(ipv4);
  assert.equal((ipv4.allTime as number[])[0], result.summary.ipVersionPackets[4]);
  // A server that answered SYNs lists its port.
  let servers = 0;
  for (let row = 0; row < list.size; row++) {
    const one = resolve(ips, list.json(row).ip as string);
    const ports = (child(one, 'ports') as ListResource).open(NO_INTERVAL);
    for (let p = 0; p < ports.size; p++) {
      servers++;
      assert.ok(Number(ports.json(p).port) > 0);
    }
  }
  assert.ok(servers > 0);
});

test('ip module: bad and unknown addresses are told apart', async () => {
  const result = await analyzeFile(pcapPath('zeek_icmp_5-pings.pcap'));
  const ips = child((result.analyzer.module('ip') as IpModule).resource(), 'ips');
  const p = child(ips, ':ip') as ParamResource;
  assert.ok('badRequest' in p.resolve('10.0.0.300'));
  assert.ok('notFound' in p.resolve('192.0.2.77'));
  assert.ok('notFound' in p.resolve('2001:db8::1'));
});

test('ip module: an interval sums history; last second is the final second of the capture', async () => {
  const result = await analyzeFile(pcapPath('zeek_ftp_ipv4.pcap'));
  const ip = result.analyzer.module('ip') as IpModule;
  const list = (child(ip.resource(), 'ips_paged') as ListResource).open({ ...NO_INTERVAL, startSec: 0, endSec: 2 ** 32 });
  for (let row = 0; row < list.size; row++) {
    const item = list.json(row);
    assert.deepEqual(item.interval, item.allTime);
  }
  assert.equal(result.analyzer.store.nowSec, Math.floor(result.summary.lastTsUs / 1e6) + 1);
});

test('ip module: an IP’s QoS rows (marked DSCP values plus the CS0 remainder) add up to its traffic', async () => {
  for (const file of ['ndpi_skinny.pcap', 'zeek_ftp_ipv4.pcap', 'ndpi_FAX-Call-t38-CA-TDM-SIP-FB-1.pcap']) {
    const result = await analyzeFile(pcapPath(file));
    const root = (result.analyzer.module('ip') as IpModule).resource();
    const ips = child(root, 'ips');
    const list = (child(root, 'ips_paged') as ListResource).open(NO_INTERVAL);
    let marked = 0;
    for (let row = 0; row < list.size; row++) {
      const item = list.json(row);
      const qos = (child(resolve(ips, item.ip as string), 'qos') as ListResource).open(NO_INTERVAL);
      const sum = [0, 0, 0, 0];
      for (let r = 0; r < qos.size; r++) {
        const q = qos.json(r);
        (q.allTime as number[]).forEach((v, k) => { sum[k] = (sum[k] ?? 0) + v; });
        if (q.dscp !== 0) marked++;
      }
      assert.deepEqual(sum, item.allTime, `${file} ${item.ip as string}`);
    }
    assert.ok(marked > 0, `${file} has DSCP-marked traffic (tshark: ip.dsfield.dscp != 0)`);
  }
});

test('ip module: L4 endpoints of an FTP client — the server ports it used and the active-mode data connections it served', async () => {
  const result = await analyzeFile(pcapPath('zeek_ftp_ipv4.pcap'));
  const root = (result.analyzer.module('ip') as IpModule).resource();
  const client = resolve(child(root, 'ips'), '141.142.220.235');
  const view = (child(client, 'peers_ports') as ListResource).open(NO_INTERVAL);
  const rows = Array.from({ length: view.size }, (_, r) => view.json(r))
    .map((j) => `${j.peer as string}:${j.port as number} ${j.peerRole as string} ${(j.allTime as number[]).join('/')}`).sort();
  // From the connection table: this IP's [rx packets, rx bytes, tx packets, tx bytes] per endpoint.
  assert.deepEqual(rows, [
    '199.233.217.249:21 server 25/4808/38/2696',
    '199.233.217.249:33582 client 5/684/3/206',
    '199.233.217.249:37835 client 5/419/3/206',
    '199.233.217.249:56666 server 4/618/4/272',
    '199.233.217.249:56667 server 4/353/4/272',
  ]);
});

test('ip module: the MACs that sent with an IP as source (ip/ips/:ip/macs, from the mac module)', async () => {
  const result = await analyzeFile(pcapPath('zeek_ftp_ipv4.pcap'));
  const root = (result.analyzer.module('ip') as IpModule).resource();
  const client = resolve(child(root, 'ips'), '141.142.220.235');
  const view = (child(client, 'macs') as ListResource).open(NO_INTERVAL);
  assert.equal(view.size, 1);
  // Every frame from the client carries one source MAC: the pair's tx packets are its sent packets.
  const sent = (client.get(NO_INTERVAL).allTime as number[])[2];
  assert.equal((view.json(0).allTime as number[])[2], sent);
});
