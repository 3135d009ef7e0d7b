import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtinTools, familyVerbs } from '../../../e2e/fixtures/family-tools';
import { assess } from '../policy/risk';
import { createShellAnalyzer } from '../policy/shell/create-shell-analyzer';
import { defineTool, type ToolContext, toolContext, toolFailure } from '../tools/tool-definition';
import { ToolRegistry } from '../tools/tool-registry';
import { expandPlan } from './expand-plan';
import type { Plan } from './plan-schema';

/** A planner like compose.up: writes `count` files, each after the one before, then checks them. */
const batch = defineTool({
  name: 'test.batch',
  description: 'writes numbered files',
  input: z.object({ count: z.number().int().min(0), label: z.string().optional() }).strict(),
  output: z.object({}),
  risk: () => assess('write', 'writes files'),
  target: ({ ctx }) => ({ kind: 'workspace', id: `workspace:${ctx.workspace}`, label: ctx.workspace }),
  preview: async () => ({ kind: 'text', text: 'batch (no undo of its own)' }),
  expand: async ({ input }) =>
    input.count > 50
      ? toolFailure('TOO_MANY', 'at most 50 files')
      : {
          ok: true,
          output: [
            ...Array.from({ length: input.count }, (_, index) => ({ id: `f${index}`, tool: 'files.write', input: { path: `f${index}.txt`, content: String(index) }, dependsOn: index ? [`f${index - 1}`] : [] })),
            ...(input.count ? [{ id: 'check', tool: 'shell.exec', input: { command: `cat \${steps.f0.output.path}` }, dependsOn: ['f0'] }] : []),
          ],
        },
  run: async () => toolFailure('PLANNER', 'never runs'),
  idempotent: true,
  describeChange: () => 'batch',
});

const registry = new ToolRegistry().register(...builtinTools, batch);
let ctx: ToolContext;
beforeAll(async () => {
  ctx = toolContext(realpathSync(mkdtempSync(join(tmpdir(), 'reign-expand-'))), process.env, await createShellAnalyzer(familyVerbs));
});
const expand = (plan: Plan) => expandPlan(plan, registry, ctx, new AbortController().signal);
const step = (id: string, tool: string, input: Record<string, unknown>, dependsOn: string[] = []) => ({ id, tool, input, dependsOn });

describe('planner steps expand into the steps they stand for', () => {
  it('prefixes ids and references, starts after what the planner step waited for, and makes its dependents wait for all of it', async () => {
    const { plan, problems, expanded } = await expand({ steps: [step('before', 'files.write', { path: 'a', content: 'a' }), step('up', 'test.batch', { count: 2 }, ['before']), step('after', 'shell.exec', { command: 'ls' }, ['up'])] });
    expect(problems).toEqual([]);
    expect(expanded).toEqual(['up (test.batch) → 3 steps']);
    expect(plan.steps.map((s) => [s.id, s.dependsOn])).toEqual([
      ['before', []],
      ['up.f0', ['before']],
      ['up.f1', ['up.f0']],
      ['up.check', ['up.f0']],
      ['after', ['up.f0', 'up.f1', 'up.check']],
    ]);
    expect(plan.steps.find((s) => s.id === 'up.check')!.input).toEqual({ command: 'cat ${steps.up.f0.output.path}' });
  });

  it('a planner with nothing to do leaves no step, and its dependents wait for what remains', async () => {
    const { plan, expanded } = await expand({ steps: [step('up', 'test.batch', { count: 0 }), step('after', 'shell.exec', { command: 'ls' }, ['up'])] });
    expect(expanded).toEqual(['up (test.batch) → nothing to do']);
    expect(plan.steps).toEqual([expect.objectContaining({ id: 'after', dependsOn: [] })]);
  });

  it('a planner with nothing to do passes on what it waited for, so the order around it holds', async () => {
    const { plan } = await expand({ steps: [step('backup', 'files.write', { path: 'b', content: 'b' }), step('down', 'test.batch', { count: 0 }, ['backup']), step('remove', 'files.delete', { path: 'b' }, ['down'])] });
    expect(plan.steps.map((s) => [s.id, s.dependsOn])).toEqual([['backup', []], ['remove', ['backup']]]);
  });

  it('says why a planner step cannot be used, and refuses references to its outputs', async () => {
    expect((await expand({ steps: [step('up', 'test.batch', { count: 99 })] })).problems).toEqual([{ step: 'up', path: 'input', message: 'test.batch could not be planned: at most 50 files' }]);
    const referenced = await expand({ steps: [step('up', 'test.batch', { count: 1 }), step('use', 'shell.exec', { command: 'echo ${steps.up.output.x}' }, ['up'])] });
    expect(referenced.problems[0]).toMatchObject({ step: 'use', message: expect.stringMatching(/"test.batch" has no output field "x"/) });
    expect((await expand({ steps: [step('up', 'test.batch', { count: 'x' })] })).problems[0]).toMatchObject({ step: 'up', path: 'input.count' });
    const planned = await expand({ steps: [step('n', 'shell.exec', { command: 'echo 2' }), step('up', 'test.batch', { count: 1, label: '${steps.n.output.stdout}' }, ['n'])] });
    expect(planned.problems).toEqual([{ step: 'up', path: 'input', message: "test.batch is planned before anything runs, so its input cannot use earlier steps' outputs" }]);
  });
});
