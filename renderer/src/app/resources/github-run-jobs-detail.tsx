import { useEffect, useRef, useState } from 'react';
import { type JobsDetail, JobsDetailSchema, type ResourceRow } from '../../../../preload/contract';
import { useAppPick } from '../store-context';
import './github-run-jobs.css';

// A CI run opened in the Resources pane (a view's `jobs` detail): its jobs, each with its steps,
// how they ended and how long they took, then the last lines of the failed job's log. Read through
// the view's read like a pod's logs, again on Refresh.

const toneWord: Record<ResourceRow['tone'], string> = { ok: 'ok', warn: 'warning', bad: 'error', idle: 'missing' };

/** "45 s", "2 min 5 s", "1 h 3 min"; a dash when it never started. */
export function durationText(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min${seconds % 60 ? ` ${seconds % 60} s` : ''}`;
  return `${Math.floor(seconds / 3600)} h${Math.floor((seconds % 3600) / 60) ? ` ${Math.floor((seconds % 3600) / 60)} min` : ''}`;
}

export function JobsDetailPanel({ name, label, jobsRead }: { name: string; label: string; jobsRead: string }) {
  const { readResource } = useAppPick('readResource');
  const [detail, setDetail] = useState<JobsDetail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const log = useRef<HTMLPreElement>(null);
  // A failure is at the end of its log: the panel opens there, as a terminal would.
  useEffect(() => {
    if (log.current) log.current.scrollTop = log.current.scrollHeight;
  }, [detail]);
  const refresh = (): void => {
    setProblem(null);
    readResource(jobsRead, name).then(
      (output) => {
        const parsed = JobsDetailSchema.safeParse(output);
        if (parsed.success) setDetail(parsed.data);
        else setProblem('The run\'s jobs came back in a shape this window does not know; reload it.');
      },
      (error: Error) => setProblem(error.message),
    );
  };
  useEffect(() => {
    setDetail(null);
    refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- read again only for another row
  }, [name, jobsRead]);
  return (
    <section className="card container-details run-jobs" data-testid="resources-details" data-row={name} aria-label={`Jobs of ${label}`}>
      <div className="row">
        <h2>{label}</h2>
        <button type="button" onClick={refresh} data-testid="resources-jobs-refresh">
          Refresh
        </button>
      </div>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {!detail ? (
        !problem && <p className="muted">Reading…</p>
      ) : (
        <>
          <ul className="run-jobs-list" data-testid="resources-jobs">
            {detail.jobs.map((job, index) => (
              <li key={`${job.name}:${index}`} data-testid="resources-job" data-tone={job.tone}>
                {/* The failed job opens on its steps; the others stay one line until asked. */}
                <details open={job.tone === 'bad' || detail.jobs.length === 1}>
                  <summary>
                    <span className={`badge ${toneWord[job.tone]}`}>{job.status}</span> <strong>{job.name}</strong> <span className="muted">{durationText(job.seconds)}</span>
                  </summary>
                  <ol className="run-steps">
                    {job.steps.map((step, stepIndex) => (
                      <li key={`${step.name}:${stepIndex}`} data-testid="resources-job-step" data-tone={step.tone}>
                        <span className={`badge ${toneWord[step.tone]}`}>{step.status}</span> <span>{step.name}</span> <span className="muted">{durationText(step.seconds)}</span>
                      </li>
                    ))}
                  </ol>
                </details>
              </li>
            ))}
          </ul>
          {detail.note && (
            <p className="muted" data-testid="resources-jobs-note">
              {detail.note}
            </p>
          )}
          {detail.log && (
            <>
              <h3>
                Log of {detail.log.title} <span className="muted">({detail.log.truncated ? `last ${detail.log.lines.length} lines` : 'whole log'})</span>
              </h3>
              <pre className="logs" data-testid="resources-logs" ref={log}>
                {detail.log.lines.join('\n') || '(empty log)'}
              </pre>
            </>
          )}
        </>
      )}
    </section>
  );
}
