import { Fragment, type KeyboardEvent, memo, useCallback, useId, useMemo, useState } from 'react';
import type { PlanAttributeView, PlanChangeView, PlanPreviewView } from '../../../../preload/contract';
import { actionSymbols, actionWords, addressInModule, attributeShown, countParts, FORGET_NOTE, firstChanges, groupByModule, nextRowIndex, type ShownGroup, toggled } from './terraform-plan';
import { useProgressiveCount } from './use-progressive-count';
import './terraform-plan.css';

type Section = 'change' | 'drift';

/**
 * A Terraform step's preview: the counts, the resource changes grouped by module with Terraform's
 * symbols, each expandable to its attribute diff, drift when there is some, and terraform's own
 * text one click away. A thousand changes stay fast: the first hundred rows paint at once and the
 * rest follow over a few frames, rows are memoised and collapsed (attributes render only for
 * expanded rows), and rows out of view skip layout and paint (content-visibility).
 */
export function TerraformPlanPreview({ preview }: { preview: PlanPreviewView }) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [raw, setRaw] = useState(false);
  const rawId = useId();
  const toggle = useCallback((key: string) => setExpanded((keys) => toggled(keys, key)), []);
  const groups = useMemo(() => ({ drift: groupByModule(preview.drift), changes: groupByModule(preview.changes) }), [preview]);
  const total = preview.drift.length + preview.changes.length;
  // Drift first, as it is shown first; the changes get what is left of the rows rendered so far.
  const rendered = useProgressiveCount(total);
  const driftRendered = Math.min(preview.drift.length, rendered);
  return (
    <div className="tf-plan" data-testid="tf-plan" data-changes={preview.changes.length} data-rendered={rendered} data-complete={rendered === total} onKeyDown={onRowKeys}>
      <p className="tf-plan-title">{preview.title}</p>
      <div className="tf-plan-header">
        <p className="tf-plan-counts" data-testid="tf-plan-counts">
          {countParts(preview.counts).map((part, index) => (
            <Fragment key={part.action}>
              {index > 0 && ', '}
              <span className={`tf-count tf-${part.action}${part.count === 0 ? ' tf-zero' : ''}`} data-action={part.action} data-count={part.count}>
                {part.text}
              </span>
            </Fragment>
          ))}
        </p>
        <button type="button" className="tf-plan-raw-toggle" aria-expanded={raw} aria-controls={rawId} onClick={() => setRaw((shown) => !shown)} data-testid="tf-plan-raw-toggle">
          {raw ? "Hide terraform's text" : "Show terraform's text"}
        </button>
      </div>
      {raw && (
        <pre id={rawId} className="tf-plan-raw" data-testid="tf-plan-raw" tabIndex={0} aria-label="terraform show of this plan">
          {preview.text}
        </pre>
      )}
      {total === 0 && <p className="muted" data-testid="tf-plan-no-changes">No changes: the infrastructure matches the configuration.</p>}
      {/* Terraform reports drift before the plan: it explains changes the plan then makes. */}
      {preview.drift.length > 0 && (
        <section className="tf-plan-drift" aria-label="Drift" data-testid="tf-plan-drift">
          <h4>Drift</h4>
          <p className="muted">Changed outside Terraform since the last apply ({preview.drift.length}):</p>
          <ModuleGroups groups={firstChanges(groups.drift, driftRendered)} section="drift" expanded={expanded} onToggle={toggle} />
        </section>
      )}
      {preview.changes.length > 0 && (
        <>
          {preview.drift.length > 0 && <h4>Changes</h4>}
          <ModuleGroups groups={firstChanges(groups.changes, rendered - driftRendered)} section="change" expanded={expanded} onToggle={toggle} />
        </>
      )}
      {rendered < total && <p className="muted tf-plan-more">Showing {rendered} of {total} changes…</p>}
    </div>
  );
}

/**
 * Enter and Space on a button here are the button's (expand a row, show the text), not the Plan
 * pane's "focus the details"; ↑ ↓ Home End move between rows rather than between steps.
 */
function onRowKeys(event: KeyboardEvent<HTMLElement>): void {
  const target = event.target as HTMLElement;
  if (target.tagName !== 'BUTTON' || event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.key === 'Enter' || event.key === ' ') return void event.stopPropagation();
  if (!target.hasAttribute('data-tf-row')) return;
  const rows = [...event.currentTarget.querySelectorAll<HTMLElement>('[data-tf-row]')];
  const next = nextRowIndex(rows.indexOf(target), event.key, rows.length);
  if (next === null) return;
  event.preventDefault();
  event.stopPropagation();
  rows[next]?.focus();
}

