import { describe, expect, it } from 'vitest';
import { cpuCores, cpuPercent, memoryBytes } from './metric-units';

describe('metric units', () => {
  it('gives CPU percent a round axis, at least 0–1% so an idle container still shows its changes', () => {
    expect(cpuPercent.scale(98.7)).toEqual({ top: 100, ticks: [0, 20, 40, 60, 80, 100] });
    expect(cpuPercent.scale(0.02).top).toBe(1);
    expect([cpuPercent.format(99.84), cpuPercent.format(0.034)]).toEqual(['99.8%', '0.03%']);
  });

  it('writes cores as millicores like kubectl top', () => {
    expect([cpuCores.format(0.25), cpuCores.format(0.0015), cpuCores.format(2)]).toEqual(['250m', '1.5m', '2 cores']);
  });

  it('scales memory in MiB (GiB above one) with round ticks', () => {
    const mib = 1024 * 1024;
    expect(memoryBytes.scale(3.3 * mib)).toEqual({ top: 4 * mib, ticks: [0, 1, 2, 3, 4].map((tick) => tick * mib) });
    expect(memoryBytes.scale(1.7 * 1024 * mib).top).toBe(2 * 1024 * mib);
    expect([memoryBytes.format(5.25 * mib), memoryBytes.format(1.5 * 1024 * mib)]).toEqual(['5.3 MiB', '1.5 GiB']);
  });
});
