import { existsSync, mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PolicyEngine, type PolicyConfig } from '../policy/policy-engine';
import { assess } from '../policy/risk';
import { createShellAnalyzer } from '../policy/shell/create-shell-analyzer';
import type { ShellAnalyzer } from '../policy/shell/shell-analyzer';
import { builtinTools, familyVerbs } from '../../../e2e/fixtures/family-tools';
import { defineTool } from '../tools/tool-definition';
import { ToolRegistry } from '../tools/tool-registry';
import { classifyStep } from './classify-step';
import { parsePlanText } from './plan-loader';
import { PlanRunner, type RunRequest } from './plan-runner';
import type { RunEvent } from './run-events';

// The defect of issue 11: a step was classified on its placeholder text and ran with whatever the
// placeholder resolved to. These tests run plans whose outputs change what a later step is.

let shell: ShellAnalyzer;
beforeAll(async () => {
  shell = await createShellAnalyzer(familyVerbs);
});

/** A deployment-like tool whose target comes from its input, as a Kubernetes namespace or a repository would. */
const deploy = defineTool({
  name: 'test.deploy',
  description: 'deploys to a namespace',
  input: z.object({ namespace: z.string().min(1) }).strict(),
  output: z.object({ namespace: z.string() }),
  risk: () => assess('write', 'changes a deployment'),
  target: ({ input }) => ({ kind: 'kubernetes', id: `kubernetes:kind/${input.namespace}`, label: `kind/${input.namespace}` }),
  preview: async ({ input }) => ({ kind: 'text', text: `deploy to ${input.namespace}` }),
  run: async ({ input }) => ({ ok: true, output: { namespace: input.namespace } }),
  idempotent: true,
  describeChange: (input) => `deployed to ${input.namespace}`,
});

/** A tool whose risk needs I/O: replacing a file that exists is destructive, creating one is a write. */
const replace = defineTool<{ path: string }, { path: string }, undefined, { exists: boolean }>({
  name: 'test.replace',
  description: 'replaces a file',
  input: z.object({ path: z.string() }).strict(),
  output: z.object({ path: z.string() }),
  inspect: async ({ input, ctx }) => ({ exists: existsSync(join(ctx.workspace, input.path)) }),
  risk: ({ facts }) => (facts?.exists === false ? assess('write', 'creates a file') : assess('destructive', 'replaces a file that exists')),
  target: ({ ctx }) => ({ kind: 'workspace', id: `workspace:${ctx.workspace}`, label: ctx.workspace }),
  preview: async ({ input }) => ({ kind: 'text', text: `replace ${input.path}` }),
  run: async ({ input, ctx }) => (writeFileSync(join(ctx.workspace, input.path), 'new'), { ok: true, output: { path: input.path } }),
  idempotent: true,
  describeChange: (input) => `replaced ${input.path}`,
});

function setup(policy: PolicyConfig = { rules: [], production: [] }) {
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-reclassify-')));
  const registry = new ToolRegistry().register(...builtinTools, deploy, replace);
  const events: RunEvent[] = [];
  const engine = new PolicyEngine(policy);
  const runner = new PlanRunner({ registry, policy: engine, shell, emit: (event) => events.push(event) });
  const run = (yaml: string, request: Partial<RunRequest> = {}) => {
    const loaded = parsePlanText(yaml);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    return runner.run({ plan: loaded.plan, workspace, approveUpTo: null, ...request });
  };
  const of = (type: RunEvent['type'], step: string) => events.filter((event) => event.type === type && 'step' in event && event.step === step);
  return { workspace, run, events, of, registry, engine };
}

const namespaceFromOutput = `
steps:
  - { id: pick, tool: shell.exec, input: { command: "printf prod" } }
  - { id: ship, tool: test.deploy, dependsOn: [pick], input: { namespace: "\${steps.pick.output.stdout}" } }
`;

