import type { StepView } from '../../state/plan-view';
import { useAppPick, useAppStore } from '../store-context';

/**
 * Opens a step in the Editor: a file a step writes as that file (so compose, workflow and manifest
 * schemas apply by its name and folder, such as `.github/workflows/`), any other step's input as JSON against the tool's input schema.
 * Saving sends the edit to be validated and classified again; problems keep the edit unsaved.
 */
export function useStepEditor(): (step: StepView) => void {
  const { openDocument, navigate, editStepInput, toolInputSchema } = useAppPick('openDocument', 'navigate', 'editStepInput', 'toolInputSchema');
  return (step) => {
    const save = async (input: Record<string, unknown>): Promise<void> => {
      const problems = await editStepInput(step.id, input);
      if (problems.length) throw new Error(problems.join('; '));
    };
    const origin = { kind: 'step' as const, stepId: step.id, tool: step.tool };
    const content = step.input.content;
    if (step.tool === 'files.write' && typeof content === 'string' && typeof step.input.path === 'string') {
      openDocument({ id: `step-${step.id}`, fileName: step.input.path, title: `${step.id}: ${step.input.path}`, value: content, origin, onSave: (value) => save({ ...step.input, content: value }) });
      return navigate('editor');
    }
    void toolInputSchema(step.tool)
      .catch(() => undefined)
      .then((jsonSchema) => {
        openDocument({
          id: `step-${step.id}`,
          fileName: `${step.id}.input.json`,
          title: `${step.id}: ${step.tool} input`,
          value: `${JSON.stringify(step.input, null, 2)}\n`,
          origin,
          ...(jsonSchema ? { jsonSchema } : {}),
          onSave: (value) => {
            let parsed: unknown;
            try {
              parsed = JSON.parse(value);
            } catch (error) {
              throw new Error(`The input is not valid JSON: ${(error as Error).message}`);
            }
            if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('The input must be a JSON object.');
            return save(parsed as Record<string, unknown>);
          },
        });
        navigate('editor');
      });
  };
}
