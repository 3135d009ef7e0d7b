/**
 * A round top for a chart's axis at or above `max` (steps of 1, 2, 2.5 or 5 times a power of ten,
 * about `ticks` of them), and the ticks from 0 to it, so the labels read like a person would write them (0, 50, 100 rather than
 * 0, 43.7, 87.4). A max of 0 or below still gives a usable axis.
 */
export function niceScale(max: number, ticks = 4): { top: number; ticks: number[] } {
  if (!(max > 0) || !Number.isFinite(max)) return { top: 1, ticks: [0, 1] };
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  // The finest round step that needs at most one tick more than asked: 2.0 s on a 0–2.5 s axis, not 0–3 s.
  const step = [1, 2, 2.5, 5, 10].map((factor) => factor * power).find((candidate) => Math.ceil(max / candidate - 1e-9) <= ticks + 1) ?? 10 * power;
  const count = Math.max(1, Math.ceil(max / step - 1e-9));
  return { top: round(step * count), ticks: Array.from({ length: count + 1 }, (_, i) => round(step * i)) };
}

/** Where a value sits on an axis from 0 to top, as a fraction (0 at the bottom, 1 at the top), clamped. */
export function fractionOf(value: number, top: number): number {
  if (!(top > 0) || !Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, value / top));
}

// Floating point makes 0.1 * 3 into 0.30000000000000004: labels keep 12 significant digits.
const round = (value: number): number => Number(value.toPrecision(12));
