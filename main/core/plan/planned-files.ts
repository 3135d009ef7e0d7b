import { normalize } from 'node:path';
import type { ToolContext } from '../tools/tool-definition';
import type { ToolRegistry } from '../tools/tool-registry';

interface StepLike {
  readonly id: string;
  readonly tool: string;
  readonly input: unknown;
  readonly dependsOn?: readonly string[];
}

/**
 * For each step, the files its ancestors will have written by the time it runs (`files.write` of a
 * script that the step then runs), so it is classified, and approved, with that content before it
 * exists. The plan is indexed once; each step's lookup walks only its own ancestors.
 */
export function plannedFiles(steps: readonly StepLike[], registry: ToolRegistry): (step: StepLike) => Map<string, string> {
  const byId = new Map(steps.map((candidate) => [candidate.id, candidate]));
  const writes = new Map<string, readonly { readonly path: string; readonly content: string }[]>();
  for (const step of steps) {
    const tool = registry.get(step.tool);
    const parsed = tool?.writesFiles ? tool.input.safeParse(step.input) : null;
    if (tool?.writesFiles && parsed?.success) writes.set(step.id, tool.writesFiles(parsed.data));
  }
  return (step) => {
    const files = new Map<string, string>();
    if (!writes.size) return files;
    const seen = new Set<string>();
    // Ancestors in dependency order: a later write of the same path wins, as it will on disk.
    const visit = (id: string): void => {
      if (seen.has(id)) return;
      seen.add(id);
      for (const parent of byId.get(id)?.dependsOn ?? []) visit(parent);
      for (const file of writes.get(id) ?? []) files.set(normalize(file.path), file.content);
    };
    for (const parent of step.dependsOn ?? []) visit(parent);
    return files;
  };
}

/** The context for classifying one step of a plan before it runs. */
export function contextWithPlannedFiles(ctx: ToolContext, plannedFiles: ReadonlyMap<string, string>): ToolContext {
  return plannedFiles.size ? { ...ctx, plannedFiles } : ctx;
}
