import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { dockerTools } from '../main/core/families/docker/tools';
import { PlanRunner } from '../main/core/plan/plan-runner';
import type { Plan } from '../main/core/plan/plan-schema';
import type { RunEvent } from '../main/core/plan/run-events';
import { PolicyEngine } from '../main/core/policy/policy-engine';
import { createShellAnalyzer } from '../main/core/policy/shell/create-shell-analyzer';
import type { ShellAnalyzer } from '../main/core/policy/shell/shell-analyzer';
import { ToolRegistry } from '../main/core/tools/tool-registry';
import { ensureDockerTestImage, removeLabelled, TEST_IMAGE } from './fixtures/docker-engine';
import { builtinTools, familyVerbs } from './fixtures/family-tools';
import { requireInfrastructure } from './fixtures/infrastructure';

// A container configured with a password in its environment (planted outside Reign, as a person's
// own containers are): `docker.container.inspect` shows only the variable's name, and a command run
// inside it, or the container's own logs, must not hand the value out either.

const label = `reign.test=${randomUUID().slice(0, 8)}`;
const name = `reign-${label.split('=')[1]}-secret-env`;
const password = `Pw-${randomUUID().slice(0, 8)}-${randomUUID().slice(0, 8)}`;
const greeting = 'hello-from-the-container';
let problem: string | null = null;
let shell: ShellAnalyzer;
const registry = new ToolRegistry().register(...builtinTools, ...dockerTools);

beforeAll(async () => {
  problem = ensureDockerTestImage();
  shell = await createShellAnalyzer(familyVerbs);
  if (problem) return;
  // It greets with its whole configuration when it starts: a container that prints its environment.
  const started = spawnSync('docker', ['run', '-d', '--name', name, '--label', label, '-e', `DB_PASSWORD=${password}`, '-e', `GREETING=${greeting}`, TEST_IMAGE, 'sh', '-c', 'echo "starting: password $DB_PASSWORD, greeting $GREETING"; exec httpd -f -p 80 -h /www'], { encoding: 'utf8' });
  if (started.status !== 0) problem = `docker run failed: ${started.stderr}`;
}, 180_000);
afterAll(() => {
  if (!problem) removeLabelled(label);
});

function engine(context: TestContext): void {
  requireInfrastructure(context, problem, 'A Docker engine');
}

async function run(steps: Plan['steps']) {
  const events: RunEvent[] = [];
  const runner = new PlanRunner({ registry, policy: new PolicyEngine(), shell, emit: (event) => events.push(event) });
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-docker-ws-')));
  const result = await runner.run({ plan: { steps }, workspace, approveUpTo: 'write' });
  const streamed = (step: string) => events.flatMap((event) => (event.type === 'step.output' && event.step === step ? [event.text] : [])).join('');
  return { result, streamed, output: (id: string) => result.steps.get(id)?.output as { stdout: string; stderr: string }, error: (id: string) => result.steps.get(id)?.error };
}

describe('a container\'s secret environment values never leave through what it prints', () => {
  it('exec of `echo $DB_PASSWORD` streams and returns the value masked, while a harmless variable shows', async (context) => {
    engine(context);
    const { result, streamed, output } = await run([{ id: 'echo', tool: 'docker.container.exec', dependsOn: [], input: { id: name, command: ['sh', '-c', 'echo $DB_PASSWORD; echo $GREETING'] } }]);
    expect(result.status, JSON.stringify(result.steps.get('echo')?.error)).toBe('succeeded');
    expect(output('echo').stdout).toBe(`[REDACTED secret]\n${greeting}\n`);
    expect(streamed('echo')).toBe(`[REDACTED secret]\n${greeting}\n`);
  }, 60_000);

  it('masks a value printed in two pieces a second apart, to stderr, and in the error of a failing command', async (context) => {
    engine(context);
    // The halves arrive in separate chunks: each alone is no secret, together they are.
    const split = 'printf %s "${DB_PASSWORD%%-*}" >&2; sleep 1; printf -- "-%s\\n" "${DB_PASSWORD#*-}" >&2; exit 3';
    const { result, streamed, error } = await run([{ id: 'split', tool: 'docker.container.exec', dependsOn: [], input: { id: name, command: ['sh', '-c', split] } }]);
    expect(result.steps.get('split')?.status).toBe('failed');
    expect(streamed('split')).toBe('[REDACTED secret]\n');
    expect(error('split')?.message).toMatch(/exited with code 3: \[REDACTED secret\]/);
    expect(JSON.stringify(error('split'))).not.toContain(password);
  }, 60_000);

  it('masks the value in the container\'s logs, read at once and followed', async (context) => {
    engine(context);
    const { result, streamed, output } = await run([
      { id: 'tail', tool: 'docker.container.logs', dependsOn: [], input: { id: name } },
      { id: 'follow', tool: 'docker.container.logs', dependsOn: [], input: { id: name, followMs: 500 } },
    ]);
    expect(result.status).toBe('succeeded');
    const line = `starting: password [REDACTED secret], greeting ${greeting}\n`;
    for (const step of ['tail', 'follow']) {
      expect(output(step).stdout).toBe(line);
      expect(streamed(step)).toBe(line);
    }
  }, 60_000);
});