describe('a step is classified again once its input is resolved', () => {
  it('never runs a destructive command that --approve write let through as a placeholder', async () => {
    const { workspace, run, of } = setup();
    const result = await run(
      `
steps:
  - { id: a, tool: shell.exec, input: { command: "echo /etc/reign-never-there" } }
  - { id: b, tool: shell.exec, dependsOn: [a], input: { command: "chmod 600 \${steps.a.output.stdout}" } }
  - { id: c, tool: files.write, dependsOn: [b], input: { path: after.txt, content: "x" } }
`,
      { approveUpTo: 'write' },
    );
    expect(result.status).toBe('incomplete');
    expect(result.steps.get('a')?.status).toBe('succeeded');
    expect(result.steps.get('b')).toMatchObject({ status: 'needs-approval', risk: 'destructive', input: { command: "chmod 600 '/etc/reign-never-there'" } });
    expect(result.steps.get('c')?.status).toBe('skipped');
    expect(existsSync(join(workspace, 'after.txt'))).toBe(false);
    expect(of('step.started', 'b')).toEqual([]);
    expect(of('step.reclassified', 'b')).toEqual([expect.objectContaining({ risk: 'destructive', before: expect.objectContaining({ risk: 'write' }) })]);
    expect(of('step.needs-approval', 'b')).toEqual([expect.objectContaining({ why: expect.stringMatching(/outputs filled in, it is a destructive step.*above what was approved/) })]);
  });

  it('an output used as a whole command line becomes one quoted word, never commands (the review\'s reproduction)', async () => {
    const { workspace, run, of } = setup();
    mkdirSync(join(workspace, 'keep'));
    const result = await run(
      `
steps:
  - { id: a, tool: shell.exec, input: { command: "echo rm -rf keep" } }
  - { id: b, tool: shell.exec, dependsOn: [a], input: { command: "\${steps.a.output.stdout}" } }
`,
      { approveUpTo: 'write' },
    );
    expect(existsSync(join(workspace, 'keep'))).toBe(true);
    // bash looks for a program named "rm -rf keep" and finds none.
    expect(result.steps.get('b')).toMatchObject({ status: 'failed', input: { command: "'rm -rf keep'" } });
    expect(of('step.output', 'b').map((event) => ('text' in event ? event.text : '')).join('')).toMatch(/rm -rf keep: command not found/);
  });

  it('refuses an output where it cannot be inserted as data, and nothing runs', async () => {
    const { workspace, run } = setup();
    const result = await run(
      `
steps:
  - { id: a, tool: shell.exec, input: { command: "echo x" } }
  - { id: b, tool: shell.exec, dependsOn: [a], input: { command: "echo \`echo \${steps.a.output.stdout}\` > out.txt" } }
`,
      { approveUpTo: 'write' },
    );
    expect(result.steps.get('b')).toMatchObject({ status: 'failed', error: { code: 'UNSAFE_REFERENCE', message: expect.stringMatching(/inside `…`.*did not run/) } });
    expect(existsSync(join(workspace, 'out.txt'))).toBe(false);
  });

  it('never fills an unknown output in as empty text (a step assumed done, a secret kept redacted)', async () => {
    const { workspace, run, of } = setup();
    mkdirSync(join(workspace, 'build'));
    writeFileSync(join(workspace, 'build', 'keep.txt'), 'x');
    const plan = `
steps:
  - { id: a, tool: shell.exec, input: { command: "echo sub" } }
  - { id: b, tool: shell.exec, dependsOn: [a], input: { command: "rm -rf build/\${steps.a.output.stdout}" } }
`;
    for (const done of [new Map([['a', {}]]), new Map([['a', { stdout: '[REDACTED github token]' }]])]) {
      const result = await run(plan, { approveUpTo: 'destructive', done });
      expect(result.steps.get('b')).toMatchObject({ status: 'failed', error: { code: 'UNKNOWN_OUTPUT', message: expect.stringMatching(/steps\.a\.output\.stdout is not known/) } });
    }
    expect(of('step.started', 'b')).toEqual([]);
    expect(existsSync(join(workspace, 'build', 'keep.txt'))).toBe(true);
  });

  it('runs the resolved step when the approval still covers it', async () => {
    const { workspace, run, of } = setup();
    const result = await run(
      `
steps:
  - { id: a, tool: shell.exec, input: { command: "echo made" } }
  - { id: b, tool: shell.exec, dependsOn: [a], input: { command: "touch \${steps.a.output.stdout}" } }
`,
      { approveUpTo: 'write' },
    );
    expect(result.status).toBe('succeeded');
    expect(existsSync(join(workspace, 'made'))).toBe(true);
    expect(of('step.needs-approval', 'b')).toEqual([]);
  });

  it('an approval of a step for one target does not run it on the target an output points to', async () => {
    const { run, of } = setup();
    const result = await run(namespaceFromOutput, {
      approveUpTo: 'read',
      decisions: new Map([['ship', { decision: 'approve', source: 'plan graph', targetId: 'kubernetes:kind/${steps.pick.output.stdout}', risk: 'write' }]]),
    });
    expect(result.steps.get('ship')).toMatchObject({ status: 'needs-approval', target: { id: 'kubernetes:kind/prod' } });
    expect(of('step.reclassified', 'ship')).toEqual([expect.objectContaining({ target: expect.objectContaining({ id: 'kubernetes:kind/prod' }) })]);
    expect(of('step.needs-approval', 'ship')[0]).toMatchObject({ why: expect.stringMatching(/approval given was for kubernetes:kind\/\$\{steps\.pick\.output\.stdout\}, not kubernetes:kind\/prod/) });
    expect(of('step.started', 'ship')).toEqual([]);
  });

  it('a production target reached through an output needs its typed confirmation, and a rule that denies it wins', async () => {
    const production = setup({ rules: [], production: ['kubernetes:*/prod'] });
    const unconfirmed = await production.run(namespaceFromOutput, { approveUpTo: 'write' });
    expect(unconfirmed.steps.get('ship')).toMatchObject({ status: 'needs-approval' });
    expect(production.of('step.needs-approval', 'ship')[0]).toMatchObject({ why: expect.stringMatching(/marked production: confirm it by typing its name \(--confirm kind\/prod\)/) });
    const confirmed = await production.run(namespaceFromOutput, { approveUpTo: 'write', confirmations: ['kind/prod'] });
    expect(confirmed.steps.get('ship')?.status).toBe('succeeded');

    const denied = setup({ rules: [{ tool: 'test.*', target: 'kubernetes:*/prod', decision: 'deny' }], production: [] });
    const refused = await denied.run(namespaceFromOutput, { approveUpTo: 'critical' });
    expect(refused.steps.get('ship')?.status).toBe('denied');
    expect(denied.of('step.denied', 'ship')).toHaveLength(1);
  });

  it('--allow-critical lifts only the default refusal of a critical step, never a rule that denies it', async () => {
    const plan = 'steps:\n  - { id: wipe, tool: shell.exec, input: { command: "rm -rf /" } }\n';
    const ruled = setup({ rules: [{ tool: 'shell.*', decision: 'deny' }], production: [] });
    const result = await ruled.run(plan, { approveUpTo: 'critical', allowCritical: ['wipe'] });
    expect(result.steps.get('wipe')?.status).toBe('denied');
    expect(ruled.of('step.denied', 'wipe')[0]).toMatchObject({ why: expect.stringMatching(/^rule deny shell\.\*/) });
  });

  it('an approval given for a write step does not cover the same step edited into a destructive one', async () => {
    const { workspace, run } = setup();
    mkdirSync(join(workspace, 'build'));
    const plan = 'steps:\n  - { id: clean, tool: shell.exec, input: { command: "touch build/x" } }\n';
    const target = `workspace:${workspace}`;
    const edited = await run(plan, { decisions: new Map([['clean', { decision: 'edit', source: 'plan graph', input: { command: 'rm -rf build' }, approved: { targetId: target, risk: 'write' } }]]) });
    expect(edited.steps.get('clean')).toMatchObject({ status: 'needs-approval', risk: 'destructive' });
    expect(existsSync(join(workspace, 'build'))).toBe(true);
    const approvedAsSeen = await run(plan, { decisions: new Map([['clean', { decision: 'edit', source: 'plan graph', input: { command: 'rm -rf build' }, approved: { targetId: target, risk: 'destructive' } }]]) });
    expect(approvedAsSeen.steps.get('clean')?.status).toBe('succeeded');
    expect(existsSync(join(workspace, 'build'))).toBe(false);
  });
});

