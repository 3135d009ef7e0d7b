import type { TargetHealth } from '../../../../preload/contract';
import { StatusBadge } from '../status/badges';
import { useAppStore } from '../store-context';
import { factWords } from './time-words';

const slug = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const markWords = { current: 'current context', production: 'production' } as const;

/** One target: whether it is reachable, what runs on it, what is wrong and what to do, and a way to its resources. */
export function TargetCard({ target }: { target: TargetHealth }) {
  const openTargetResources = useAppStore((state) => state.openTargetResources);
  const titleId = `target-${slug(target.id)}`;
  return (
    <article className={`target-card tone-${target.tone}`} data-testid="dashboard-target" data-target={target.id} data-family={target.family} data-tone={target.tone} aria-labelledby={titleId}>
      <header className="target-head">
        <div className="target-names">
          <span className="target-kind">{target.kind}</span>
          <h3 id={titleId} title={target.label}>
            {target.label}
          </h3>
        </div>
        <StatusBadge status={target.tone} label={target.state} className="chip" testId="dashboard-target-state" />
      </header>
      {target.marks.length > 0 && (
        <p className="target-marks">
          {target.marks.map((mark) => (
            <span key={mark} className={`target-mark mark-${mark}`} data-testid={`dashboard-mark-${mark}`}>
              {markWords[mark]}
            </span>
          ))}
        </p>
      )}
      {target.counts.length > 0 && (
        <dl className="target-counts">
          {target.counts.map((count) => (
            <div key={count.label} className={`target-count tone-${count.tone}`} data-testid={`dashboard-count-${slug(count.label)}`}>
              <dt>{count.label}</dt>
              <dd data-testid="dashboard-count-value">
                {count.value}
                {count.atLeast ? '+' : ''}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <p className="target-summary" data-testid="dashboard-target-summary">
        {target.summary}
      </p>
      {target.fix && (
        <p className="target-fix" data-testid="dashboard-target-fix">
          <strong>What to do: </strong>
          {target.fix}
        </p>
      )}
      {target.facts.length > 0 && (
        <dl className="target-facts">
          {target.facts.map((fact) => (
            <div key={fact.label}>
              <dt>{fact.label}</dt>
              <dd title={fact.value}>{factWords(fact.value)}</dd>
            </div>
          ))}
        </dl>
      )}
      {target.open && (
        <button type="button" className="target-open" data-testid="dashboard-target-open" onClick={() => openTargetResources(target)}>
          Open in Resources <span aria-hidden="true">→</span>
        </button>
      )}
    </article>
  );
}
