import { z } from 'zod';
import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { type Risk, riskRank } from '../policy/risk';
import type { Target, ToolContext, ToolDefinition } from '../tools/tool-definition';
import { sampleInput } from '../tools/sample-input';

/**
 * The marks `defineReadTool` leaves, and hand-written read tools (files.read, http.check) share:
 * nothing to snapshot or undo, safe to retry, and "nothing" changed (an `inspect` only reads facts
 * for classifying, as Kubernetes reads ask discovery for a kind's scope). Such a tool never
 * modifies anything, whatever its risk for a given input (reading a credential file is rated
 * higher for what it exposes, not for what it changes).
 */
export function onlyReads(tool: ToolDefinition): boolean {
  if (tool.undo || tool.snapshot || !tool.idempotent) return false;
  try {
    return tool.describeChange(undefined) === 'nothing (read only)';
  } catch {
    return false;
  }
}

/** What the tool's own risk and target functions say about its examples (or a sample built from its schema). */
function classifiedSamples(tool: ToolDefinition, ctx: ToolContext): { risks: Risk[]; targets: Target[]; unknown: boolean } {
  const inputs = tool.examples?.length ? [...tool.examples] : [sampleInput(z.toJSONSchema(tool.input, { io: 'input' }) as never)];
  const risks: Risk[] = [];
  const targets: Target[] = [];
  let unknown = false;
  for (const raw of inputs) {
    const parsed = tool.input.safeParse(raw);
    if (!parsed.success) {
      unknown = true;
      continue;
    }
    try {
      // Without `inspect` facts, as a step is rated before its facts are known.
      const args = { input: parsed.data, ctx, facts: undefined };
      risks.push(tool.risk(args).risk);
      targets.push(tool.target(args));
    } catch {
      unknown = true;
    }
  }
  return { risks, targets, unknown };
}

/** "docker.container.remove" → "Docker: container remove". */
export function toolTitle(name: string): string {
  const [family, ...rest] = name.split('.');
  const head = family ? family[0]!.toUpperCase() + family.slice(1) : name;
  return rest.length ? `${head}: ${rest.join(' ').replace(/-/g, ' ')}` : head;
}

/**
 * MCP annotations derived by code from Reign's own definition, never from a description's words:
 * read-only for tools that only read; destructive when any sample input classifies destructive or
 * critical, or when it cannot be told (the MCP default is destructive); idempotent from the tool;
 * open-world unless every sample acts on the workspace folder only.
 */
export function toolAnnotations(tool: ToolDefinition, ctx: ToolContext): ToolAnnotations {
  const readOnly = onlyReads(tool);
  const { risks, targets, unknown } = classifiedSamples(tool, ctx);
  const destructive = !readOnly && (unknown || !risks.length || risks.some((risk) => riskRank(risk) >= riskRank('destructive')));
  const openWorld = unknown || !targets.length || targets.some((target) => target.kind !== 'workspace');
  return { title: toolTitle(tool.name), readOnlyHint: readOnly, destructiveHint: destructive, idempotentHint: tool.idempotent, openWorldHint: openWorld };
}
