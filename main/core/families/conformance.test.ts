import { type JsonSchema, sampleInput } from '../tools/sample-input';
import { mkdtempSync, realpathSync } from 'node:fs';
import { familyVerbs } from '../../../e2e/fixtures/family-tools';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { classifyStep } from '../plan/classify-step';
import { detailReads } from '../resources-view/resource-view';
import { PolicyEngine } from '../policy/policy-engine';
import { riskLevels } from '../policy/risk';
import { createShellAnalyzer } from '../policy/shell/create-shell-analyzer';
import { type ToolContext, type ToolDefinition, toolContext } from '../tools/tool-definition';
import { families } from '.';

// Every tool of every family keeps the promises the core relies on. A new family's tools are
// checked here without anyone writing a test for them.

/** The tool's examples, or else a small input built from its own JSON Schema (required fields only). */
function sampleInputs(tool: ToolDefinition): unknown[] {
  return tool.examples?.length ? [...tool.examples] : [sampleInput(z.toJSONSchema(tool.input, { io: 'input' }) as JsonSchema)];
}



let ctx: ToolContext;
beforeAll(async () => {
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-conformance-')));
  // Nothing here reaches real infrastructure: the engine endpoint does not exist.
  ctx = toolContext(workspace, { PATH: process.env.PATH, HOME: workspace, DOCKER_HOST: 'unix:///nonexistent/reign-conformance.sock', KUBECONFIG: '/nonexistent/kubeconfig' }, await createShellAnalyzer(familyVerbs));
});

const policy = new PolicyEngine();
const tools = families.flatMap((family) => family.tools.map((tool) => ({ family, tool })));

describe('every registered tool of every family', () => {
  it('has a name unique across families and in its family\'s name space', () => {
    const names = tools.map(({ tool }) => tool.name);
    expect(new Set(names).size).toBe(names.length);
    for (const { family, tool } of tools) expect(tool.name, `${tool.name} is in family ${family.id}`).toMatch(new RegExp(`^${family.id}\\.[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*$`));
  });

  for (const { family, tool } of tools) {
    describe(tool.name, () => {
      it('describes itself for the model and takes an object input', () => {
        expect(tool.description.length, 'a description of at least a sentence').toBeGreaterThanOrEqual(20);
        expect((z.toJSONSchema(tool.input, { io: 'input' }) as JsonSchema).type).toBe('object');
      });

      it('computes risk and target by code for sample inputs; read tools are idempotent', async () => {
        const risks = [];
        for (const input of sampleInputs(tool)) {
          const parsed = tool.input.safeParse(input);
          expect(parsed.success, `sample ${JSON.stringify(input)} must be valid; give ${tool.name} an example`).toBe(true);
          const { risk, reasons, target } = await classifyStep(tool, parsed.data, ctx, policy);
          expect(riskLevels).toContain(risk);
          expect(reasons.length).toBeGreaterThan(0);
          expect(target.id.startsWith(`${target.kind}:`), `target id ${target.id} is canonical`).toBe(true);
          expect(target.label.length).toBeGreaterThan(0);
          risks.push(risk);
        }
        if (risks.every((risk) => risk === 'read')) expect(tool.idempotent, 'a read tool is safe to retry').toBe(true);
      });

      it('has a preview, which says so when the step cannot be undone', async () => {
        const input = tool.input.parse(sampleInputs(tool)[0]);
        const { risk } = await classifyStep(tool, input, ctx, policy);
        // Some previews ask the infrastructure (prune lists what would go); without it they must fail with a reason.
        const preview = await tool.preview({ input, ctx }).catch((error: Error) => ({ kind: 'error' as const, text: error.message }));
        expect(['text', 'file', 'plan', 'error']).toContain(preview.kind);
        if (preview.kind === 'error') expect(preview.text.length, `${family.id}: a preview that cannot be made says why`).toBeGreaterThan(0);
        if (!tool.undo && risk !== 'read' && preview.kind === 'text') expect(preview.text, 'a step without undo says so in its preview').toMatch(/cannot be undone|no undo|irreversible/i);
      });
    });
  }
});

describe('every family', () => {
  for (const family of families) {
    it(`${family.id}: its essential tools are its own`, () => {
      for (const name of family.essential ?? []) expect(family.tools.map((tool) => tool.name), `${family.id} essential ${name}`).toContain(name);
    });
  }
});

describe('every resource view of every family', () => {
  const registered = new Map(tools.map(({ tool }) => [tool.name, tool]));
  for (const family of families) {
    for (const view of family.views ?? []) {
      it(`${view.id} lists through a read tool and acts and reads through registered tools`, async () => {
        expect(view.id.startsWith(`${family.id}.`)).toBe(true);
        // A scoped view (a Kubernetes context and namespace, a GitHub repository) builds its inputs from the scope shown:
        // a value of the level's kind, a name or an OWNER/REPO.
        const list0 = registered.get(view.list.tool);
        const scopeWith = (value: string) => Object.fromEntries((view.scope ?? []).map((level) => [level.id, value]));
        const scope = ['sample', 'sample/row'].map(scopeWith).find((candidate) => {
          try {
            return list0?.input.safeParse(typeof view.list.input === 'function' ? view.list.input(candidate) : view.list.input).success;
          } catch {
            return false;
          }
        }) ?? scopeWith('sample');
        // A row key of the view's kind: a name (a container, a namespace, a release), a Terraform address (TYPE.NAME), or an id (a GitHub run).
        const keys = ['sample', 'sample.row', '1'];
        const calls = [...(view.actions ?? []), ...Object.values(view.reads ?? {})];
        const sampleRow = keys.find((key) => calls.every((call) => registered.get(call.tool)?.input.safeParse(call.input(key, scope)).success)) ?? keys[0]!;
        const list = registered.get(view.list.tool);
        expect(list, `${view.list.tool} is registered`).toBeDefined();
        const listInput = typeof view.list.input === 'function' ? view.list.input(scope) : view.list.input;
        expect((await classifyStep(list!, list!.input.parse(listInput), ctx, policy)).risk, 'a view lists with a read').toBe('read');
        for (const action of view.actions ?? []) {
          const tool = registered.get(action.tool);
          expect(tool, `${action.tool} is registered`).toBeDefined();
          expect(tool!.input.safeParse(action.input(sampleRow, scope)).success, `${view.id} ${action.id} builds a valid input`).toBe(true);
        }
        for (const [id, read] of Object.entries(view.reads ?? {})) {
          const tool = registered.get(read.tool);
          expect(tool, `${read.tool} is registered`).toBeDefined();
          expect((await classifyStep(tool!, tool!.input.parse(read.input(sampleRow, scope)), ctx, policy)).risk, `${view.id} read ${id} is a read`).toBe('read');
        }
        if (view.detail) for (const read of detailReads(view.detail)) expect(view.reads?.[read], `detail read ${read}`).toBeDefined();
        expect(view.columns.length).toBeGreaterThan(0);
        expect(view.empty.length).toBeGreaterThan(10);
      });
    }
  }
});
