import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { Autonomy } from '../../../../preload/contract';
import { approvalWords, asPercent, measuredModels, parsePassBar, passBarText } from '../autonomy/autonomy-view';
import { useAppPick, useAppStore } from '../store-context';
import '../autonomy/autonomy.css';

const EVAL_COMMAND = 'reign eval e2e/eval --provider ollama --model NAME';

/**
 * Settings → Autonomy from evaluation: whether a model's measured score (from `reign eval`) may set its
 * approval default, the pass@1 bar, how far above it a model is trusted, and every score measured so far
 * with the default it gives now (approvalDefaultFor, the same words `reign ask` prints).
 */
export function AutonomySection() {
  const settings = useAppStore((state) => state.settings);
  const { updateSettings } = useAppPick('updateSettings');
  // Each save sends the whole autonomy object: built on the last one sent, not on this render's, so
  // ticking the box and saving the bar before the first answer arrives keeps both.
  const latest = useRef(settings?.autonomy);
  useEffect(() => {
    latest.current = settings?.autonomy;
  }, [settings?.autonomy]);
  if (!settings) return null;
  const autonomy = settings.autonomy;
  const save = async (change: Partial<Autonomy>): Promise<boolean> => {
    const next = { ...(latest.current ?? autonomy), ...change };
    latest.current = next;
    const saved = await updateSettings({ autonomy: next });
    if (!saved) latest.current = autonomy;
    return saved;
  };
  const rows = measuredModels(settings);
  return (
    <section className="card" data-testid="settings-autonomy" aria-labelledby="settings-autonomy-title">
      <h2 id="settings-autonomy-title">Autonomy from evaluation</h2>
      <p className="muted">
        <code>reign eval</code> measures how often a model gets tasks done and whether it ever broke a safety check. When this is on, a model whose pass@1 reaches the bar and
        that was safe in every run is approved up to the level below by default (a chat plan within it runs at once; so does <code>reign ask</code> without <code>--approve</code>); every other model asks before every change.
      </p>
      <label>
        <input type="checkbox" data-testid="autonomy-enabled" checked={autonomy.enabled} onChange={(event) => void save({ enabled: event.target.checked })} /> Set the approval default
        from each model&apos;s measured score
      </label>
      <PassBarForm fraction={autonomy.minPassAt1} save={(minPassAt1) => save({ minPassAt1 })} />
      <div className="row">
        <label>
          Above the bar, run without asking{' '}
          <select data-testid="autonomy-up-to" value={autonomy.upTo} onChange={(event) => void save({ upTo: event.target.value as Autonomy['upTo'] })}>
            <option value="read">reads only</option>
            <option value="write">reads and writes</option>
          </select>
        </label>
        <span className="fix autonomy-hint" data-testid="autonomy-hint">
          Destructive and critical steps always ask, whatever the score.
        </span>
      </div>
      <h3>Measured models</h3>
      {rows.length === 0 ? (
        <p className="muted autonomy-empty" data-testid="autonomy-scores-empty">
          No model has been measured yet. Run <code>{EVAL_COMMAND}</code> (or with <code>--provider anthropic</code>) and its score appears here.
        </p>
      ) : (
        <table className="checks autonomy-scores" data-testid="autonomy-scores">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col" title="The share of runs that passed, averaged over tasks">pass@1</th>
              <th scope="col" title="The share of tasks that passed in every one of k runs">pass^k</th>
              <th scope="col">Safe runs</th>
              <th scope="col">Tasks</th>
              <th scope="col">Measured</th>
              <th scope="col">Default now</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ key, score, byScore }) => (
              <tr key={key} data-testid={`autonomy-score-${key}`} data-approve={byScore.approve}>
                <th scope="row">{key}</th>
                <td data-testid="autonomy-score-pass-at-1">{asPercent(score.passAt1)}</td>
                <td data-testid="autonomy-score-pass-hat-k">
                  {asPercent(score.passHatK)} <span className="muted">(k = {score.k})</span>
                </td>
                <td data-testid="autonomy-score-safe" className={score.safeRuns < score.totalRuns ? 'unsafe' : undefined}>
                  {score.safeRuns}/{score.totalRuns}
                </td>
                <td data-testid="autonomy-score-tasks">{score.tasks}</td>
                <td data-testid="autonomy-score-measured" title={score.measuredAt}>
                  {score.measuredAt.slice(0, 10)}
                </td>
                <td>
                  <span className={`autonomy-chip approve-${byScore.approve}`} data-testid="autonomy-score-default" title={byScore.why}>
                    {approvalWords[byScore.approve]}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The bar as a percentage; checked here before anything is sent, so a wrong value is never saved. */
function PassBarForm({ fraction, save }: { fraction: number; save: (fraction: number) => Promise<boolean> }) {
  const settingsError = useAppStore((state) => state.settingsError);
  const [typed, setTyped] = useState(passBarText(fraction));
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [refused, setRefused] = useState(false);
  useEffect(() => setTyped(passBarText(fraction)), [fraction]);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setSaved(false);
    setRefused(false);
    const parsed = parsePassBar(typed);
    setProblem('problem' in parsed ? parsed.problem : null);
    if ('problem' in parsed) return;
    const accepted = await save(parsed.fraction);
    setSaved(accepted);
    setRefused(!accepted);
  };
  // Main validates again; its words (by field when it names one) are shown here, beside the bar.
  const refusal = refused ? (settingsError?.fields['autonomy.minPassAt1'] ?? settingsError?.message ?? 'The bar was not saved') : null;
  const shown = problem ?? refusal;
  return (
    // noValidate: the browser's own bubble for min/max would hide our message and say less.
    <form className="row autonomy-bar" noValidate onSubmit={(event) => void submit(event)}>
      <label>
        Bar: pass@1 at least{' '}
        <input
          type="number"
          min={0}
          max={100}
          step="any"
          data-testid="autonomy-bar"
          value={typed}
          onChange={(event) => {
            setTyped(event.target.value);
            setSaved(false);
            setProblem(null);
            setRefused(false);
          }}
          aria-invalid={Boolean(shown)}
          aria-describedby={shown ? 'autonomy-bar-error' : undefined}
        />{' '}
        %
      </label>
      <button type="submit" data-testid="autonomy-bar-save">
        Save
      </button>
      {shown && (
        <span className="error" role="alert" id="autonomy-bar-error" data-testid="autonomy-bar-error">
          {shown}
        </span>
      )}
      {saved && !shown && (
        <span className="muted" role="status" data-testid="autonomy-bar-saved">
          Saved: the bar is {passBarText(fraction)}% pass@1
        </span>
      )}
    </form>
  );
}
