import { type CSSProperties, useEffect, useMemo, useState } from 'react';
import { StatusBadge } from '../status/badges';
import { formatDuration } from '../format/format-duration';
import { badgeOf, toneOf } from './run-status';
import { layoutTimeline, type Span, type TimelineRow, type TimelineRun, type TimelineStep } from './timeline-layout';
import './history.css';

/** A bar narrower than this (percent of the axis) has its duration written beside it rather than on it. */
const LABEL_INSIDE_MIN = 14;
/** Past this point (percent) a label beside the bar would run off the right edge: it goes before the bar. */
const LABEL_AFTER_MAX = 80;

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
/** Wall-clock time to the millisecond: steps of a quick run are apart by less than a second. */
const clock = (ms: number): string => {
  const date = new Date(ms);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
};

/** What hovering or focusing a stretch says: exactly when it started and ended, and for how long. */
function describe(row: TimelineRow, span: Span, kind: 'ran' | 'waited'): string {
  const what = kind === 'waited' ? 'waited for approval' : `${badgeOf(row.step.status).label ?? row.step.status}`;
  const end = span.open ? (kind === 'waited' ? 'not answered' : 'not finished') : clock(span.endMs);
  const attempts = kind === 'ran' && row.step.attempts > 1 ? ` · ${row.step.attempts} attempts` : '';
  return `${row.step.id} ${what}: ${clock(span.startMs)} → ${end} (${formatDuration(span.durationMs)}${span.open ? ' so far' : ''})${attempts}`;
}

/** Where a bar's duration goes: on it when it is wide, else after it, or before it near the right edge. */
function labelPlace(span: Span): { className: string; style: CSSProperties } {
  if (span.width >= LABEL_INSIDE_MIN) return { className: 'inside', style: { left: `${span.left}%`, width: `${span.width}%` } };
  if (span.left + span.width <= LABEL_AFTER_MAX) return { className: 'after', style: { left: `calc(${span.left + span.width}% + 4px)` } };
  return { className: 'before', style: { right: `calc(${100 - span.left}% + 4px)` } };
}

/**
 * The run as a Gantt chart: each step a bar from its start to its end on one time axis, coloured by
 * its status, so steps that ran in parallel overlap and the slow one stands out; time spent
 * waiting for a person is hatched apart from running time. A run in progress grows as it runs.
 */
export function RunTimeline({ run, steps }: { run: TimelineRun & { status: string }; steps: readonly TimelineStep[] }) {
  const [now, setNow] = useState(() => Date.now());
  const running = run.endedAt === null;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  const layout = useMemo(() => layoutTimeline(run, steps, now), [run, steps, now]);
  const [active, setActive] = useState<string | null>(null);
  const hasWaits = layout.rows.some((row) => row.waits.length > 0);
  return (
    <figure className="run-timeline" data-testid="history-timeline" aria-label="When each step ran">
      <figcaption>
        <strong>Timeline</strong> <span className="muted">· {formatDuration(layout.spanMs)}{running ? ' so far' : ''} from start to end</span>
        {hasWaits && (
          <span className="timeline-key">
            <span className="timeline-wait key" aria-hidden="true" /> waiting for approval
          </span>
        )}
      </figcaption>
      <div className="timeline-grid">
        <div className="timeline-axis" aria-hidden="true">
          {layout.ticks.map((tick) => (
            <span key={tick.left} className="timeline-tick" style={{ left: `${tick.left}%` }}>
              {tick.label}
            </span>
          ))}
        </div>
        <ul className="timeline-rows">
          {layout.rows.map((row) => {
            const place = row.run && labelPlace(row.run);
            return (
              <li key={row.step.id} className="timeline-row" data-testid={`history-timeline-row-${row.step.id}`}>
                <span className="timeline-label" title={`${row.step.id} (${row.step.tool})`}>
                  <StatusBadge {...badgeOf(row.step.status)} label={row.step.id} />
                </span>
                <span className="timeline-track">
                  {layout.ticks.map((tick) => (
                    <span key={tick.left} className="timeline-gridline" style={{ left: `${tick.left}%` }} aria-hidden="true" />
                  ))}
                  {row.waits.map((wait) => (
                    <span
                      key={wait.startMs}
                      tabIndex={0}
                      className="timeline-wait"
                      data-testid={`history-timeline-wait-${row.step.id}`}
                      style={{ left: `${wait.left}%`, width: `${wait.width}%` }}
                      aria-label={describe(row, wait, 'waited')}
                      onMouseEnter={() => setActive(describe(row, wait, 'waited'))}
                      onFocus={() => setActive(describe(row, wait, 'waited'))}
                    />
                  ))}
                  {row.run && place ? (
                    <>
                      <span
                        tabIndex={0}
                        className={`timeline-bar tone-${toneOf(row.step.status)}${row.run.open ? ' open' : ''}`}
                        data-testid={`history-timeline-bar-${row.step.id}`}
                        data-start-ms={row.run.startMs}
                        data-end-ms={row.run.endMs}
                        data-open={row.run.open}
                        style={{ left: `${row.run.left}%`, width: `${row.run.width}%` }}
                        aria-label={describe(row, row.run, 'ran')}
                        onMouseEnter={() => setActive(describe(row, row.run!, 'ran'))}
                        onFocus={() => setActive(describe(row, row.run!, 'ran'))}
                      />
                      <span className={`timeline-duration ${place.className}`} style={place.style} data-testid={`history-timeline-duration-${row.step.id}`} aria-hidden="true">
                        {formatDuration(row.run.durationMs)}
                        {row.run.open ? '…' : ''}
                      </span>
                    </>
                  ) : (
                    <span className="timeline-none muted">did not run</span>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      </div>
      <p className="timeline-detail muted" data-testid="history-timeline-detail" aria-live="polite">
        {active ?? 'Hover over or focus (Tab) a bar for its exact start and end.'}
      </p>
    </figure>
  );
}
