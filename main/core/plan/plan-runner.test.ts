import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { processAlive as alive } from '../../../e2e/fixtures/processes';
import { z } from 'zod';
import { PolicyEngine } from '../policy/policy-engine';
import { assess } from '../policy/risk';
import { createShellAnalyzer } from '../policy/shell/create-shell-analyzer';
import type { ShellAnalyzer } from '../policy/shell/shell-analyzer';
import { openDatabase } from '../storage/database';
import { builtinTools, familyVerbs } from '../../../e2e/fixtures/family-tools';
import { defineTool, toolFailure } from '../tools/tool-definition';
import { ToolRegistry } from '../tools/tool-registry';
import { parsePlanText } from './plan-loader';
import { PlanRunner, type RunRequest } from './plan-runner';
import type { RunEvent } from './run-events';
import { RunRepository } from './run-repository';

let shell: ShellAnalyzer;
beforeAll(async () => {
  shell = await createShellAnalyzer(familyVerbs);
});

/** A tool for scheduling tests: sleeps, records how many ran at once, and fails its first `failTimes` attempts. */
function probeTool(name: string, idempotent: boolean) {
  const state = { running: 0, peak: 0, attempts: new Map<string, number>() };
  const tool = defineTool({
    name,
    description: 'test probe',
    input: z.object({ id: z.string(), ms: z.number().default(0), failTimes: z.number().default(0), refused: z.boolean().default(false) }),
    output: z.object({ id: z.string() }),
    risk: () => assess('read', 'test probe'),
    target: () => ({ kind: 'network', id: 'network:test', label: 'test' }),
    preview: async () => ({ kind: 'text', text: 'probe' }),
    run: async ({ input }) => {
      const attempt = (state.attempts.get(input.id) ?? 0) + 1;
      state.attempts.set(input.id, attempt);
      state.running += 1;
      state.peak = Math.max(state.peak, state.running);
      await sleep(input.ms);
      state.running -= 1;
      if (attempt <= input.failTimes) return input.refused ? { ok: false, error: { code: 'INVALID', message: 'the server refused it', permanent: true } } : toolFailure('FLAKY', `attempt ${attempt} failed`);
      return { ok: true, output: { id: input.id } };
    },
    idempotent,
    describeChange: () => 'nothing',
  });
  return { tool, state };
}

function setup(options: { policy?: PolicyEngine } = {}) {
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-ws-')));
  const idempotentProbe = probeTool('test.probe', true);
  const onceProbe = probeTool('test.once', false);
  const registry = new ToolRegistry().register(...builtinTools, idempotentProbe.tool, onceProbe.tool);
  const events: RunEvent[] = [];
  const repository = new RunRepository(openDatabase({ file: ':memory:' }));
  const runner = new PlanRunner({ registry, policy: options.policy ?? new PolicyEngine(), shell, repository, emit: (event) => events.push(event) });
  const run = (yaml: string, request: Partial<RunRequest> = {}) => {
    const loaded = parsePlanText(yaml);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    return runner.run({ plan: loaded.plan, workspace, approveUpTo: 'destructive', concurrency: 4, ...request });
  };
  return { workspace, run, events, repository, probes: { idempotent: idempotentProbe.state, once: onceProbe.state } };
}

/** Every file and folder under `dir` with its bytes and mode, to compare a workspace before and after. */
function tree(dir: string, prefix = ''): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const path = join(prefix, entry.name);
    const mode = (statSync(join(dir, path)).mode & 0o7777).toString(8);
    if (entry.isDirectory()) Object.assign(result, { [`${path}/`]: mode }, tree(dir, path));
    else result[path] = `${mode}:${readFileSync(join(dir, path)).toString('base64')}`;
  }
  return result;
}


