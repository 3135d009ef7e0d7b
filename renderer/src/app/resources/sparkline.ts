/** An SVG path through values scaled to a box; the newest value at the right edge. */
export function sparklinePath(values: readonly number[], width: number, height: number, max: number): string {
  if (values.length === 0) return '';
  const top = Math.max(max, ...values, 1e-9);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values.map((value, i) => `${i ? 'L' : 'M'}${(values.length > 1 ? i * step : width).toFixed(1)},${(height - (value / top) * height).toFixed(1)}`).join(' ');
}

/**
 * Where each sample of a time series sits in a chart's plot area: the newest at the right edge and
 * each older one a fixed slot to the left (`slots` samples fill the width), so a chart that has only
 * a few samples yet shows them as the last seconds rather than stretched over the whole axis.
 */
export function seriesPoints(values: readonly number[], slots: number, width: number, height: number, top: number): [number, number][] {
  const step = width / Math.max(1, slots - 1);
  const scale = top > 0 ? top : 1;
  return values.slice(-slots).map((value, i, shown) => [width - (shown.length - 1 - i) * step, height - (Math.min(Math.max(value, 0), scale) / scale) * height]);
}

/** An SVG path through points; a single point is drawn as a short flat stroke so it shows. */
export function linePath(points: readonly [number, number][]): string {
  if (points.length === 0) return '';
  if (points.length === 1) return `M${(points[0]![0] - 3).toFixed(1)},${points[0]![1].toFixed(1)} L${points[0]![0].toFixed(1)},${points[0]![1].toFixed(1)}`;
  return points.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
}

/** The area under a line down to the axis (`height`), for a light fill. */
export function areaPath(points: readonly [number, number][], height: number): string {
  if (points.length < 2) return '';
  return `${linePath(points)} L${points.at(-1)![0].toFixed(1)},${height.toFixed(1)} L${points[0]![0].toFixed(1)},${height.toFixed(1)} Z`;
}
