import { z } from 'zod';
import { PlanStepSchema } from '../plan/plan-schema';
import type { ToolRegistry } from '../tools/tool-registry';
import type { ToolSpec } from './model-types';

export const PROPOSE_PLAN = 'propose_plan';
export const ASK_USER = 'ask_user';

export const ProposePlanSchema = z
  .object({
    summary: z.string().min(1).max(2000).describe('One or two sentences: what the plan does and why'),
    steps: z.array(PlanStepSchema).min(1).max(500),
  })
  .strict();

export const AskUserSchema = z.object({ question: z.string().min(1).max(2000) }).strict();

/** What the model is offered: every registry tool, plus propose_plan and ask_user. */
export function agentToolSpecs(registry: ToolRegistry): ToolSpec[] {
  const tools = registry.jsonSchemas().map((tool) => ({ name: tool.name, description: tool.description, inputSchema: tool.inputSchema }));
  return [
    ...tools,
    {
      name: PROPOSE_PLAN,
      description:
        'Propose a plan: the only way anything that changes state can run. Steps are {id, tool, input, dependsOn?, name?, note?}; ' +
        `tool is one of: ${registry.names().join(', ')}. Reign validates the plan, classifies each step's risk, asks the person for approval ` +
        'where needed, runs it, and returns every step result.',
      inputSchema: z.toJSONSchema(ProposePlanSchema, { io: 'input' }) as Record<string, unknown>,
    },
    {
      name: ASK_USER,
      description: 'Ask the person a clarifying question and wait for the answer. Use it when a choice is theirs to make.',
      inputSchema: z.toJSONSchema(AskUserSchema, { io: 'input' }) as Record<string, unknown>,
    },
  ];
}
