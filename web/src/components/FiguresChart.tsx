/**
 * The history of an L7 resource (DNS, HTTP, SSL …): points [time, figure1, figure2 …] per bucket, the
 * figures named by the answer's `figures` list. Counts are drawn per bucket; sums of microseconds
 * (`…SumUs`) are left out (an average needs its count: the fields above show it). Brushing zooms.
 */
import { useMemo, type ReactNode } from 'react';
import type { History } from '../api/types';
import { useAppState } from '../state/app-state';
import * as fmt from '../format';
import { TimeChart } from './TimeChart';

const COLORS = ['--series-1', '--series-2', '--series-3', '--series-4'];

export function FiguresChart({ history, figures }: { readonly history: History; readonly figures: readonly string[] }): ReactNode {
  const { setRange } = useAppState();
  const { times, series } = useMemo(() => {
    const shown = figures.map((name, i) => ({ name, i })).filter((f) => !f.name.endsWith('SumUs')).slice(0, COLORS.length);
    return {
      times: history.points.map((p) => p[0] ?? 0),
      series: shown.map((f, k) => ({ label: f.name, values: history.points.map((p) => p[f.i + 1] ?? 0), colorVar: COLORS[k] ?? '--series-1' })),
    };
  }, [history, figures]);
  if (series.length === 0) return null;
  return (
    <div className="history" data-testid="figures-chart">
      <TimeChart
        title={`per ${fmt.duration(history.timespan)} bucket`} times={times} series={series}
        format={(n) => fmt.count(n)}
        onBrush={(start, end) => { setRange({ kind: 'custom', start, end }); }}
      />
    </div>
  );
}