describe('PlanRunner', () => {
  it('leaves the workspace byte-for-byte as it was when a step fails mid-plan', async () => {
    const { workspace, run, events } = setup();
    mkdirSync(join(workspace, 'conf'));
    writeFileSync(join(workspace, 'conf', 'app.env'), 'PORT=80\n');
    writeFileSync(join(workspace, 'secret.key'), 'keep me', { mode: 0o600 });
    chmodSync(join(workspace, 'secret.key'), 0o600);
    const before = tree(workspace);
    const result = await run(`
steps:
  - { id: new-file, tool: files.write, input: { path: deep/new/dir/file.txt, content: "new" } }
  - { id: change, tool: files.write, input: { path: conf/app.env, content: "PORT=8080\\n" } }
  - { id: remove, tool: files.delete, input: { path: secret.key } }
  - { id: boom, tool: shell.exec, dependsOn: [new-file, change, remove], input: { command: "exit 7" } }
  - { id: after, tool: files.write, dependsOn: [boom], input: { path: never.txt, content: "x" } }
`);
    expect(result.status).toBe('rolled-back');
    expect(tree(workspace)).toEqual(before);
    expect(result.steps.get('boom')).toMatchObject({ status: 'failed', error: { code: 'EXIT_CODE' } });
    expect(result.steps.get('after')?.status).toBe('skipped');
    expect(['new-file', 'change', 'remove'].map((id) => result.steps.get(id)?.status)).toEqual(['undone', 'undone', 'undone']);
    const rollback = events.find((event) => event.type === 'rollback.started');
    expect(rollback).toBeDefined();
  });

  it('keeps completed steps with rollback off, and reports shell steps as left in place otherwise', async () => {
    const kept = setup();
    const plan = `
steps:
  - { id: touch, tool: shell.exec, input: { command: "touch made-by-shell" } }
  - { id: write, tool: files.write, input: { path: a.txt, content: "a" } }
  - { id: boom, tool: shell.exec, dependsOn: [touch, write], input: { command: "false" } }
`;
    expect((await kept.run(plan, { rollback: false })).status).toBe('failed');
    expect(readdirSync(kept.workspace).sort()).toEqual(['a.txt', 'made-by-shell']);
    const rolled = setup();
    const result = await rolled.run(plan);
    expect(readdirSync(rolled.workspace)).toEqual(['made-by-shell']);
    expect(result.steps.get('touch')?.status).toBe('left-in-place');
    expect(rolled.events).toContainEqual(expect.objectContaining({ type: 'step.left-in-place', step: 'touch', change: 'ran `touch made-by-shell`' }));
  });

  it('runs independent steps in parallel up to the concurrency limit, and in order of dependencies', async () => {
    const { run, probes } = setup();
    const plan = `steps:\n${Array.from({ length: 6 }, (_, i) => `  - { id: p${i}, tool: test.probe, input: { id: p${i}, ms: 60 } }`).join('\n')}\n  - { id: last, tool: test.probe, dependsOn: [p0, p1, p2, p3, p4, p5], input: { id: last } }\n`;
    expect((await run(plan, { concurrency: 3 })).status).toBe('succeeded');
    expect(probes.idempotent.peak).toBe(3);
    probes.idempotent.peak = 0;
    await run(plan, { concurrency: 1 });
    expect(probes.idempotent.peak).toBe(1);
  });

  it('passes outputs of earlier steps into later inputs', async () => {
    const { run } = setup();
    const result = await run(`
steps:
  - { id: write, tool: files.write, input: { path: out/report.txt, content: "42" } }
  - { id: read, tool: shell.exec, dependsOn: [write], input: { command: "cat \${steps.write.output.path}" } }
`);
    expect(result.steps.get('read')?.output).toMatchObject({ stdout: '42' });
  });

  it('retries only idempotent steps, with backoff', async () => {
    const { run, probes } = setup();
    const ok = await run('steps:\n  - { id: flaky, tool: test.probe, input: { id: flaky, failTimes: 2 } }\n');
    expect(ok.status).toBe('succeeded');
    expect(probes.idempotent.attempts.get('flaky')).toBe(3);
    const once = await run('steps:\n  - { id: flaky, tool: test.once, input: { id: flaky, failTimes: 1 } }\n');
    expect(once.status).toBe('rolled-back');
    expect(probes.once.attempts.get('flaky')).toBe(1);
  });

  it('does not retry a refusal that would be the same answer again (invalid, forbidden, a conflict)', async () => {
    const { run, probes } = setup();
    const refused = await run('steps:\n  - { id: refused, tool: test.probe, input: { id: refused, failTimes: 1, refused: true } }\n');
    expect(refused.steps.get('refused')).toMatchObject({ status: 'failed', error: { code: 'INVALID' } });
    expect(probes.idempotent.attempts.get('refused')).toBe(1);
  });

  it('stops a step at its timeout, killing its processes', async () => {
    const { run, workspace } = setup();
    const result = await run('steps:\n  - { id: slow, tool: shell.exec, input: { command: "sleep 30 & echo $! > pid; wait" } }\n', { stepTimeoutMs: 500 });
    expect(result.steps.get('slow')).toMatchObject({ status: 'failed', error: { code: 'STEP_TIMEOUT' } });
    await sleep(100);
    expect(alive(Number(readFileSync(join(workspace, 'pid'), 'utf8')))).toBe(false);
  });

  it('on cancel, aborts running steps (no child survives), starts none, and rolls back', async () => {
    const { run, workspace } = setup();
    const controller = new AbortController();
    const running = run(
      `
steps:
  - { id: write, tool: files.write, input: { path: a.txt, content: "a" } }
  - { id: slow, tool: shell.exec, dependsOn: [write], input: { command: "sleep 30 & echo $! > pid; wait" } }
  - { id: next, tool: files.write, dependsOn: [slow], input: { path: b.txt, content: "b" } }
`,
      { signal: controller.signal },
    );
    for (let i = 0; i < 100 && !readdirSync(workspace).includes('pid'); i++) await sleep(20);
    const pid = Number(readFileSync(join(workspace, 'pid'), 'utf8'));
    controller.abort();
    const result = await running;
    expect(result.status).toBe('cancelled');
    expect(result.steps.get('next')?.status).toBe('skipped');
    expect(result.steps.get('write')?.status).toBe('undone');
    await sleep(100);
    expect(alive(pid)).toBe(false);
    expect(readdirSync(workspace)).toEqual(['pid']);
  });

  it('runs only what is approved: higher-risk steps wait for approval and their dependents are skipped', async () => {
    const { run, workspace, events } = setup();
    const result = await run(
      `
steps:
  - { id: look, tool: shell.exec, input: { command: "ls" } }
  - { id: write, tool: files.write, input: { path: a.txt, content: "a" } }
  - { id: after, tool: shell.exec, dependsOn: [write], input: { command: "cat a.txt" } }
`,
      { approveUpTo: 'read' },
    );
    expect(result.status).toBe('incomplete');
    expect(['look', 'write', 'after'].map((id) => result.steps.get(id)?.status)).toEqual(['succeeded', 'needs-approval', 'skipped']);
    expect(readdirSync(workspace)).toEqual([]);
    expect(events).toContainEqual(expect.objectContaining({ type: 'step.approval', step: 'look', source: expect.stringMatching(/^policy/) }));
  });

  it('refuses a critical step unless this run allows that step', async () => {
    const plan = 'steps:\n  - { id: wipe, tool: shell.exec, input: { command: "rm -rf ~/reign-test-does-not-exist" } }\n';
    const denied = setup();
    const result = await denied.run(plan, { approveUpTo: 'critical' });
    expect(result.steps.get('wipe')?.status).toBe('denied');
    expect(denied.events).toContainEqual(expect.objectContaining({ type: 'step.denied', why: expect.stringMatching(/--allow-critical wipe/) }));
    const allowed = setup();
    expect((await allowed.run(plan, { approveUpTo: 'critical', allowCritical: ['wipe'], env: { ...process.env, HOME: allowed.workspace } })).status).toBe('succeeded');
  });

  it('asks for the typed name of a production target, bound to that target', async () => {
    const { run, workspace } = setup({ policy: new PolicyEngine({ rules: [], production: ['workspace:*'] }) });
    const plan = 'steps:\n  - { id: write, tool: files.write, input: { path: a.txt, content: "a" } }\n';
    expect((await run(plan, { approveUpTo: 'critical' })).steps.get('write')?.status).toBe('needs-approval');
    expect((await run(plan, { approveUpTo: 'critical', confirmations: ['/some/other/workspace'] })).steps.get('write')?.status).toBe('needs-approval');
    expect((await run(plan, { approveUpTo: 'critical', confirmations: [workspace] })).status).toBe('succeeded');
  });

  it('refuses paths outside the workspace, through ../ or a symlink', async () => {
    const { run, workspace } = setup();
    const outside = mkdtempSync(join(tmpdir(), 'reign-outside-'));
    symlinkSync(outside, join(workspace, 'link'));
    for (const path of ['../escape.txt', 'link/escape.txt', '/etc/passwd']) {
      const result = await run(`steps:\n  - { id: w, tool: files.write, input: { path: "${path}", content: "x" } }\n`);
      expect(result.steps.get('w')?.error?.message, path).toMatch(/outside the workspace/);
    }
    expect(readdirSync(outside)).toEqual([]);
  });

  it('records plans, runs and step states in SQLite', async () => {
    const { run, repository } = setup();
    const result = await run('steps:\n  - { id: write, tool: files.write, input: { path: a.txt, content: "a" } }\n');
    expect(repository.run(result.runId)).toMatchObject({ status: 'succeeded' });
    expect(repository.steps(result.runId)).toEqual([expect.objectContaining({ stepId: 'write', status: 'succeeded', output: { path: 'a.txt', bytes: 1, created: true } })]);
  });
});

