import type { CommandResponse } from '../../../../preload/contract';

type Choices = NonNullable<CommandResponse<'resources.rows'>['scope']>;

/**
 * Where a scoped view lists, as Lens and Headlamp put it above their tables: one picker per level
 * (a kubeconfig context, then a namespace or all of them), showing the scope the rows were read in.
 */
export function ScopePicker({ choices, onChoose, busy }: { choices: Choices; onChoose: (level: string, value: string) => void; busy: boolean }) {
  return (
    <div className="row scope-picker" data-testid="resources-scope" aria-busy={busy}>
      {choices.levels.map((level) => {
        const chosen = choices.chosen[level.id] ?? '';
        // A choice the options do not hold (listing them was refused) is still shown as what the rows are in.
        const options = level.options.some((option) => option.id === chosen) || !chosen ? level.options : [{ id: chosen, label: chosen }, ...level.options];
        return (
          <label key={level.id} className="scope-level">
            <span className="muted">{level.label}</span>
            <select value={chosen} onChange={(event) => onChoose(level.id, event.target.value)} data-testid={`resources-scope-${level.id}`} disabled={!options.length}>
              {!options.length && <option value="">none</option>}
              {options.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>
        );
      })}
    </div>
  );
}
