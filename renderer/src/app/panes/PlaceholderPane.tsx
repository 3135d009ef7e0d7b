import type { PaneInfo } from '../pane-registry';

/** A pane that is not built yet says so; it does not pretend. */
export function PlaceholderPane({ pane }: { pane: PaneInfo }) {
  return (
    <section className="pane placeholder" data-testid={`pane-${pane.id}`} aria-labelledby={`pane-title-${pane.id}`}>
      <h1 id={`pane-title-${pane.id}`}>{pane.label}</h1>
      <p className="purpose">{pane.purpose}</p>
      <p className="not-built" data-testid="pane-not-built" role="note">
        Not built yet. This pane arrives with {pane.comingWith}. Nothing here acts on your infrastructure.
      </p>
    </section>
  );
}
