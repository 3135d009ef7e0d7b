/** An SVG path through values scaled to a box; the newest value at the right edge. */
export function sparklinePath(values: readonly number[], width: number, height: number, max: number): string {
  if (values.length === 0) return '';
  const top = Math.max(max, ...values, 1e-9);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values.map((value, i) => `${i ? 'L' : 'M'}${(values.length > 1 ? i * step : width).toFixed(1)},${(height - (value / top) * height).toFixed(1)}`).join(' ');
}