describe('PlanRunner decisions on single steps', () => {
  const plan = `
steps:
  - { id: look, tool: shell.exec, input: { command: "ls" } }
  - { id: write, tool: files.write, input: { path: a.txt, content: "a" } }
  - { id: after, tool: shell.exec, dependsOn: [write], input: { command: "cat a.txt" } }
`;

  it('a rejected step does not run and its dependents are skipped; the decision is journaled with time and source', async () => {
    const { run, workspace, events } = setup();
    const result = await run(plan, { approveUpTo: 'critical', decisions: new Map([['write', { decision: 'reject', source: 'test-user' }]]) });
    expect(['look', 'write', 'after'].map((id) => result.steps.get(id)?.status)).toEqual(['succeeded', 'rejected', 'skipped']);
    expect(readdirSync(workspace)).toEqual([]);
    expect(events).toContainEqual(expect.objectContaining({ type: 'step.approval', step: 'write', decision: 'reject', source: 'test-user', at: expect.any(String) }));
  });

  it('an approval counts only for the target it was given for', async () => {
    const { run, workspace } = setup();
    const wrong = await run(plan, { approveUpTo: 'read', decisions: new Map([['write', { decision: 'approve', source: 'ui', targetId: 'workspace:/somewhere/else', risk: 'write' }]]) });
    expect(wrong.steps.get('write')?.status).toBe('needs-approval');
    const right = await run(plan, { approveUpTo: 'read', decisions: new Map([['write', { decision: 'approve', source: 'ui', targetId: `workspace:${workspace}`, risk: 'write' }]]) });
    expect(right.steps.get('write')?.status).toBe('succeeded');
  });

  it('an edited input is validated and classified again: an edit that raises the risk needs a new approval', async () => {
    const { run } = setup();
    const raised = await run(plan, { approveUpTo: 'read', decisions: new Map([['look', { decision: 'edit', source: 'ui', input: { command: 'rm -rf build' } }]]) });
    expect(raised.steps.get('look')).toMatchObject({ status: 'needs-approval', risk: 'destructive' });
    await expect(run(plan, { decisions: new Map([['look', { decision: 'edit', source: 'ui', input: { command: 42 } }]]) })).rejects.toThrow(/look input\.command/);
  });

  it('an edit approved in the plan graph runs only when the approval names the target the edited step has', async () => {
    const { run, workspace } = setup();
    const edit = (targetId: string) => new Map([['write', { decision: 'edit' as const, source: 'ui', input: { path: 'a.txt', content: 'edited' }, approved: { targetId, risk: 'write' as const } }]]);
    const stale = await run(plan, { approveUpTo: 'read', decisions: edit('workspace:/somewhere/else') });
    expect(stale.steps.get('write')?.status).toBe('needs-approval');
    const approved = await run(plan, { approveUpTo: 'read', decisions: edit(`workspace:${workspace}`) });
    expect(approved.steps.get('write')?.status).toBe('succeeded');
    expect(readFileSync(join(workspace, 'a.txt'), 'utf8')).toBe('edited');
  });
});
