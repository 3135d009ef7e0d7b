import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestCore } from '../../../e2e/fixtures/test-core';
import { PlanRunner } from './plan-runner';
import { stepTimings } from './run-timeline';

const entry = (at: string, kind: string, payload: Record<string, unknown>) => ({ at: `2026-01-01T00:00:${at}Z`, kind, payload });

describe('stepTimings', () => {
  it('spans a retried step from its first start to its last finish, and keeps its waits for a person', () => {
    const timings = stepTimings([
      entry('00.000', 'step.started', { step: 'a', attempt: 1 }),
      entry('01.000', 'step.finished', { step: 'a', status: 'failed' }),
      entry('02.000', 'step.started', { step: 'a', attempt: 2 }),
      entry('03.000', 'step.finished', { step: 'a', status: 'succeeded' }),
      entry('01.000', 'step.needs-approval', { step: 'b', waiting: {} }),
      entry('04.000', 'step.approval', { step: 'b', decision: 'approve', at: '2026-01-01T00:00:04.000Z' }),
      entry('04.500', 'step.started', { step: 'b', attempt: 1 }),
      entry('05.000', 'step.started', { step: 'c', attempt: 1 }),
    ]);
    expect(timings.get('a')).toEqual({ startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:03.000Z', attempts: 2, waits: [] });
    expect(timings.get('b')).toMatchObject({ startedAt: '2026-01-01T00:00:04.500Z', endedAt: null, waits: [{ from: '2026-01-01T00:00:01.000Z', to: '2026-01-01T00:00:04.000Z' }] });
    expect(timings.get('c')).toMatchObject({ endedAt: null, attempts: 1 }); // still running
  });

  it('leaves a wait open while nobody has answered', () => {
    expect(stepTimings([entry('01.000', 'step.needs-approval', { step: 'x' })]).get('x')?.waits).toEqual([{ from: '2026-01-01T00:00:01.000Z', to: null }]);
  });
});

describe('runs.show timings', () => {
  it('sends when each step started and finished: two parallel steps overlap, the one after them starts when both ended', async () => {
    const core = createTestCore();
    const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-timeline-')));
    const runner = new PlanRunner({ registry: core.tools, policy: core.policy, shell: await core.shell(), repository: core.runs, emit: (event) => core.audit.append(event.type, event, event.runId) });
    const plan = {
      name: 'parallel',
      steps: [
        { id: 'left', tool: 'shell.exec', input: { command: 'sleep 0.4' }, dependsOn: [] },
        { id: 'right', tool: 'shell.exec', input: { command: 'sleep 0.4' }, dependsOn: [] },
        { id: 'after', tool: 'shell.exec', input: { command: 'true' }, dependsOn: ['left', 'right'] },
      ],
    };
    const run = await runner.run({ plan, workspace, approveUpTo: 'write', approvalSource: 'test' });
    expect(run.status).toBe('succeeded');
    const shown = await core.dispatcher.dispatch('runs.show', { id: run.runId }, { host: 'serve', signal: new AbortController().signal });
    if (!shown.ok) throw new Error(JSON.stringify(shown.error));
    const steps = Object.fromEntries((shown.result as { steps: { id: string; startedAt: string; endedAt: string; attempts: number }[] }).steps.map((step) => [step.id, step]));
    const [left, right, after] = [steps.left!, steps.right!, steps.after!];
    for (const step of [left, right, after]) {
      expect(step.attempts).toBe(1);
      expect(Date.parse(step.endedAt)).toBeGreaterThanOrEqual(Date.parse(step.startedAt));
    }
    expect(left.startedAt < right.endedAt && right.startedAt < left.endedAt).toBe(true);
    expect(after.startedAt >= left.endedAt && after.startedAt >= right.endedAt).toBe(true);
  });
});
