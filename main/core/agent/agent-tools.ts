import { z } from 'zod';
import { PlanStepSchema } from '../plan/plan-schema';
import type { ToolDefinition } from '../tools/tool-definition';
import type { ToolSpec } from './model-types';
import { describeSets, FIND_TOOLS, FindToolsSchema, type ToolSet } from './tool-sets';

export const PROPOSE_PLAN = 'propose_plan';
export const ASK_USER = 'ask_user';

export const ProposePlanSchema = z
  .object({
    summary: z.string().min(1).max(2000).describe('One or two sentences: what the plan does and why'),
    steps: z.array(PlanStepSchema).min(1).max(500),
  })
  .strict();

export const AskUserSchema = z.object({ question: z.string().min(1).max(2000) }).strict();

/**
 * A JSON Schema as the model needs it: without the `$schema` line and `additionalProperties: false`,
 * which every tool would repeat (unknown fields are still refused, by the zod schema, with a message).
 */
export function compactSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  return withoutClosedObjects(rest) as Record<string, unknown>;
}

function withoutClosedObjects(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutClosedObjects);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key, item]) => !(key === 'additionalProperties' && item === false)).map(([key, item]) => [key, withoutClosedObjects(item)]));
}

export const toolSpec = (tool: ToolDefinition): ToolSpec => ({ name: tool.name, description: tool.description, inputSchema: compactSchema(tool.input) });

/**
 * What the model is offered: the tools loaded into the conversation (those of the families relevant
 * here, and what `find_tools` found), then propose_plan, find_tools and ask_user. The same loaded
 * set gives byte-identical specs, which prompt caching needs.
 */
export function agentToolSpecs(loaded: readonly ToolDefinition[], sets: readonly ToolSet[]): ToolSpec[] {
  const loadedNames = new Set(loaded.map((tool) => tool.name));
  return [
    ...loaded.map(toolSpec),
    {
      name: PROPOSE_PLAN,
      description:
        'Propose a plan: the only way anything that changes state can run. Steps are {id, tool, input, dependsOn?, name?, note?}; ' +
        `tool is any Reign tool, loaded or not. Families: ${describeSets(sets, loadedNames)}. Use ${FIND_TOOLS} to get the definitions of tools not loaded. ` +
        "Reign validates the plan, classifies each step's risk, asks the person for approval where needed, runs it, and returns every step result.",
      inputSchema: compactSchema(ProposePlanSchema),
    },
    {
      name: FIND_TOOLS,
      description: 'Search every Reign tool by words (and optionally one family); the matching definitions are loaded into this conversation so you can call them or use them as plan steps.',
      inputSchema: compactSchema(FindToolsSchema),
    },
    {
      name: ASK_USER,
      description: 'Ask the person a clarifying question and wait for the answer. Use it when a choice is theirs to make.',
      inputSchema: compactSchema(AskUserSchema),
    },
  ];
}
