import type { StepView } from '../../state/plan-view';

/** What the step will do: the command or text its tool previews, or the file it writes as before/after. */
export function StepPreview({ step }: { step: StepView }) {
  const preview = step.preview;
  if (preview.kind === 'text') return <pre className="step-preview" data-testid="plan-step-preview">{preview.text}</pre>;
  return (
    <div className="step-preview" data-testid="plan-step-preview" data-kind="file">
      <p>
        {preview.before === null ? 'Creates' : preview.after === null ? 'Deletes' : 'Changes'} <code>{preview.path}</code>
      </p>
      <div className="file-diff">
        {preview.before !== null && (
          <div>
            <h4>Before</h4>
            <pre>{preview.before}</pre>
          </div>
        )}
        {preview.after !== null && (
          <div>
            <h4>After</h4>
            <pre>{preview.after}</pre>
          </div>
        )}
      </div>
    </div>
  );
}
