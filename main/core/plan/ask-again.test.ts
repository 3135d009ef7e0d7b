import { existsSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtinTools, familyVerbs } from '../../../e2e/fixtures/family-tools';
import { type PolicyConfig, PolicyEngine } from '../policy/policy-engine';
import { assess } from '../policy/risk';
import { createShellAnalyzer } from '../policy/shell/create-shell-analyzer';
import type { ShellAnalyzer } from '../policy/shell/shell-analyzer';
import { defineTool } from '../tools/tool-definition';
import { ToolRegistry } from '../tools/tool-registry';
import type { Reapproval, ReapprovalAnswer } from './ask-again';
import { parsePlanText } from './plan-loader';
import { PlanRunner, type RunRequest } from './plan-runner';
import type { RunEvent } from './run-events';

// The plan graph asks again, while the run goes on, about a step the approval no longer covers once
// its input is resolved; only an approval of the step as it is now lets it run.

let shell: ShellAnalyzer;
beforeAll(async () => {
  shell = await createShellAnalyzer(familyVerbs);
});

const ran: string[] = [];
const deploy = defineTool({
  name: 'test.deploy',
  description: 'deploys to a namespace',
  input: z.object({ namespace: z.string().min(1) }).strict(),
  output: z.object({ namespace: z.string() }),
  risk: () => assess('write', 'changes a deployment'),
  target: ({ input }) => ({ kind: 'kubernetes', id: `kubernetes:kind/${input.namespace}`, label: `kind/${input.namespace}` }),
  preview: async ({ input }) => ({ kind: 'text', text: `deploy to ${input.namespace}` }),
  run: async ({ input }) => (ran.push(input.namespace), { ok: true, output: { namespace: input.namespace } }),
  idempotent: true,
  describeChange: (input) => `deployed to ${input.namespace}`,
});

const plan = `
steps:
  - { id: pick, tool: shell.exec, input: { command: "printf prod" } }
  - { id: ship, tool: test.deploy, dependsOn: [pick], input: { namespace: "\${steps.pick.output.stdout}" } }
  - { id: after, tool: files.write, dependsOn: [ship], input: { path: after.txt, content: "x" } }
`;

function setup(policy: PolicyConfig, answer: (question: Reapproval) => ReapprovalAnswer | Promise<ReapprovalAnswer>) {
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-ask-again-')));
  const events: RunEvent[] = [];
  const questions: Reapproval[] = [];
  const runner = new PlanRunner({ registry: new ToolRegistry().register(...builtinTools, deploy), policy: new PolicyEngine(policy), shell, emit: (event) => events.push(event) });
  const run = (request: Partial<RunRequest> = {}) => {
    const loaded = parsePlanText(plan);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    return runner.run({ plan: loaded.plan, workspace, approveUpTo: 'write', askAgain: async (question) => (questions.push(question), answer(question)), ...request });
  };
  return { workspace, run, events, questions };
}

const production: PolicyConfig = { rules: [], production: ['kubernetes:kind/prod'] };

