/**
 * The dashboard: throughput and packet-rate graphs of the time range (brush to zoom), the top IPs, MACs and
 * protocols as pies linking to their pages, counters, memory use and the minimum storage time.
 */
import { useNavigate } from '@tanstack/react-router';
import { useMemo, type ReactNode } from 'react';
import type { ListAnswer, LoadFigures, Row, StorageFigures } from '../api/types';
import { isCounters } from '../api/types';
import { PieChart, type Slice } from '../components/PieChart';
import { TimeChart } from '../components/TimeChart';
import * as fmt from '../format';
import { useAppState, useRangeQuery } from '../state/app-state';
import { timespanFor } from '../state/time-range';
import { useApi } from '../state/use-api';

function bytesOf(row: Row): number {
  const c = row.interval;
  return isCounters(c) ? c[1] + c[3] : 0;
}

function useTop(path: string, label: (r: Row) => string, open: (r: Row) => (() => void) | undefined): Slice[] {
  const range = useRangeQuery();
  const list = useApi<ListAnswer<Row>>(path, { ...range, sort: 'bytes', reverse: true, count: 6, skiphistorydata: true });
  return useMemo(() => (list.data?.displayedItems ?? []).filter((r) => bytesOf(r) > 0).map((r) => {
    const o = open(r);
    return { label: label(r), value: bytesOf(r), ...(o ? { onOpen: o } : {}) };
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }), [list.data]);
}

function Figure({ name, value, testId }: { readonly name: string; readonly value: string; readonly testId?: string }): ReactNode {
  return <div className="figure" data-testid={testId}><span className="figure-value">{value}</span><span className="figure-name">{name}</span></div>;
}

export function DashboardPage(): ReactNode {
  const { setRange, interval } = useAppState();
  const range = useRangeQuery();
  const navigate = useNavigate();
  const load = useApi<LoadFigures>('stats/load', { ...range, values: 600, timespan: timespanFor(interval, 600) });
  const storage = useApi<StorageFigures>('system/storage', { 'mm-id': range['mm-id'] });
  const ips = useTop('stats/modules/ip/ips_paged', (r) => String(r.ip), (r) => () => { void navigate({ to: '/ip/$ip', params: { ip: String(r.ip) } }); });
  const macs = useTop('stats/modules/mac/macs_paged', (r) => String(r.mac), (r) => () => { void navigate({ to: '/mac/$mac', params: { mac: String(r.mac) } }); });
  const protos = useTop('stats/modules/dpi/protocols_paged', (r) => String(r.protocol), () => () => { void navigate({ to: '/modules/$module', params: { module: 'dpi' }, search: {} }); });

  const hist = load.data?.history;
  const charts = useMemo(() => {
    const pts = hist?.points ?? [];
    return {
      times: pts.map((p) => p[0] ?? 0),
      bps: [{ label: 'throughput', values: pts.map((p) => p[2] ?? 0), colorVar: '--series-1' }],
      pps: [{ label: 'packet rate', values: pts.map((p) => p[1] ?? 0), colorVar: '--series-2' }],
    };
  }, [hist]);
  const brush = (start: number, end: number): void => { setRange({ kind: 'custom', start, end }); };
  const l = load.data;
  const s = storage.data;
  return (
    <div className="page dashboard" data-testid="dashboard">
      <h1>Dashboard</h1>
      {load.error ? <div className="error" role="alert">{load.error.message}</div> : null}
      <div className="figures">
        <Figure name="bytes in range" value={l ? fmt.bytes(l.interval.bytes) : '…'} testId="fig-bytes" />
        <Figure name="packets in range" value={l ? fmt.count(l.interval.packets) : '…'} />
        <Figure name="average throughput" value={l ? fmt.bits(l.interval.bitsPerSec) : '…'} />
        <Figure name="last second" value={l ? `${fmt.bits(l.lastSecond.bitsPerSec)} · ${fmt.pps(l.lastSecond.packetsPerSec)}` : '…'} />
        <Figure name="packets all time" value={l ? fmt.count(l.allTime.packets) : '…'} testId="fig-packets-all" />
        <Figure name="IPs / MACs" value={s ? `${fmt.count(s.ipCount)} / ${fmt.count(s.macCount)}` : '…'} />
        <Figure name="connections (active / total)" value={s ? `${fmt.count(s.connections.active)} / ${fmt.count(s.connections.total)}` : '…'} />
        <Figure name="memory used / budget" value={s ? `${fmt.mib(s.memoryUsedBytes)} / ${fmt.mib(s.memoryBudgetBytes)}` : '…'} testId="fig-memory" />
        <Figure name="minimum storage time" value={s ? fmt.duration(s.minimumStorageTimeSec) : '…'} />
      </div>
      <div className="charts">
        <TimeChart title="Throughput" times={charts.times} series={charts.bps} format={fmt.bits} onBrush={brush} testId="chart-bps" />
        <TimeChart title="Packet rate" times={charts.times} series={charts.pps} format={fmt.pps} onBrush={brush} testId="chart-pps" />
      </div>
      <div className="pies">
        <PieChart title="Top IPs (bytes)" slices={ips} format={fmt.bytes} testId="pie-ips" />
        <PieChart title="Top MACs (bytes)" slices={macs} format={fmt.bytes} testId="pie-macs" />
        <PieChart title="Top protocols (bytes)" slices={protos} format={fmt.bytes} testId="pie-protocols" />
        <section className="incidents"><h3>Incidents</h3><p className="muted">Incidents are not available in this build.</p></section>
      </div>
    </div>
  );
}
