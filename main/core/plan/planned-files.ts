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
 * The files a step's ancestors will have written by the time it runs (`files.write` of a script
 * that this step then runs), so it is classified, and approved, with that content before it exists.
 */
export function plannedFilesFor(step: StepLike, steps: readonly StepLike[], registry: ToolRegistry): Map<string, string> {
  const byId = new Map(steps.map((candidate) => [candidate.id, candidate]));
  const ancestors: StepLike[] = [];
  const seen = new Set<string>();
  const visit = (id: string): void => {
    if (seen.has(id)) return;
    seen.add(id);
    const found = byId.get(id);
    if (!found) return;
    for (const parent of found.dependsOn ?? []) visit(parent);
    ancestors.push(found);
  };
  for (const parent of step.dependsOn ?? []) visit(parent);
  const files = new Map<string, string>();
  // Ancestors in dependency order: a later write of the same path wins, as it will on disk.
  for (const ancestor of ancestors) {
    const tool = registry.get(ancestor.tool);
    const parsed = tool?.writesFiles ? tool.input.safeParse(ancestor.input) : null;
    if (tool?.writesFiles && parsed?.success) for (const file of tool.writesFiles(parsed.data)) files.set(normalize(file.path), file.content);
  }
  return files;
}

/** The context for classifying one step of a plan before it runs. */
export function contextWithPlannedFiles(ctx: ToolContext, plannedFiles: ReadonlyMap<string, string>): ToolContext {
  return plannedFiles.size ? { ...ctx, plannedFiles } : ctx;
}
