import { z } from 'zod';
import { defineReadTool, type Target, type ToolContext, toolFailure } from '../../tools/tool-definition';
import { kubeKey } from '../kubernetes/kube-access';
import { valuesFields } from './helm-args';
import { localChartFolder, sourceOf, withChartArguments } from './helm-chart-input';
import { runHelm } from './helm-exec';
import { objectNames, redactManifest } from './helm-manifests';
import { hostTarget, repositoryTarget } from './helm-repositories';

const workspaceTarget = (ctx: ToolContext): Target => ({ kind: 'workspace', id: `workspace:${ctx.workspace}`, label: ctx.workspace });

/** A folder chart is read from the workspace; a repository or OCI chart is fetched from its host. */
function chartTarget(ctx: ToolContext, input: { chart: string; version?: string }): Target {
  try {
    const source = sourceOf(ctx, input);
    if (source.kind === 'repo') return repositoryTarget(ctx.env, source.repo);
    if (source.kind === 'oci') return hostTarget(source.reference, source.reference);
  } catch {
    // Not a chart Reign can name: the step fails with the reason when it runs.
  }
  return workspaceTarget(ctx);
}

export const helmTemplate = defineReadTool({
  name: 'helm.template',
  description: 'Render a chart locally (helm template, no cluster) with values files and overrides: the manifests it would install, Secrets\' values redacted. For a server-checked preview use helm.install or helm.upgrade.',
  reads: 'renders a chart locally (changes nothing)',
  input: z
    .object({
      chart: z.string().min(1).describe('A chart folder in the workspace, REPO/CHART, or oci://…'),
      version: z.string().min(1).optional(),
      release: z.string().min(1).default('release-name').describe('The release name the templates see'),
      ...valuesFields,
      namespace: z.string().min(1).optional().describe("The namespace the templates see (default: the context's)"),
      context: z.string().min(1).optional(),
    })
    .strict(),
  output: z.object({ manifest: z.string(), objects: z.array(z.string()) }),
  target: ({ input, ctx }) => chartTarget(ctx, input),
  preview: async ({ input }) => ({ kind: 'text', text: `helm template ${input.release} ${input.chart}` }),
  run: async ({ input, ctx, signal }) => {
    const namespace = ctx.access(kubeKey).where(input).namespace;
    return withChartArguments(ctx, input, async (args) => {
      const result = await runHelm(ctx, ['template', input.release, ...args, '--namespace', namespace], { signal });
      if (!result.ok) return result;
      return { ok: true, output: { manifest: redactManifest(result.output), objects: objectNames(result.output, namespace) } };
    });
  },
  examples: [{ chart: 'charts/web', set: { replicaCount: 2 } }],
});

const lintMessage = z.object({ severity: z.enum(['INFO', 'WARNING', 'ERROR']), path: z.string(), message: z.string() });

/** `[WARNING] templates/x.yaml: message` lines of `helm lint`. */
export function parseLint(stdout: string): z.infer<typeof lintMessage>[] {
  return [...stdout.matchAll(/^\[(INFO|WARNING|ERROR)\] ([^:]*): (.*)$/gm)].map((match) => ({ severity: match[1] as 'INFO' | 'WARNING' | 'ERROR', path: match[2]!, message: match[3]! }));
}

export const helmLint = defineReadTool({
  name: 'helm.lint',
  description: 'Lint a chart folder of the workspace (helm lint) with values files and overrides; fails when the chart has errors (or, with strict, warnings), so a plan stops before installing it.',
  reads: 'lints a chart folder',
  input: z.object({ chart: z.string().min(1).describe('A chart folder in the workspace'), ...valuesFields, strict: z.boolean().default(false).describe('Fail on warnings too') }).strict(),
  output: z.object({ passed: z.boolean(), messages: z.array(lintMessage) }),
  target: ({ ctx }) => workspaceTarget(ctx),
  preview: async ({ input }) => ({ kind: 'text', text: `helm lint ${input.chart}${input.strict ? ' --strict' : ''}` }),
  run: async ({ input, ctx, signal }) => {
    if (!localChartFolder(ctx, input.chart)) return toolFailure('INVALID_CHART', `There is no chart folder "${input.chart}" (with a Chart.yaml) in the workspace.`);
    return withChartArguments(ctx, input, async (args) => {
      const result = await runHelm(ctx, ['lint', ...args, ...(input.strict ? ['--strict'] : [])], { signal, stdoutOnFailure: true });
      if (result.ok) return { ok: true, output: { passed: true, messages: parseLint(result.output) } };
      const messages = parseLint(String((result.error.detail as { stdout?: string } | undefined)?.stdout ?? ''));
      const findings = messages.filter((message) => message.severity === 'ERROR' || (input.strict && message.severity === 'WARNING'));
      if (!findings.length) return result;
      return toolFailure('LINT_FAILED', `${input.chart} does not pass helm lint${input.strict ? ' --strict' : ''}:\n${findings.map((finding) => `[${finding.severity}] ${finding.path}: ${finding.message}`).join('\n')}`, { messages });
    });
  },
  examples: [{ chart: 'charts/web' }, { chart: 'charts/web', strict: true, set: { replicaCount: 2 } }],
});

export const helmChartTools = [helmTemplate, helmLint];
