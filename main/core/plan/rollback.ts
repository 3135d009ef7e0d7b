import type { ToolContext, ToolDefinition, ToolResult } from '../tools/tool-definition';
import type { ToolRegistry } from '../tools/tool-registry';
import type { StepState } from './plan-runner';
import type { RunEvent } from './run-events';

export interface RollbackArgs {
  readonly runId: string;
  /** Steps that succeeded, in the order they finished; undone in reverse, so dependents go first. */
  readonly order: readonly string[];
  readonly states: ReadonlyMap<string, StepState>;
  readonly ctx: ToolContext;
  readonly registry: ToolRegistry;
  readonly emit: (event: RunEvent) => void;
  readonly save: (state: StepState) => void;
}

/** Undoes completed steps newest first; what cannot be undone is reported as left in place. */
export async function rollBack({ runId, order, states, ctx, registry, emit, save }: RollbackArgs): Promise<void> {
  const changing = order.filter((id) => states.get(id)?.risk !== 'read');
  emit({ type: 'rollback.started', runId, steps: [...changing].reverse() });
  for (const id of [...changing].reverse()) {
    const state = states.get(id)!;
    const tool = registry.get(state.step.tool)!;
    if (!tool.undo) {
      state.status = 'left-in-place';
      save(state);
      emit({ type: 'step.left-in-place', runId, step: id, change: tool.describeChange(state.input) });
      continue;
    }
    const result = await undoStep(tool, { input: state.input, output: state.output ?? null, snapshot: state.snapshot }, ctx);
    state.status = result.ok ? 'undone' : 'undo-failed';
    save(state);
    // An undo that needs its own approval (a Terraform destroy) did not fail: it waits for a person.
    emit(result.ok ? { type: 'step.undone', runId, step: id, ok: true } : { type: 'step.undone', runId, step: id, ok: false, error: result.error.message, ...(result.error.code === 'UNDO_NEEDS_APPROVAL' ? { waitsForApproval: true } : {}) });
  }
}

/**
 * One step's undo, for a rollback and for undoing a finished run. It runs even after a cancel (so it
 * never inherits the cancelled signal), and a tool that throws is reported as a failed undo.
 */
export function undoStep(tool: ToolDefinition, step: { input: unknown; output: unknown; snapshot: unknown }, ctx: ToolContext): Promise<ToolResult<unknown>> {
  return tool.undo!({ ...step, ctx, signal: new AbortController().signal }).catch((error: Error) => ({ ok: false as const, error: { code: 'UNDO_CRASHED', message: error.message } }));
}
