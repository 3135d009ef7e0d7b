import { existsSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtinTools, familyVerbs } from '../../../e2e/fixtures/family-tools';
import { PolicyEngine } from '../policy/policy-engine';
import { assess } from '../policy/risk';
import { createShellAnalyzer } from '../policy/shell/create-shell-analyzer';
import type { ShellAnalyzer } from '../policy/shell/shell-analyzer';
import { openDatabase } from '../storage/database';
import { defineTool, type Target } from '../tools/tool-definition';
import { ToolRegistry } from '../tools/tool-registry';
import { type GraphNode, runGraph } from './graph-scheduler';
import { parsePlanText } from './plan-loader';
import { PlanRunner } from './plan-runner';
import { RunRepository } from './run-repository';
import { chooseConcurrency, graphWidth, MAX_CHOSEN_CONCURRENCY } from './step-concurrency';

let shell: ShellAnalyzer;
beforeAll(async () => {
  shell = await createShellAnalyzer(familyVerbs);
});

/** A step on a target of the kind its input names; records how many ran at once on each target, and the order they finished in. */
function laneProbe() {
  const running = new Map<string, number>();
  const peak = new Map<string, number>();
  const finished: string[] = [];
  let overall = 0;
  let overallPeak = 0;
  const tool = defineTool({
    name: 'test.lane',
    description: 'test probe on a target',
    input: z.object({ id: z.string(), kind: z.enum(['terraform', 'network', 'docker']), on: z.string(), ms: z.number().default(20) }),
    output: z.object({ id: z.string() }),
    risk: () => assess('read', 'test probe'),
    target: ({ input }) => ({ kind: input.kind, id: `${input.kind}:${input.on}`, label: input.on }),
    preview: async () => ({ kind: 'text', text: 'probe' }),
    run: async ({ input }) => {
      const key = `${input.kind}:${input.on}`;
      running.set(key, (running.get(key) ?? 0) + 1);
      peak.set(key, Math.max(peak.get(key) ?? 0, running.get(key)!));
      overallPeak = Math.max(overallPeak, ++overall);
      await sleep(input.ms);
      running.set(key, running.get(key)! - 1);
      overall -= 1;
      finished.push(input.id);
      return { ok: true, output: { id: input.id } };
    },
    idempotent: true,
    describeChange: () => 'nothing',
  });
  const runner = new PlanRunner({ registry: new ToolRegistry().register(...builtinTools, tool), policy: new PolicyEngine(), shell, repository: new RunRepository(openDatabase({ file: ':memory:' })), emit: () => undefined });
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-ws-')));
  const run = (steps: string[], concurrency?: number) => {
    const loaded = parsePlanText(`steps:\n${steps.map((step) => `  - ${step}`).join('\n')}\n`);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    return runner.run({ plan: loaded.plan, workspace, approveUpTo: 'read', ...(concurrency ? { concurrency } : {}) });
  };
  return { run, peak, finished, overallPeak: () => overallPeak };
}

const step = (id: string, kind: string, on: string, dependsOn: string[] = []) => `{ id: ${id}, tool: test.lane, dependsOn: [${dependsOn.join(', ')}], input: { id: ${id}, kind: ${kind}, "on": ${on} } }`;

