import { niceScale } from './chart-scale';

/** How a metric's values are written on its axis and beside its current value. */
export interface MetricUnit {
  /** The axis top for the values seen (round, never below `floor`). */
  readonly scale: (max: number) => { top: number; ticks: number[] };
  readonly format: (value: number) => string;
}

const trim = (value: number, digits: number): string => String(Number(value.toFixed(digits)));

/** CPU as Docker gives it: percent of one core (a busy loop on one core is about 100%). Small use gets a small axis: 0–1% still shows changes. */
export const cpuPercent: MetricUnit = {
  scale: (max) => niceScale(Math.max(max, 1)),
  format: (value) => `${trim(value, value < 10 ? 2 : 1)}%`,
};

/** CPU as Kubernetes gives it: cores, written as millicores the way `kubectl top` does (250m). */
export const cpuCores: MetricUnit = {
  scale: (max) => niceScale(Math.max(max, 0.001)),
  format: (value) => (value >= 1 ? `${trim(value, 2)} cores` : `${trim(value * 1000, 1)}m`),
};

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/** Memory in bytes: the axis rounds in MiB (or GiB once above one), so its ticks are figures a person would write. */
export const memoryBytes: MetricUnit = {
  scale: (max) => {
    const unit = max >= GIB ? GIB : MIB;
    const scale = niceScale(Math.max(max, MIB) / unit);
    return { top: scale.top * unit, ticks: scale.ticks.map((tick) => tick * unit) };
  },
  format: (value) => (value >= GIB ? `${trim(value / GIB, 2)} GiB` : `${trim(value / MIB, 1)} MiB`),
};