describe('asking again about a step once its input is resolved', () => {
  it('asks with the step as it is now, and runs it and what follows once approved with the typed name', async () => {
    ran.length = 0;
    const { workspace, run, events, questions } = setup(production, () => ({ decision: 'approve', source: 'test', confirmation: 'kind/prod' }));
    const result = await run();
    expect(questions).toEqual([expect.objectContaining({ step: 'ship', risk: 'write', target: expect.objectContaining({ id: 'kubernetes:kind/prod' }), confirmation: 'kind/prod', preview: { kind: 'text', text: 'deploy to prod' }, why: expect.stringMatching(/kind\/prod is marked production/) })]);
    expect(result.status).toBe('succeeded');
    expect(ran).toEqual(['prod']);
    expect(existsSync(join(workspace, 'after.txt'))).toBe(true);
    expect(events.filter((event) => event.type === 'step.needs-approval')).toEqual([expect.objectContaining({ step: 'ship', waiting: expect.objectContaining({ confirmation: 'kind/prod' }) })]);
    expect(events).toContainEqual(expect.objectContaining({ type: 'step.approval', step: 'ship', decision: 'approve', source: 'test', targetId: 'kubernetes:kind/prod' }));
  });

  it('does not run it when the name typed is not the target\'s, nor when the person rejects it; what depends on it is skipped', async () => {
    for (const answer of [{ decision: 'approve', source: 'test', confirmation: 'kind/staging' }, { decision: 'approve', source: 'test' }, { decision: 'reject', source: 'test' }] as const) {
      ran.length = 0;
      const { workspace, run } = setup(production, () => answer);
      const result = await run();
      expect(ran, JSON.stringify(answer)).toEqual([]);
      expect(result.steps.get('ship')?.status).toBe(answer.decision === 'reject' ? 'rejected' : 'needs-approval');
      expect(result.steps.get('after')?.status).toBe('skipped');
      expect(existsSync(join(workspace, 'after.txt'))).toBe(false);
      expect(result.status).toBe('incomplete');
    }
  });

  it('is answered by a rejection when the run is cancelled while it waits', async () => {
    ran.length = 0;
    const controller = new AbortController();
    const { run } = setup(production, () => {
      controller.abort();
      return new Promise<ReapprovalAnswer>(() => {});
    });
    const result = await run({ signal: controller.signal });
    expect(ran).toEqual([]);
    expect(result.steps.get('ship')?.status).toBe('rejected');
  });

  it('asks nothing when the approval still covers the step, or when the caller cannot ask (the step waits, as reign plan run does)', async () => {
    ran.length = 0;
    const covered = setup({ rules: [], production: [] }, () => ({ decision: 'reject', source: 'test' }));
    expect((await covered.run()).status).toBe('succeeded');
    expect(covered.questions).toEqual([]);
    const headless = setup(production, () => ({ decision: 'approve', source: 'test' }));
    const result = await headless.run({ askAgain: undefined });
    expect(result.steps.get('ship')?.status).toBe('needs-approval');
    expect(headless.questions).toEqual([]);
  });

  it('asks once more when the step changed while the person decided, and runs only what was approved last', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const script = defineTool<{ path: string }, { ran: string }, undefined, { content: string }>({
      name: 'test.script',
      description: 'runs a file of the workspace',
      input: z.object({ path: z.string() }).strict(),
      output: z.object({ ran: z.string() }),
      inspect: async ({ input, ctx }) => ({ content: readFileSync(join(ctx.workspace, input.path), 'utf8') }),
      contentHash: (facts) => facts?.content ?? null,
      risk: () => assess('write', 'runs a script'),
      target: ({ ctx }) => ({ kind: 'workspace', id: `workspace:${ctx.workspace}`, label: ctx.workspace }),
      preview: async ({ input, ctx }) => ({ kind: 'text', text: readFileSync(join(ctx.workspace, input.path), 'utf8') }),
      run: async ({ input, ctx }) => ({ ok: true, output: { ran: readFileSync(join(ctx.workspace, input.path), 'utf8') } }),
      idempotent: false,
      describeChange: () => 'ran a script',
    });
    const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-ask-changed-')));
    writeFileSync(join(workspace, 'name.txt'), 'deploy.sh');
    writeFileSync(join(workspace, 'deploy.sh'), 'echo one');
    const questions: Reapproval[] = [];
    const runner = new PlanRunner({ registry: new ToolRegistry().register(...builtinTools, script), policy: new PolicyEngine(), shell, emit: () => {} });
    const loaded = parsePlanText('steps:\n  - { id: pick, tool: shell.exec, input: { command: "cat name.txt" } }\n  - { id: go, tool: test.script, dependsOn: [pick], input: { path: "${steps.pick.output.stdout}" } }\n');
    if (!loaded.ok) throw new Error('plan');
    const result = await runner.run({
      plan: loaded.plan,
      workspace,
      // Approved in the graph before the file's content was known (as the plan graph does: bound to target, risk and content).
      approveUpTo: null,
      decisions: new Map([['go', { decision: 'approve', source: 'test', targetId: `workspace:${workspace}`, risk: 'write', contentHash: null }]]),
      askAgain: async (question) => {
        questions.push(question);
        // While the person reads the first question, the file is changed behind their back.
        if (questions.length === 1) writeFileSync(join(workspace, 'deploy.sh'), 'echo two');
        return { decision: 'approve', source: 'test' };
      },
    });
    expect(questions.map((question) => question.contentHash)).toEqual(['echo one', 'echo two']);
    expect(questions[1]!.why).toMatch(/changed while you decided/);
    expect(result.steps.get('go')).toMatchObject({ status: 'succeeded', output: { ran: 'echo two' } });
  });
});
