/** A small SVG line of a row's history (bytes per bucket, both directions). */
import type { ReactNode } from 'react';
import type { History } from '../api/types';

export function Sparkline({ history }: { readonly history: History }): ReactNode {
  const ys = history.points.map((p) => (p[2] ?? 0) + (p[4] ?? 0));
  const max = Math.max(1, ...ys);
  const w = 80;
  const h = 18;
  const step = ys.length > 1 ? w / (ys.length - 1) : w;
  const points = ys.map((y, i) => `${(i * step).toFixed(1)},${(h - 1 - (y / max) * (h - 2)).toFixed(1)}`).join(' ');
  return (
    <svg className="sparkline" width={w} height={h} viewBox={`0 0 ${w} ${h}`} aria-hidden="true">
      <polyline points={points} fill="none" stroke="var(--series-1)" strokeWidth="1.2" />
    </svg>
  );
}
