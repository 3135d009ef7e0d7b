import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../bootstrap';
import { searchTools } from '../agent/tool-sets';
import { PlanRunner } from '../plan/plan-runner';
import { InMemorySecretStore } from '../../../e2e/fixtures/test-core';
import { toyEngine, toyFamily, toyOpened } from '../../../e2e/fixtures/toy-family';
import { families } from '.';

// Adding a family is its folder plus one line of the family list: here the list is given to the
// composition root, and everything else (registry, doctor, tool sets, plans, policy, audit, the
// CLI's tool list) picks it up.

let core: Core | null = null;
afterEach(() => core?.dispose());

function coreWithToy(): Core {
  const home = mkdtempSync(join(tmpdir(), 'reign-toy-'));
  core = createCore({ env: { PATH: process.env.PATH, HOME: home, DOCKER_HOST: 'unix:///nonexistent/toy.sock' }, dataDir: join(home, 'data'), secrets: new InMemorySecretStore(), families: [...families, toyFamily] });
  return core;
}

describe('a family added in one folder and one line', () => {
  it('is registered, checked by the doctor, offered to the agent and found by find_tools', async () => {
    const core = coreWithToy();
    expect(core.tools.get('toy.counter.add')).toBeDefined();
    const report = await core.doctor.run();
    expect(report.checks.toy).toMatchObject({ status: 'ok', summary: 'toy engine ready', statusBar: { id: 'toy', label: 'Toy ok' } });
    const sets = await core.agentToolSets();
    expect(sets.initial).toContain('toy');
    expect(searchTools(sets.sets, 'add counter').map((tool) => tool.name)[0]).toBe('toy.counter.add');
    const listed = await core.dispatcher.dispatch('tools.list', {}, { host: 'serve', signal: new AbortController().signal });
    expect(JSON.stringify(listed)).toContain('toy.counter.add');
    // Its shell verbs: a command line running its CLI is classified by its table.
    const shell = await core.shell();
    expect(shell.analyze('toyctl wipe')).toMatchObject({ risk: 'destructive', reasons: ['toyctl wipe resets the counter'] });
    expect(shell.analyze('toyctl show && docker rm -f web')).toMatchObject({ risk: 'destructive' });
    expect(shell.analyze('toyctl show').risk).toBe('read');
  });

  it('masks a declared credential given in the environment (GITHUB_TOKEN for headless use) by value from the start', () => {
    const home = mkdtempSync(join(tmpdir(), 'reign-env-secret-'));
    const oldStyle = '0123456789abcdef0123456789abcdef01234567'; // a pre-2021 token: no pattern knows its shape
    core = createCore({ env: { PATH: process.env.PATH, HOME: home, GITHUB_TOKEN: oldStyle }, dataDir: join(home, 'data'), secrets: new InMemorySecretStore(), families });
    expect(core.redactor.redact(`git push https://x:${oldStyle}@example`)).not.toContain(oldStyle);
  });

  it('declares a secret: stored in the keychain only through its declared name, checked, tested, masked by value from the start', async () => {
    const store = new InMemorySecretStore();
    await store.set('toy-token', 'toy_from_before_good');
    const home = mkdtempSync(join(tmpdir(), 'reign-toy-secret-'));
    core = createCore({ env: { PATH: process.env.PATH, HOME: home }, dataDir: join(home, 'data'), secrets: store, families: [...families, toyFamily] });
    await core.loadSecretsIntoRedactor();
    expect(core.redactor.redact('token toy_from_before_good')).not.toContain('toy_from_before_good');
    const call = (command: string, payload: unknown) => core!.dispatcher.dispatch(command, payload, { host: 'serve', signal: new AbortController().signal });
    expect(await call('secrets.status', {})).toMatchObject({ ok: true, result: { secrets: expect.arrayContaining([{ name: 'toy-token', label: 'Toy token', stored: true, testable: true, importFrom: null }]) } });
    expect(await call('secrets.set', { name: 'toy-token', value: 'nope' })).toMatchObject({ ok: false, error: { message: 'A toy token starts with toy_' } });
    expect(await call('secrets.set', { name: 'other', value: 'toy_x' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/no credential named "other". Known: anthropic-api-key, github-token, toy-token/) } });
    expect(await call('secrets.set', { name: 'toy-token', value: 'toy_new_bad' })).toMatchObject({ ok: true });
    expect(core.redactor.redact('toy_new_bad')).not.toContain('toy_new_bad');
    expect(await call('secrets.test', { name: 'toy-token' })).toMatchObject({ ok: true, result: { ok: false, message: 'The toy engine refuses it.' } });
    expect(await call('secrets.delete', { name: 'toy-token' })).toMatchObject({ ok: true, result: { deleted: true } });
    expect(await call('secrets.test', { name: 'toy-token' })).toMatchObject({ ok: true, result: { ok: false, message: 'No Toy token is stored. Store one first.' } });
  });

  it('contributes its settings: defaults, validated writes that name the bad field, unknown families refused', async () => {
    const core = coreWithToy();
    expect(core.settings.family('toy')).toEqual({ greeting: 'hello', limit: 10 });
    expect(core.settings.update({ families: { toy: { limit: 3 } } }).families.toy).toEqual({ greeting: 'hello', limit: 3 });
    expect(() => core.settings.update({ families: { toy: { limit: 1000 } } })).toThrow(/families\.toy\.limit|too big|<=100/i);
    expect(() => core.settings.update({ families: { toy: { colour: 'red' } } })).toThrow(/colour/);
    expect(() => core.settings.update({ families: { nope: { a: 1 } } })).toThrow(/No family \\?"nope\\?" has settings; those that do: toy/);
    expect(core.settings.family('toy')).toEqual({ greeting: 'hello', limit: 3 });
  });

  it('shows its view in Resources, and a row action approved for one target does not run on another', async () => {
    const core = coreWithToy();
    const call = (command: string, payload: unknown) => core.dispatcher.dispatch(command, payload, { host: 'serve', signal: new AbortController().signal }) as Promise<{ ok: boolean; result: any }>;
    expect((await call('resources.views', {})).result.views.map((view: { id: string }) => view.id)).toContain('toy.counters');
    const before = (await call('resources.rows', { view: 'toy.counters' })).result.rows[0].cells.value as number;
    toyEngine.name = 'a';
    const asked = (await call('resources.act', { view: 'toy.counters', action: 'add', rows: ['counter'], approve: null })).result;
    expect(asked).toMatchObject({ outcome: 'needs-approval', risk: 'write', targetIds: ['network:toy-a'] });
    toyEngine.name = 'b';
    const moved = (await call('resources.act', { view: 'toy.counters', action: 'add', rows: ['counter'], approve: { risk: asked.risk, targets: asked.targetIds } })).result;
    expect(moved).toMatchObject({ outcome: 'needs-approval', message: expect.stringMatching(/changed since it was shown/) });
    expect((await call('resources.rows', { view: 'toy.counters' })).result.rows[0].cells.value).toBe(before);
    const again = (await call('resources.act', { view: 'toy.counters', action: 'add', rows: ['counter'], approve: null })).result;
    expect((await call('resources.act', { view: 'toy.counters', action: 'add', rows: ['counter'], approve: { risk: again.risk, targets: again.targetIds } })).result).toMatchObject({ outcome: 'done' });
    expect((await call('resources.rows', { view: 'toy.counters' })).result.rows[0].cells.value).toBe(before + 1);
    toyEngine.name = 'a';
  });

  it('runs in plans through the policy and the audit log, its connection opened once per run, and undoes', async () => {
    const core = coreWithToy();
    const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-toy-ws-')));
    const runner = new PlanRunner({ registry: core.tools, policy: core.policy, shell: await core.shell(), repository: core.runs, emit: (event) => core.audit.append(event.type, event, event.runId) });
    const opened = toyOpened.length;
    const plan = { steps: [{ id: 'a', tool: 'toy.counter.add', input: { by: 2 }, dependsOn: [] }, { id: 'b', tool: 'toy.counter.add', input: { by: 3 }, dependsOn: ['a'] }, { id: 'big', tool: 'toy.counter.add', input: { by: 50 }, dependsOn: [] }] };
    const result = await runner.run({ plan, workspace, approveUpTo: 'write' });
    expect([...result.steps.values()].map((step) => [step.step.id, step.status])).toEqual([['a', 'succeeded'], ['b', 'succeeded'], ['big', 'needs-approval']]);
    expect(result.steps.get('b')?.output).toEqual({ value: 5 });
    expect(toyOpened.length - opened).toBe(1);
    expect([...core.audit.entries(result.runId)].filter((entry) => entry.kind === 'step.classified')).toHaveLength(3);
    const failing = await runner.run({ plan: { steps: [...plan.steps.slice(0, 1), { id: 'boom', tool: 'shell.exec', input: { command: 'exit 3' }, dependsOn: ['a'] }] }, workspace, approveUpTo: 'write' });
    expect(failing.status).toBe('rolled-back');
    expect(failing.steps.get('a')?.status).toBe('undone');
  });
});
