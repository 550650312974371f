/** A pie chart of the top entries (SVG); each slice and legend entry opens the entry's detail page. */
import type { ReactNode } from 'react';

export interface Slice {
  readonly label: string;
  readonly value: number;
  readonly onOpen?: () => void;
}

const COLOURS = ['--series-1', '--series-2', '--series-3', '--series-4', '--series-5', '--series-6'];

function arc(cx: number, cy: number, r: number, a0: number, a1: number): string {
  const x0 = cx + r * Math.sin(a0);
  const y0 = cy - r * Math.cos(a0);
  const x1 = cx + r * Math.sin(a1);
  const y1 = cy - r * Math.cos(a1);
  const large = a1 - a0 > Math.PI ? 1 : 0;
  return `M${cx},${cy} L${x0},${y0} A${r},${r} 0 ${large} 1 ${x1},${y1} Z`;
}

export function PieChart({ title, slices, format, testId }: {
  readonly title: string;
  readonly slices: readonly Slice[];
  readonly format: (v: number) => string;
  readonly testId?: string;
}): ReactNode {
  const total = slices.reduce((s, x) => s + x.value, 0);
  let angle = 0;
  return (
    <figure className="pie" data-testid={testId}>
      <figcaption>{title}</figcaption>
      {total <= 0 ? <p className="muted">no traffic in this time range</p> : (
        <div className="pie-body">
          <svg viewBox="0 0 100 100" width="120" height="120" role="img" aria-label={title}>
            {slices.map((s, i) => {
              const a0 = angle;
              angle += (s.value / total) * 2 * Math.PI;
              const colour = `var(${COLOURS[i % COLOURS.length] ?? '--series-1'})`;
              if (s.value / total > 0.9999) return <circle key={s.label} cx="50" cy="50" r="48" fill={colour} onClick={s.onOpen} className="slice" />;
              return <path key={s.label} d={arc(50, 50, 48, a0, angle)} fill={colour} onClick={s.onOpen} className="slice"><title>{s.label}</title></path>;
            })}
          </svg>
          <ol className="legend">
            {slices.map((s, i) => (
              <li key={s.label}>
                <span className="swatch" style={{ background: `var(${COLOURS[i % COLOURS.length] ?? '--series-1'})` }} />
                {s.onOpen ? <button type="button" className="linklike" onClick={s.onOpen}>{s.label}</button> : s.label}
                <span className="muted"> {format(s.value)} ({((s.value / total) * 100).toFixed(1)} %)</span>
              </li>
            ))}
          </ol>
        </div>
      )}
    </figure>
  );
}
