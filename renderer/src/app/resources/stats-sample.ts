/** One CPU and memory sample, whichever family's stats read gave it. */
export interface StatsSample {
  /** Percent of one core (Docker), or cores (Kubernetes' metrics API). */
  readonly cpu: number;
  readonly cpuUnit: 'percent' | 'cores';
  readonly memoryBytes: number;
  readonly memoryLimitBytes: number | null;
  readonly memoryPercent: number | null;
}

/** What one stats read answered: a sample, or why there is none (and whether asking again can help). */
export interface StatsReading {
  readonly sample: StatsSample | null;
  readonly problem: string | null;
  /** False: the source is not there at all (a cluster without metrics-server), so polling stops. */
  readonly available: boolean;
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * A stats read's output as a sample: Docker's `docker.container.stats` (cpuPercent, memoryBytes,
 * memoryLimitBytes, memoryPercent) or Kubernetes' `kubernetes.pod.metrics` (cpuCores,
 * memoryBytes; `available` and `problem` when the metrics API is missing or has no sample yet).
 */
export function readingOf(output: Record<string, unknown>): StatsReading {
  const available = output.available !== false;
  const problem = typeof output.problem === 'string' ? output.problem : null;
  const first = (Array.isArray(output.samples) ? output.samples[0] : undefined) as Record<string, unknown> | undefined;
  if (!first) return { sample: null, problem: problem ?? 'The read gave no sample.', available };
  const percent = num(first.cpuPercent);
  const cores = num(first.cpuCores);
  const memory = num(first.memoryBytes);
  if ((percent === null && cores === null) || memory === null) return { sample: null, problem: 'The read gave a sample without CPU or memory.', available };
  return {
    sample: { cpu: percent ?? cores!, cpuUnit: percent !== null ? 'percent' : 'cores', memoryBytes: memory, memoryLimitBytes: num(first.memoryLimitBytes), memoryPercent: num(first.memoryPercent) },
    problem,
    available,
  };
}