describe('inspect: facts that take I/O to know a step\'s risk', () => {
  it('are gathered again before the step runs, so what an earlier step changed counts', async () => {
    const { workspace, run, of } = setup();
    const result = await run(
      `
steps:
  - { id: make, tool: files.write, input: { path: conf.txt, content: "old" } }
  - { id: swap, tool: test.replace, dependsOn: [make], input: { path: conf.txt } }
`,
      { approveUpTo: 'write' },
    );
    expect(of('step.classified', 'swap')[0]).toMatchObject({ risk: 'write' });
    expect(result.steps.get('swap')).toMatchObject({ status: 'needs-approval', risk: 'destructive' });
    expect(of('step.reclassified', 'swap')).toHaveLength(1);
    expect(existsSync(join(workspace, 'conf.txt'))).toBe(true);
  });

  it('an inspection that fails or outlives its time limit rates the step at least write, and says why', async () => {
    const { registry, engine, workspace } = setup();
    const ctx = { workspace, env: process.env, shell } as never;
    const failing = { ...replace, name: 'test.failing', inspect: async () => Promise.reject(new Error('API server unreachable')), risk: () => assess('read', 'looks') };
    const slow = { ...failing, name: 'test.slow', inspectTimeoutMs: 50, inspect: () => sleep(10_000).then(() => ({ exists: false })) };
    registry.register(failing, slow);
    expect(await classifyStep(failing, { path: 'x' }, ctx, engine)).toMatchObject({ risk: 'write', reasons: [expect.stringMatching(/could not inspect: API server unreachable, so it is rated at least write/)] });
    const started = Date.now();
    expect(await classifyStep(slow, { path: 'x' }, ctx, engine)).toMatchObject({ risk: 'write', reasons: [expect.stringMatching(/could not inspect within 50 ms/)] });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