function ModuleGroups({ groups, section, expanded, onToggle }: { groups: readonly ShownGroup[]; section: Section; expanded: ReadonlySet<string>; onToggle: (key: string) => void }) {
  return groups.map((group) => (
    <section key={group.module ?? ''} className="tf-module" aria-label={group.module ?? 'Root module'} data-module={group.module ?? 'root'}>
      <h5 className="tf-module-name">
        {group.module ?? 'Root module'} <span className="muted">({group.total})</span>
      </h5>
      <ul className="tf-changes">
        {group.changes.map((change) => {
          const key = `${section}:${change.address}`;
          return <PlanChangeRow key={key} rowKey={key} change={change} section={section} expanded={expanded.has(key)} onToggle={onToggle} />;
        })}
      </ul>
    </section>
  ));
}

/** One resource: its symbol, address, what forces a replacement or that a forgotten one stays; expanded, its attribute diff. */
export const PlanChangeRow = memo(function PlanChangeRow({ change, section, rowKey, expanded, onToggle }: { change: PlanChangeView; section: Section; rowKey: string; expanded: boolean; onToggle: (key: string) => void }) {
  const diffId = useId();
  const testId = `tf-plan-${section === 'drift' ? 'drift' : 'change'}-${change.address}`;
  return (
    <li className={`tf-change tf-${change.action}${expanded ? ' tf-expanded' : ''}`} data-testid={testId} data-action={change.action}>
      <button type="button" className="tf-change-head" data-tf-row aria-expanded={expanded} aria-controls={expanded ? diffId : undefined} title={change.address} onClick={() => onToggle(rowKey)}>
        <span className="tf-symbol" aria-hidden="true">{actionSymbols[change.action]}</span>
        <span className="tf-address">{addressInModule(change)}</span>
        <span className="tf-hidden">{section === 'drift' ? ' changed outside Terraform' : ` ${actionWords[change.action].row}`}</span>
      </button>
      {change.action === 'replace' && change.replaceBecause.length > 0 && (
        <p className="tf-forces" data-testid="tf-plan-forces">
          forces replacement: <code>{change.replaceBecause.join(', ')}</code>
        </p>
      )}
      {change.action === 'forget' && (
        <p className="tf-forget-note" data-testid="tf-plan-forget-note">
          {FORGET_NOTE}
        </p>
      )}
      {expanded && <AttributeDiff id={diffId} change={change} />}
    </li>
  );
});

function AttributeDiff({ id, change }: { id: string; change: PlanChangeView }) {
  if (change.attributes.length === 0) return <p id={id} className="tf-attrs-none muted">{change.action === 'forget' ? 'Nothing changes on the real object: only the state lets go of it.' : 'No attribute changes.'}</p>;
  return (
    <dl id={id} className="tf-attrs">
      {change.attributes.map((attribute) => <AttributeRow key={attribute.path} attribute={attribute} />)}
    </dl>
  );
}

function AttributeRow({ attribute }: { attribute: PlanAttributeView }) {
  const shown = attributeShown(attribute);
  return (
    <div className={`tf-attr tf-attr-${shown.kind}${attribute.forcesReplacement ? ' tf-attr-forces' : ''}`} data-testid="tf-plan-attr" data-path={attribute.path} data-forces={attribute.forcesReplacement || undefined}>
      <dt>
        <code>{attribute.path}</code>
        {attribute.forcesReplacement && <span className="tf-forces-mark"> # forces replacement</span>}
      </dt>
      <dd>
        {shown.kind === 'sensitive' && <span className="muted">{shown.text}</span>}
        {shown.kind === 'added' && <Value text={shown.after} />}
        {shown.kind === 'removed' && (
          <>
            <Value text={shown.before} /> <Arrow /> <span className="muted">null</span>
          </>
        )}
        {shown.kind === 'changed' && (
          <>
            <Value text={shown.before} /> <Arrow /> <Value text={shown.after} />
          </>
        )}
      </dd>
    </div>
  );
}

/** Before → after: the arrow is read as a word. */
function Arrow() {
  return (
    <>
      <span aria-hidden="true">→</span>
      <span className="tf-hidden">becomes</span>
    </>
  );
}

/** A value; `(known after apply)` and `null` are Terraform's words, not values, so they read muted. */
function Value({ text }: { text: string }) {
  const word = text === '(known after apply)' || text === 'null';
  return <code className={word ? 'tf-value muted' : 'tf-value'}>{text}</code>;
}
