import { useEffect, useState } from 'react';
import { useAppPick } from '../store-context';

/** A log read's text: its `text`, or the one field of text it has (tools name it differently). */
export function logText(output: Record<string, unknown>): string {
  if (typeof output.text === 'string') return output.text;
  const texts = Object.values(output).filter((value): value is string => typeof value === 'string');
  return texts.join('\n');
}

/** A row's recent logs through the view's logs read (a Kubernetes pod's), read again on Refresh. */
export function LogsDetail({ name, logsRead }: { name: string; logsRead: string }) {
  const { readResource } = useAppPick('readResource');
  const [logs, setLogs] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const refresh = (): void => {
    setProblem(null);
    readResource(logsRead, name).then((output) => setLogs(logText(output)), (error: Error) => setProblem(error.message));
  };
  useEffect(() => {
    setLogs(null);
    refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- read again only for another row
  }, [name, logsRead]);
  return (
    <section className="card container-details" data-testid="resources-details" data-row={name} aria-label={`Logs of ${name}`}>
      <h2>{name}</h2>
      {problem && <p className="error" role="alert">{problem}</p>}
      <div className="row">
        <h3>Logs (last 200 lines)</h3>
        <button type="button" onClick={refresh} data-testid="resources-logs-refresh">Refresh</button>
      </div>
      <pre className="logs" data-testid="resources-logs">{logs === null ? (problem ? '' : 'Reading…') : logs || '(no output yet)'}</pre>
    </section>
  );
}
