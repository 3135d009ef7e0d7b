import { useMemo, useState } from 'react';
import { formatDuration } from '../format/format-duration';
import { badgeOf, toneOf } from './run-status';
import { type DurationBar, type DurationRun, layoutDurations } from './run-durations';
import './history.css';

const describe = (bar: DurationBar): string =>
  `${bar.run.planName ?? bar.run.id.slice(0, 8)}: ${badgeOf(bar.run.status).label ?? bar.run.status}, ${formatDuration(bar.durationMs)}${bar.open ? ' so far' : ''}, started ${new Date(bar.run.startedAt).toLocaleString()}`;

/**
 * How long the last runs took, oldest on the left: a slow or failed run stands out at a glance (in
 * the failure's colour). A bar is a button: click it or press Enter to open that run below.
 */
export function RunDurationsChart({ runs, selectedId, onOpen }: { runs: readonly DurationRun[]; selectedId: string | null; onOpen: (id: string) => void }) {
  // Runs in progress are measured up to when the list was read; the list is re-read as runs change.
  const layout = useMemo(() => layoutDurations(runs, Date.now()), [runs]);
  const [active, setActive] = useState<DurationBar | null>(null);
  if (layout.bars.length === 0) return null;
  return (
    <figure className="run-durations" data-testid="history-durations" aria-label="How long the last runs took">
      <figcaption>
        <strong>Run durations</strong> <span className="muted">· the last {layout.bars.length} run{layout.bars.length === 1 ? '' : 's'}, oldest first</span>
      </figcaption>
      <div className="durations-plot">
        <div className="durations-axis" aria-hidden="true">
          {layout.ticks.map((tick) => (
            <span key={tick.label} className="durations-tick" style={{ bottom: `${tick.height * 100}%` }}>
              {tick.label}
            </span>
          ))}
        </div>
        <div className="durations-bars">
          {layout.ticks.map((tick) => (
            <span key={tick.label} className="durations-gridline" style={{ bottom: `${tick.height * 100}%` }} aria-hidden="true" />
          ))}
          {layout.bars.map((bar) => (
            <span key={bar.run.id} className="durations-slot">
              <button
                type="button"
                className={`duration-bar tone-${toneOf(bar.run.status)}${bar.open ? ' open' : ''}`}
                style={{ height: `${Math.max(bar.height * 100, 1.5)}%` }}
                data-testid={`history-duration-${bar.run.id}`}
                data-status={bar.run.status}
                data-duration-ms={bar.durationMs}
                aria-pressed={bar.run.id === selectedId}
                aria-label={describe(bar)}
                title={describe(bar)}
                onMouseEnter={() => setActive(bar)}
                onFocus={() => setActive(bar)}
                onClick={() => onOpen(bar.run.id)}
              />
            </span>
          ))}
        </div>
      </div>
      <p className="durations-detail muted" aria-live="polite">
        {active ? describe(active) : 'Click a bar (or Tab to it and press Enter) to open that run.'}
      </p>
    </figure>
  );
}
