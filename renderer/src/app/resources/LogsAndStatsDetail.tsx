import { useEffect, useState } from 'react';
import { useAppPick } from '../store-context';
import { logText } from './LogsDetail';
import { MetricChart } from './MetricChart';
import { cpuCores, cpuPercent, memoryBytes } from './metric-units';
import { readingOf, type StatsSample } from './stats-sample';

/** Samples kept: a minute at one every 2 s. */
const KEEP = 30;
const INTERVAL_MS = 2000;
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** A logs read's text: Docker's has stdout and stderr apart, Kubernetes' one text. */
function logsOf(output: Record<string, unknown>): string {
  if (typeof output.stdout === 'string') return `${output.stdout}${typeof output.stderr === 'string' && output.stderr ? `\n[stderr]\n${output.stderr}` : ''}`;
  return logText(output);
}

/** The one-line summary tests and screen readers read: "CPU 12.3% · memory 5.2 MiB (0.1%)", or a pod's "CPU 250m · memory 64.0 MiB". */
function summary(sample: StatsSample): string {
  const cpu = sample.cpuUnit === 'percent' ? `${sample.cpu}%` : cpuCores.format(sample.cpu);
  return `CPU ${cpu} · memory ${mib(sample.memoryBytes)}${sample.memoryPercent !== null ? ` (${sample.memoryPercent}%)` : ''}`;
}

/**
 * A row's recent logs and live CPU and memory charts (sampled every 2 s while it runs), through the
 * view's two reads: a Docker container's, or a Kubernetes pod's (from metrics-server, which a
 * cluster may not have: then it says so instead of drawing an empty chart).
 */
export function LogsAndStatsDetail({ name, running, logsRead, statsRead }: { name: string; running: boolean; logsRead: string; statsRead: string }) {
  const { readResource } = useAppPick('readResource');
  const [logs, setLogs] = useState<string | null>(null);
  const [samples, setSamples] = useState<StatsSample[]>([]);
  const [statsNote, setStatsNote] = useState<{ text: string; available: boolean } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const refreshLogs = (): void => {
    readResource(logsRead, name).then((answer) => setLogs(logsOf(answer)), (error: Error) => setProblem(error.message));
  };
  useEffect(() => {
    setSamples([]);
    setLogs(null);
    setProblem(null);
    setStatsNote(null);
    refreshLogs();
    if (!running) return;
    let stopped = false;
    let timer: ReturnType<typeof setInterval> | undefined;
    const sample = (): void => {
      readResource(statsRead, name).then(
        (output) => {
          if (stopped) return;
          const reading = readingOf(output);
          if (reading.sample) setSamples((previous) => [...previous.slice(-(KEEP - 1)), reading.sample!]);
          setStatsNote(reading.problem ? { text: reading.problem, available: reading.available } : null);
          // No metrics API at all: asking every 2 s cannot change that.
          if (!reading.available) clearInterval(timer);
        },
        (error: Error) => !stopped && setProblem(error.message),
      );
    };
    sample();
    timer = setInterval(sample, INTERVAL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- restart only for another row
  }, [name, running]);
  const last = samples.at(-1);
  const cores = last?.cpuUnit === 'cores';
  return (
    <section className="card container-details" data-testid="resources-details" data-row={name} aria-label={`Details of ${name}`}>
      <h2>{name}</h2>
      {problem && <p className="error" role="alert">{problem}</p>}
      {!running ? (
        <p className="muted">Not running: no live statistics.</p>
      ) : statsNote && !statsNote.available ? (
        <p className="stats-unavailable" role="status" data-testid="resources-stats-unavailable">
          {statsNote.text}
        </p>
      ) : (
        <figure className="stats-chart" data-testid="resources-stats" data-samples={samples.length}>
          <div className="metric-charts">
            <MetricChart title="CPU" testId="resources-chart-cpu" tone="cpu" values={samples.map((s) => s.cpu)} unit={cores ? cpuCores : cpuPercent} slots={KEEP} intervalSeconds={INTERVAL_MS / 1000} {...(cores ? {} : { note: '100% = one core' })} />
            <MetricChart
              title="Memory"
              testId="resources-chart-memory"
              tone="memory"
              values={samples.map((s) => s.memoryBytes)}
              unit={memoryBytes}
              slots={KEEP}
              intervalSeconds={INTERVAL_MS / 1000}
              {...(last?.memoryLimitBytes ? { note: `of ${memoryBytes.format(last.memoryLimitBytes)} limit` } : {})}
            />
          </div>
          <figcaption className="stats-summary muted">{last ? summary(last) : statsNote ? statsNote.text : 'Reading the first sample…'}</figcaption>
        </figure>
      )}
      <div className="row">
        <h3>Logs (last 200 lines)</h3>
        <button type="button" onClick={refreshLogs} data-testid="resources-logs-refresh">Refresh</button>
      </div>
      <pre className="logs" data-testid="resources-logs">{logs === null ? 'Reading…' : logs || '(no output yet)'}</pre>
    </section>
  );
}
