import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { requireInfrastructure } from './fixtures/infrastructure';
import { sampleSecrets } from './fixtures/sample-secrets';
import { builtAppProblem, isolatedEnv, repoRoot, runReign, jsonLines } from './fixtures/serve-process';

// The headless plan interface as a user runs it: the built `reign` in its own process, real files,
// real child processes, and a real crash (SIGKILL) in the middle of a run.

function workspaceWith(plan: string): { workspace: string; planFile: string } {
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-cli-ws-')));
  const planFile = join(mkdtempSync(join(tmpdir(), 'reign-plan-')), 'plan.yaml');
  writeFileSync(planFile, plan);
  return { workspace, planFile };
}


describe('reign plan (headless)', () => {
  it('validate lists every problem; run --json streams one event per line; exit 0 only if all succeeded', (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    const env = isolatedEnv();
    const bad = workspaceWith('steps:\n  - { id: a, tool: nope }\n  - { id: b, tool: files.read, dependsOn: [zz], input: {} }\n');
    const validation = runReign(['plan', 'validate', bad.planFile], env);
    expect(validation.status).toBe(1);
    expect(validation.stderr).toMatch(/3 problems/);
    expect(validation.stderr).toMatch(/a › tool: unknown tool "nope"/);
    const refusedRun = runReign(['plan', 'run', bad.planFile, '--approve', 'all'], env);
    expect(refusedRun).toMatchObject({ status: 1, stderr: expect.stringMatching(/The plan is not valid \(3 problems\)/) });

    const good = workspaceWith('steps:\n  - { id: w, tool: files.write, input: { path: out.txt, content: hi } }\n  - { id: c, tool: shell.exec, dependsOn: [w], input: { command: "cat out.txt" } }\n');
    const run = runReign(['plan', 'run', good.planFile, '--workspace', good.workspace, '--approve', 'write', '--json'], env);
    expect(run.status, run.stderr).toBe(0);
    const events = jsonLines(run.stdout);
    expect(events[0]).toMatchObject({ type: 'run.started', steps: 2 });
    expect(events.at(-1)).toMatchObject({ type: 'run.finished', status: 'succeeded' });
    expect(events).toContainEqual(expect.objectContaining({ type: 'step.output', step: 'c', text: 'hi' }));
    expect(readFileSync(join(good.workspace, 'out.txt'), 'utf8')).toBe('hi');

    const unapproved = runReign(['plan', 'run', good.planFile, '--workspace', good.workspace], env);
    expect(unapproved.status).toBe(3);
    expect(unapproved.stdout).toMatch(/! w needs approval: write step, above what was approved/);
  });

  it('never runs a step above its approval, whatever its input resolves to', (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    const env = isolatedEnv();
    const { planFile, workspace } = workspaceWith('steps:\n  - { id: a, tool: shell.exec, input: { command: "echo /etc/reign-never-there" } }\n  - { id: b, tool: shell.exec, dependsOn: [a], input: { command: "chmod 600 ${steps.a.output.stdout}" } }\n');
    const run = runReign(['plan', 'run', planFile, '--workspace', workspace, '--approve', 'write'], env);
    expect(run.status, run.stdout + run.stderr).toBe(3);
    expect(run.stdout).toMatch(/b classified again with its resolved input — destructive/);
    expect(run.stdout).toMatch(/! b needs approval: with earlier steps' outputs filled in, it is a destructive step/);
    const audit = jsonLines(runReign(['audit', 'export'], env).stdout);
    expect(audit).toContainEqual(expect.objectContaining({ kind: 'step.reclassified', payload: expect.objectContaining({ step: 'b', risk: 'destructive' }) }));
  });

  it('fills an earlier output into a command as data: `echo rm -rf keep` then that output as the command is one quoted word and deletes nothing', (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    const env = isolatedEnv();
    const { workspace, planFile } = workspaceWith('steps:\n  - { id: a, tool: shell.exec, input: { command: "echo rm -rf keep" } }\n  - { id: b, tool: shell.exec, dependsOn: [a], input: { command: "${steps.a.output.stdout}" } }\n');
    mkdirSync(join(workspace, 'keep'));
    const run = runReign(['plan', 'run', planFile, '--workspace', workspace, '--approve', 'write'], env);
    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(existsSync(join(workspace, 'keep'))).toBe(true);
    expect(run.stdout + run.stderr).toMatch(/rm -rf keep: command not found/);
  });

  it('undo takes a finished run back', (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    const env = isolatedEnv();
    const { workspace, planFile } = workspaceWith('steps:\n  - { id: w, tool: files.write, input: { path: a/b.txt, content: hi } }\n');
    writeFileSync(join(workspace, 'keep.txt'), 'keep');
    const run = jsonLines(runReign(['plan', 'run', planFile, '--workspace', workspace, '--approve', 'write', '--json'], env).stdout);
    const runId = run[0].runId as string;
    expect(existsSync(join(workspace, 'a/b.txt'))).toBe(true);
    const undo = runReign(['plan', 'undo', runId], env);
    expect(undo.status, undo.stderr).toBe(0);
    expect(undo.stdout).toMatch(/↺ w undone/);
    expect(existsSync(join(workspace, 'a'))).toBe(false);
    expect(readFileSync(join(workspace, 'keep.txt'), 'utf8')).toBe('keep');
    expect(runReign(['runs', 'show', runId], env).stdout).toMatch(/undone/);
  });

  it('after a crash (SIGKILL) the run is interrupted, nothing re-runs by itself, and resume never repeats a done step', async (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    const env = isolatedEnv();
    const { workspace, planFile } = workspaceWith(`
steps:
  - { id: first, tool: shell.exec, input: { command: "echo ran >> first.log" } }
  - { id: slow, tool: shell.exec, dependsOn: [first], input: { command: "echo started >> slow.log; sleep 30; echo done >> slow.log" } }
  - { id: last, tool: shell.exec, dependsOn: [slow], input: { command: "echo ran >> last.log" } }
`);
    const child = spawn(process.execPath, [join(repoRoot, 'main/cli/reign-bin.js'), 'plan', 'run', planFile, '--workspace', workspace, '--approve', 'write', '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    for (let i = 0; i < 200 && !existsSync(join(workspace, 'slow.log')); i++) await sleep(25);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const runId = jsonLines(output)[0].runId as string;

    // The next reign process finds the run in flight, marks it, and runs nothing.
    const shown = runReign(['runs', 'show', runId], env);
    expect(shown.stdout).toMatch(/interrupted/);
    expect(shown.stdout).toMatch(/slow\s+unknown\s+.*unknown: check before re-running/);
    expect(readFileSync(join(workspace, 'first.log'), 'utf8')).toBe('ran\n');
    expect(existsSync(join(workspace, 'last.log'))).toBe(false);

    const refused = runReign(['plan', 'resume', runId, '--approve', 'write'], env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/slow.*--assume-done STEP.*--rerun STEP/s);

    const resumed = runReign(['plan', 'resume', runId, '--approve', 'write', '--assume-done', 'slow'], env);
    expect(resumed.status, resumed.stdout + resumed.stderr).toBe(0);
    expect(readFileSync(join(workspace, 'first.log'), 'utf8')).toBe('ran\n'); // not repeated
    expect(readFileSync(join(workspace, 'last.log'), 'utf8')).toBe('ran\n');
    expect(runReign(['audit', 'verify'], env)).toMatchObject({ status: 0, stdout: expect.stringMatching(/intact/) });
  });

  it('no sample secret a step prints reaches the database, the audit log or what is printed', (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    const env = isolatedEnv();
    const { workspace, planFile } = workspaceWith('steps:\n  - { id: leak, tool: shell.exec, input: { command: "cat creds.txt; cat creds.txt >&2; exit 1" } }\n');
    writeFileSync(join(workspace, 'creds.txt'), sampleSecrets.map((secret) => `export SECRET=${secret}`).join('\n'));
    const human = runReign(['plan', 'run', planFile, '--workspace', workspace, '--approve', 'write'], env);
    const json = runReign(['plan', 'run', planFile, '--workspace', workspace, '--approve', 'write', '--json'], env);
    const exported = runReign(['audit', 'export'], env).stdout;
    const shown = runReign(['runs', 'show', jsonLines(json.stdout)[0].runId, '--json'], env).stdout;
    const stored = ['reign.db', 'reign.db-wal'].map((file) => (existsSync(join(env.REIGN_HOME!, file)) ? readFileSync(join(env.REIGN_HOME!, file)).toString('latin1') : '')).join('');
    expect(json.stdout).toMatch(/REDACTED/);
    for (const secret of sampleSecrets) {
      const needle = secret.split('\n')[1] ?? secret;
      for (const [where, text] of Object.entries({ human: human.stdout + human.stderr, json: json.stdout, exported, shown, stored })) expect(text.includes(needle), `${where} holds ${needle.slice(0, 12)}…`).toBe(false);
    }
  });

  it('audit verify names the first tampered row; export gives JSON lines for one run', (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    const env = isolatedEnv();
    const { workspace, planFile } = workspaceWith('steps:\n  - { id: t, tool: shell.exec, input: { command: "echo token=ghp_abcdefghijklmnopqrstuvwxyz0123456789" } }\n');
    const run = runReign(['plan', 'run', planFile, '--workspace', workspace, '--json'], env);
    expect(run.stdout).not.toContain('ghp_abcdefghijklmnopqrstuvwxyz0123456789');
    const runId = jsonLines(run.stdout)[0].runId as string;
    const exported = jsonLines(runReign(['audit', 'export', '--run', runId], env).stdout);
    expect(exported.map((entry) => entry.kind)).toEqual(expect.arrayContaining(['run.started', 'step.classified', 'step.output', 'run.finished']));
    expect(JSON.stringify(exported)).not.toContain('ghp_abcdefghijklmnopqrstuvwxyz0123456789');
    const db = join(env.REIGN_HOME!, 'reign.db');
    // Tamper with row 3 directly in SQLite, as someone with file access could.
    const tamper = runNode(`const D=require(${JSON.stringify(join(repoRoot, 'node_modules/better-sqlite3'))});const d=new D(${JSON.stringify(db)});d.prepare("UPDATE audit SET payload='{}' WHERE seq=3").run();`);
    expect(tamper).toBe(0);
    const verify = runReign(['audit', 'verify'], env);
    expect(verify.status).toBe(1);
    expect(verify.stderr).toMatch(/first bad row: 3/);
  });
});

function runNode(code: string): number | null {
  return spawnSync(process.execPath, ['-e', code]).status;
}
