import { z } from 'zod';
import { defineReadTool, toolFailure } from '../../tools/tool-definition';
import { checkWorkflow, formatWorkflowProblems } from './github-workflow-check';
import { renderWorkflow } from './github-workflow-compose';
import { workflowTemplates } from './github-workflow-templates';

// Generating a workflow and checking it are one step: what a plan commits next is a file that
// already passed GitHub's schema, actionlint and the risky-pattern checks, not text a model wrote.

const problemShape = z.object({ line: z.number(), column: z.number(), severity: z.string(), source: z.string(), message: z.string() });

export const githubWorkflowRender = defineReadTool({
  name: 'github.workflow.render',
  description:
    `Generate a GitHub Actions workflow from Reign's templates (${[...new Set(workflowTemplates().map((template) => template.language))].join(', ')}: build, test, security-scan, deploy-staging, deploy-production, release; ` +
    'several compose into one workflow whose deliveries wait for the checks) and validate it (GitHub\'s workflow schema, actionlint when installed, risky patterns). ' +
    'Fails when the result has an error. Returns the file\'s path and content, for github.commit.create or files.write, and the secrets and environments it needs.',
  reads: 'renders workflow templates (writes nothing)',
  input: z
    .object({
      templates: z.array(z.string().min(1)).min(1).describe('Template ids, e.g. ["docker-image-build", "docker-image-deploy-staging"]'),
      values: z.record(z.string(), z.string()).default({}).describe('Values for the templates\' variables (their env: keys)'),
      defaultBranch: z.string().min(1).optional().describe('The repository\'s default branch, for branch filters (default main)'),
      name: z.string().min(1).optional().describe('The workflow\'s name'),
    })
    .strict(),
  output: z.object({ path: z.string(), content: z.string(), templates: z.array(z.string()), secrets: z.array(z.string()), environments: z.array(z.string()), problems: z.array(problemShape), actionlint: z.string() }),
  target: ({ ctx }) => ({ kind: 'workspace', id: `workspace:${ctx.workspace}`, label: ctx.workspace }),
  preview: async ({ input }) => ({ kind: 'text', text: `generate and check a workflow from ${input.templates.join(', ')}` }),
  run: async ({ input, signal }) => {
    let rendered;
    try {
      rendered = renderWorkflow({ templates: input.templates, values: input.values, defaultBranch: input.defaultBranch, name: input.name });
    } catch (error) {
      return toolFailure('INVALID', `${(error as Error).message} (the templates: ${workflowTemplates().map((template) => template.id).join(', ')})`);
    }
    const check = await checkWorkflow(rendered.content, { actionlint: { filename: rendered.path, signal } });
    if (!check.ok) return toolFailure('WORKFLOW_INVALID', `The workflow generated from ${input.templates.join(', ')} does not pass the checks (${check.refusedBy.join(', ')}):\n${formatWorkflowProblems(check.problems.filter((problem) => problem.severity === 'error'))}`);
    return {
      ok: true,
      output: {
        path: rendered.path,
        content: rendered.content,
        templates: [...rendered.templates],
        secrets: [...rendered.secrets],
        environments: rendered.environments.map((environment) => environment.name),
        problems: check.problems.map(({ line, column, severity, source, message }) => ({ line, column, severity, source, message })),
        actionlint: check.actionlint.ran ? 'ran' : check.actionlint.reason,
      },
    };
  },
  examples: [{ templates: ['docker-image-build', 'docker-image-deploy-staging'] }, { templates: ['node-build', 'node-test', 'node-deploy-production'], defaultBranch: 'trunk' }],
});
