import { useEffect, useState } from 'react';
import { useAppPick } from '../store-context';
import { sparklinePath } from './sparkline';

/** One stats sample as the stats read gives it (Docker's `docker.container.stats`). */
interface Sample {
  readonly cpuPercent: number;
  readonly memoryBytes: number;
  readonly memoryPercent: number;
}
const KEEP = 30;
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/**
 * A row's recent logs and a live CPU and memory chart (sampled every 2 s while it runs), through
 * the view's two reads. Docker's containers are the first view to use it.
 */
export function LogsAndStatsDetail({ name, running, logsRead, statsRead }: { name: string; running: boolean; logsRead: string; statsRead: string }) {
  const { readResource } = useAppPick('readResource');
  const readLogs = (row: string) => readResource(logsRead, row) as Promise<{ stdout: string; stderr: string }>;
  const readStats = (row: string) => readResource(statsRead, row).then((output) => (output.samples as Sample[])[0]!);
  const [logs, setLogs] = useState<string | null>(null);
  const [samples, setSamples] = useState<Sample[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const refreshLogs = (): void => {
    readLogs(name).then((answer) => setLogs(`${answer.stdout}${answer.stderr ? `\n[stderr]\n${answer.stderr}` : ''}`), (error: Error) => setProblem(error.message));
  };
  useEffect(() => {
    setSamples([]);
    setLogs(null);
    setProblem(null);
    refreshLogs();
    if (!running) return;
    let stopped = false;
    const sample = (): void => {
      readStats(name).then(
        (next) => !stopped && setSamples((previous) => [...previous.slice(-(KEEP - 1)), next]),
        (error: Error) => !stopped && setProblem(error.message),
      );
    };
    sample();
    const timer = setInterval(sample, 2000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- restart only for another container
  }, [name, running]);
  const last = samples.at(-1);
  return (
    <section className="card container-details" data-testid="resources-details" data-row={name} aria-label={`Details of ${name}`}>
      <h2>{name}</h2>
      {problem && <p className="error" role="alert">{problem}</p>}
      {running ? (
        <figure className="stats-chart" data-testid="resources-stats" data-samples={samples.length}>
          <svg viewBox="0 0 300 60" width="300" height="60" role="img" aria-label={last ? `CPU ${last.cpuPercent}%, memory ${mib(last.memoryBytes)}` : 'No sample yet'}>
            <path d={sparklinePath(samples.map((s) => s.cpuPercent), 300, 56, 100)} className="cpu-line" fill="none" />
            <path d={sparklinePath(samples.map((s) => s.memoryPercent), 300, 56, 100)} className="memory-line" fill="none" />
          </svg>
          <figcaption>
            <span className="cpu-key">CPU {last ? `${last.cpuPercent}%` : '…'}</span> · <span className="memory-key">memory {last ? `${mib(last.memoryBytes)} (${last.memoryPercent}%)` : '…'}</span>
          </figcaption>
        </figure>
      ) : (
        <p className="muted">Not running: no live statistics.</p>
      )}
      <div className="row">
        <h3>Logs (last 200 lines)</h3>
        <button type="button" onClick={refreshLogs} data-testid="resources-logs-refresh">Refresh</button>
      </div>
      <pre className="logs" data-testid="resources-logs">{logs === null ? 'Reading…' : logs || '(no output yet)'}</pre>
    </section>
  );
}
