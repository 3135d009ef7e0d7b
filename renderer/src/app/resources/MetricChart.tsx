import { fractionOf } from './chart-scale';
import type { MetricUnit } from './metric-units';
import { areaPath, linePath, seriesPoints } from './sparkline';
import './metric-chart.css';

// The plot in SVG user units; the SVG scales to the width it is given, text stays legible.
const WIDTH = 320;
const HEIGHT = 120;
const LEFT = 58;
const RIGHT = 8;
const TOP = 8;
const BOTTOM = 20;
const PLOT_W = WIDTH - LEFT - RIGHT;
const PLOT_H = HEIGHT - TOP - BOTTOM;

/**
 * One metric over the last samples as a small line chart a person reads at a glance: its current
 * value large, a y axis with round ticks in the metric's unit, and a time axis back from now.
 */
export function MetricChart({ title, values, unit, slots, intervalSeconds, tone, testId, note }: { title: string; values: readonly number[]; unit: MetricUnit; slots: number; intervalSeconds: number; tone: 'cpu' | 'memory'; testId: string; note?: string }) {
  const current = values.at(-1);
  const scale = unit.scale(Math.max(0, ...values));
  const points = seriesPoints(values, slots, PLOT_W, PLOT_H, scale.top);
  const span = (slots - 1) * intervalSeconds;
  const label = current === undefined ? `${title}: no sample yet` : `${title} ${unit.format(current)} now; up to ${unit.format(Math.max(...values))} over the last ${Math.min(values.length, slots)} samples`;
  return (
    // Not a <figure>: the stats panel around it is the figure, with one caption that sums it up.
    <div className={`metric-chart metric-${tone}`} data-testid={testId} data-current={current ?? ''} data-samples={values.length}>
      <div className="metric-caption">
        <span className="metric-title">{title}</span> <span className="metric-current">{current === undefined ? '…' : unit.format(current)}</span>
        {note && <span className="metric-note muted"> {note}</span>}
      </div>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} preserveAspectRatio="xMidYMid meet">
        <g transform={`translate(${LEFT},${TOP})`}>
          {scale.ticks.map((tick) => {
            const y = PLOT_H - fractionOf(tick, scale.top) * PLOT_H;
            return (
              <g key={tick} className="metric-tick">
                <line x1={0} x2={PLOT_W} y1={y} y2={y} />
                <text x={-6} y={y} dominantBaseline="middle" textAnchor="end">
                  {unit.format(tick)}
                </text>
              </g>
            );
          })}
          <path className="metric-area" d={areaPath(points, PLOT_H)} />
          <path className="metric-line" d={linePath(points)} fill="none" />
          {points.length > 0 && <circle className="metric-dot" cx={points.at(-1)![0]} cy={points.at(-1)![1]} r={3} />}
          <text className="metric-axis-label" x={0} y={PLOT_H + 14} textAnchor="start">
            −{span} s
          </text>
          <text className="metric-axis-label" x={PLOT_W} y={PLOT_H + 14} textAnchor="end">
            now
          </text>
        </g>
      </svg>
    </div>
  );
}
