import { DiffEditor } from '../editor';
import type { StepView } from '../../state/plan-view';
import { TerraformPlanPreview } from './TerraformPlanPreview';

/** What the step will do: the command or text its tool previews, the file it writes as a diff, or a Terraform plan. */
export function StepPreview({ step }: { step: StepView }) {
  const preview = step.preview;
  if (preview.kind === 'text') return <pre className="step-preview" data-testid="plan-step-preview">{preview.text}</pre>;
  if (preview.kind === 'plan') {
    return (
      <div className="step-preview" data-testid="plan-step-preview" data-kind="plan">
        {/* Keyed by step and edit: an edited step's new plan starts collapsed. */}
        <TerraformPlanPreview key={`${step.id}:${step.edited}`} preview={preview} />
      </div>
    );
  }
  return (
    <div className="step-preview" data-testid="plan-step-preview" data-kind="file">
      <p>
        {preview.before === null ? 'Creates' : preview.after === null ? 'Deletes' : 'Changes'} <code>{preview.path}</code>
      </p>
      <DiffEditor key={`${step.id}:${step.edited}`} original={preview.before ?? ''} modified={preview.after ?? ''} fileName={preview.path} sideBySide={false} className="step-diff" />
      {/* The text itself too, for screen readers and for copying without the editor. */}
      <details>
        <summary>As text</summary>
        <pre data-testid="plan-step-preview-text">{preview.after ?? '(deleted)'}</pre>
      </details>
    </div>
  );
}
