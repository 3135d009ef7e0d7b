import type { StepView } from '../../state/plan-view';

// Replaced when the editor pane lands (same session): opens the step's input in Monaco.
export function useStepEditor(): (step: StepView) => void {
  return () => undefined;
}
