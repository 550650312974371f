/**
 * A time-series chart (uPlot: canvas, hundreds of thousands of points without stutter). Dragging across it
 * brushes an interval, which the caller usually makes the global time range (zoom); the chart itself keeps
 * drawing what it is given. Colours follow the theme's CSS variables.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  readonly label: string;
  readonly values: readonly (number | null)[];
  /** CSS variable name holding the colour, e.g. --series-1 */
  readonly colorVar: string;
}

export interface TimeChartProps {
  readonly title: string;
  /** epoch seconds */
  readonly times: readonly number[];
  readonly series: readonly ChartSeries[];
  readonly format: (v: number) => string;
  readonly height?: number;
  readonly onBrush?: (start: number, end: number) => void;
  readonly testId?: string;
}

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

export function TimeChart(props: TimeChartProps): ReactNode {
  const { title, times, series, format, height = 180, onBrush, testId } = props;
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | undefined>(undefined);
  const brush = useRef(onBrush);
  brush.current = onBrush;
  const fmt = useRef(format);
  fmt.current = format;
  const shape = series.map((s) => `${s.label}|${s.colorVar}`).join(',');
  const theme = document.documentElement.dataset.theme ?? '';

  useEffect(() => {
    const el = box.current;
    if (el === null) return undefined;
    const axisColor = cssVar('--fg-muted');
    const gridColor = cssVar('--grid');
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      cursor: { drag: { x: true, y: false, setScale: false } },
      legend: { show: true },
      scales: { x: { time: true } },
      axes: [
        { stroke: axisColor, grid: { stroke: gridColor, width: 1 }, ticks: { stroke: gridColor } },
        { stroke: axisColor, grid: { stroke: gridColor, width: 1 }, ticks: { stroke: gridColor }, size: 84, values: (_u, vals) => vals.map((v) => fmt.current(v)) },
      ],
      series: [
        { label: 'time (UTC)' },
        ...series.map((s) => ({
          label: s.label,
          stroke: cssVar(s.colorVar),
          fill: `${cssVar(s.colorVar)}22`,
          width: 1.5,
          value: (_u: uPlot, v: number | null) => (v === null ? '–' : fmt.current(v)),
        })),
      ],
      hooks: {
        setSelect: [(u) => {
          if (u.select.width < 3) return;
          const start = u.posToVal(u.select.left, 'x');
          const end = u.posToVal(u.select.left + u.select.width, 'x');
          u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          brush.current?.(start, end);
        }],
      },
    };
    const u = new uPlot(opts, [[], ...series.map(() => [])], el);
    plot.current = u;
    const ro = new ResizeObserver(() => { u.setSize({ width: Math.max(200, el.clientWidth), height }); });
    ro.observe(el);
    return () => { ro.disconnect(); u.destroy(); plot.current = undefined; };
  // Rebuilt when the series or the theme change; data changes only call setData below.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, height, theme]);

  useEffect(() => {
    plot.current?.setData([times as number[], ...series.map((s) => s.values as (number | null)[])]);
  }, [times, series, shape, theme]);

  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}{onBrush ? <span className="hint"> — drag to zoom the time range</span> : null}</figcaption>
      <div ref={box} className="chart-canvas" />
    </figure>
  );
}
