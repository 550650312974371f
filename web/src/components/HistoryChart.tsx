/**
 * An entity's history (points [time, rxPackets, rxBytes, txPackets, txBytes] per bucket) as rx/tx rate
 * lines with a bits/s – packets/s switch; brushing zooms the global time range.
 */
import { useMemo, useState, type ReactNode } from 'react';
import type { History } from '../api/types';
import { useAppState } from '../state/app-state';
import * as fmt from '../format';
import { TimeChart } from './TimeChart';

export function HistoryChart({ title, history }: { readonly title: string; readonly history: History }): ReactNode {
  const { setRange } = useAppState();
  const [unit, setUnit] = useState<'bps' | 'pps'>('bps');
  const { times, series } = useMemo(() => {
    const span = history.timespan > 0 ? history.timespan : 1;
    const t = history.points.map((p) => p[0] ?? 0);
    const pick = (i: number, scale: number): number[] => history.points.map((p) => ((p[i] ?? 0) * scale) / span);
    return {
      times: t,
      series: unit === 'bps'
        ? [{ label: 'rx', values: pick(2, 8), colorVar: '--series-1' }, { label: 'tx', values: pick(4, 8), colorVar: '--series-2' }]
        : [{ label: 'rx', values: pick(1, 1), colorVar: '--series-1' }, { label: 'tx', values: pick(3, 1), colorVar: '--series-2' }],
    };
  }, [history, unit]);
  return (
    <div className="history">
      <div className="switch" role="group" aria-label="unit">
        <button type="button" aria-pressed={unit === 'bps'} onClick={() => { setUnit('bps'); }}>bit/s</button>
        <button type="button" aria-pressed={unit === 'pps'} onClick={() => { setUnit('pps'); }}>packets/s</button>
      </div>
      <TimeChart
        title={`${title} (${history.timespan} s buckets)`} times={times} series={series}
        format={unit === 'bps' ? fmt.bits : fmt.pps}
        onBrush={(start, end) => { setRange({ kind: 'custom', start, end }); }}
      />
    </div>
  );
}