describe('the concurrency the runner chooses', () => {
  it('measures the width of a graph as its widest level of independent steps', () => {
    const nodes = (edges: Record<string, string[]>): GraphNode[] => Object.entries(edges).map(([id, dependsOn]) => ({ id, dependsOn }));
    expect(graphWidth(nodes({ a: [], b: ['a'], c: ['b'] }))).toBe(1);
    expect(graphWidth(nodes({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] }))).toBe(2);
    expect(graphWidth(nodes({ net: [], ...Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`s${i}`, ['net']])) }))).toBe(30);
    // A cycle (which validation reports) does not hang it.
    expect(graphWidth(nodes({ a: ['b'], b: ['a'] }))).toBeGreaterThan(0);
  });

  it('runs as wide as the graph on one Docker engine, up to what the engine is given, never past the overall cap', () => {
    const engine: Target = { kind: 'docker', id: 'docker:local', label: 'local engine' };
    const wide = (count: number): GraphNode[] => [{ id: 'net', dependsOn: [] }, ...Array.from({ length: count }, (_, i) => ({ id: `s${i}`, dependsOn: ['net'] }))];
    expect(chooseConcurrency(wide(10), () => engine).overall).toBe(10);
    expect(chooseConcurrency(wide(30), () => engine).overall).toBe(16);
    // Two engines give twice the room; the cap still holds.
    const two = chooseConcurrency(wide(60), (id) => ({ ...engine, id: Number(id.slice(1)) % 2 ? 'docker:a' : 'docker:b' }));
    expect(two.overall).toBe(MAX_CHOSEN_CONCURRENCY);
    expect(two.lane(engine)).toEqual({ key: 'docker:docker:local', limit: 16 });
  });

  it('never runs two steps on one Terraform workspace at once, while steps on other targets run beside them', async () => {
    const { run, peak, overallPeak } = laneProbe();
    const steps = [...Array.from({ length: 4 }, (_, i) => step(`tf${i}`, 'terraform', 'ws-a')), ...Array.from({ length: 4 }, (_, i) => step(`net${i}`, 'network', 'api'))];
    const result = await run(steps);
    expect(result.status).toBe('succeeded');
    expect(result.concurrency).toBe(8);
    expect(peak.get('terraform:ws-a')).toBe(1);
    expect(peak.get('network:api')).toBe(4);
    expect(overallPeak()).toBe(5);
  });

  it('keeps dependency order with a chosen concurrency, and does what was asked when a concurrency is given', async () => {
    const { run, finished, overallPeak, peak } = laneProbe();
    const result = await run([step('first', 'docker', 'e'), ...Array.from({ length: 6 }, (_, i) => step(`mid${i}`, 'docker', 'e', ['first'])), step('last', 'docker', 'e', ['mid0', 'mid5'])]);
    expect(result.concurrency).toBe(6);
    expect(finished[0]).toBe('first');
    expect(finished.at(-1)).toBe('last');
    expect(overallPeak()).toBe(6);
    const asked = await run([step('a', 'terraform', 'ws'), step('b', 'terraform', 'ws')], 2);
    expect(asked.concurrency).toBe(2);
    // The number asked for is the overall count; one workspace's state lock still takes one at a time.
    expect(peak.get('terraform:ws')).toBe(1);
  });

  it('measures the width of a 50,000-step chain without overflowing the stack', () => {
    const chain = Array.from({ length: 50_000 }, (_, i) => ({ id: `s${i}`, dependsOn: i ? [`s${i - 1}`] : [] }));
    expect(graphWidth(chain)).toBe(1);
    expect(graphWidth([...chain, { id: 'side', dependsOn: [] }])).toBe(2);
  });

  it('runs a graph with lanes through the scheduler: a full lane lets the next ready node start', async () => {
    const started: string[] = [];
    const nodes: GraphNode[] = [{ id: 'x1', dependsOn: [] }, { id: 'x2', dependsOn: [] }, { id: 'y1', dependsOn: [] }];
    const release: (() => void)[] = [];
    const done = runGraph({
      nodes,
      concurrency: 3,
      preset: new Map(),
      shouldStop: () => false,
      onSkipped: () => undefined,
      lane: (node) => ({ key: node.id[0]!, limit: 1 }),
      execute: async (node) => {
        started.push(node.id);
        await new Promise<void>((resolve) => release.push(resolve));
        return 'succeeded';
      },
    });
    await sleep(0);
    expect(started).toEqual(['x1', 'y1']);
    release.shift()!();
    await sleep(0);
    expect(started).toEqual(['x1', 'y1', 'x2']);
    for (const resolve of release.splice(0)) resolve();
    expect([...(await done).values()]).toEqual(['succeeded', 'succeeded', 'succeeded']);
  });

  it('rolls back every step that finished when one fails, with the concurrency it chose', async () => {
    const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-ws-')));
    const runner = new PlanRunner({ registry: new ToolRegistry().register(...builtinTools), policy: new PolicyEngine(), shell, repository: new RunRepository(openDatabase({ file: ':memory:' })), emit: () => undefined });
    const writes = Array.from({ length: 5 }, (_, i) => `  - { id: w${i}, tool: files.write, input: { path: out/f${i}.txt, content: "${i}" } }`);
    const loaded = parsePlanText(`steps:\n${writes.join('\n')}\n  - { id: boom, tool: shell.exec, input: { command: "exit 3" } }\n  - { id: after, tool: files.write, dependsOn: [w0, boom], input: { path: out/after.txt, content: x } }\n`);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const result = await runner.run({ plan: loaded.plan, workspace, approveUpTo: 'destructive' });
    expect(result.concurrency).toBeGreaterThanOrEqual(4);
    expect(result.status).toBe('rolled-back');
    expect(result.steps.get('after')?.status).toBe('skipped');
    for (let i = 0; i < 5; i++) {
      expect(result.steps.get(`w${i}`)?.status).toBe('undone');
      expect(existsSync(join(workspace, `out/f${i}.txt`))).toBe(false);
    }
  });
});
