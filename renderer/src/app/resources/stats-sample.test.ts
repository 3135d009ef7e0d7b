import { describe, expect, it } from 'vitest';
import { readingOf } from './stats-sample';

describe('readingOf', () => {
  it("reads Docker's percent of a core and a pod's cores alike", () => {
    expect(readingOf({ samples: [{ cpuPercent: 99.5, memoryBytes: 1024, memoryLimitBytes: 4096, memoryPercent: 25 }] })).toEqual({
      sample: { cpu: 99.5, cpuUnit: 'percent', memoryBytes: 1024, memoryLimitBytes: 4096, memoryPercent: 25 },
      problem: null,
      available: true,
    });
    expect(readingOf({ available: true, problem: null, samples: [{ cpuCores: 0.25, memoryBytes: 2048, at: 'x', containers: [] }] }).sample).toMatchObject({ cpu: 0.25, cpuUnit: 'cores', memoryLimitBytes: null });
  });

  it('passes on why there is no sample, and whether the source is there at all', () => {
    expect(readingOf({ available: false, problem: 'CPU and memory need metrics-server in this cluster', samples: [] })).toEqual({ sample: null, problem: 'CPU and memory need metrics-server in this cluster', available: false });
    expect(readingOf({ samples: [{ memoryBytes: 1 }] }).problem).toMatch(/without CPU/);
  });
});
