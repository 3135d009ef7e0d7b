import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestCore } from '../../../e2e/fixtures/test-core';
import { PlanRunner } from './plan-runner';

describe('run history through the contract', () => {
  it('lists runs with their targets and statuses, filters them, and shows one with its approvals', async () => {
    const core = createTestCore();
    const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-hist-')));
    const runner = new PlanRunner({ registry: core.tools, policy: core.policy, shell: await core.shell(), repository: core.runs, emit: (event) => core.audit.append(event.type, event, event.runId) });
    const ok = await runner.run({ plan: { name: 'write', steps: [{ id: 'w', tool: 'files.write', input: { path: 'a.txt', content: 'a' }, dependsOn: [] }] }, workspace, approveUpTo: 'write', approvalSource: 'test' });
    await runner.run({ plan: { steps: [{ id: 'x', tool: 'shell.exec', input: { command: 'exit 1' }, dependsOn: [] }] }, workspace, approveUpTo: 'write' });
    const context = { host: 'serve' as const, signal: new AbortController().signal };
    const all = await core.dispatcher.dispatch('runs.list', {}, context);
    expect(all).toMatchObject({ ok: true, result: { statuses: ['rolled-back', 'succeeded'], targets: [`workspace:${workspace}`] } });
    const filtered = await core.dispatcher.dispatch('runs.list', { status: 'succeeded' }, context);
    expect(filtered).toMatchObject({ ok: true, result: { runs: [{ id: ok.runId, planName: 'write', steps: 1 }] } });
    const byTarget = await core.dispatcher.dispatch('runs.list', { target: `workspace:${workspace}` }, context);
    expect(byTarget).toMatchObject({ ok: true, result: { runs: [{}, {}] } });
    expect(await core.dispatcher.dispatch('runs.list', { target: 'docker:elsewhere' }, context)).toMatchObject({ ok: true, result: { runs: [], targets: [`workspace:${workspace}`] } });
    const shown = await core.dispatcher.dispatch('runs.show', { id: ok.runId }, context);
    expect(shown).toMatchObject({ ok: true, result: { steps: [{ id: 'w', status: 'succeeded', risk: 'write' }], approvals: [{ step: 'w', decision: 'approve', source: 'test' }] } });
    expect(await core.dispatcher.dispatch('runs.show', { id: 'nope' }, context)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
