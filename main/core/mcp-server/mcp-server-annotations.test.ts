import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { familyVerbs } from '../../../e2e/fixtures/family-tools';
import { families } from '../families';
import { assess } from '../policy/risk';
import { createShellAnalyzer } from '../policy/shell/create-shell-analyzer';
import { defineReadTool, defineTool, type ToolContext, toolContext } from '../tools/tool-definition';
import { onlyReads, toolAnnotations, toolTitle } from './mcp-server-annotations';

let ctx: ToolContext;
beforeAll(async () => {
  ctx = toolContext(realpathSync(mkdtempSync(join(tmpdir(), 'reign-mcp-ann-'))), { PATH: process.env.PATH }, await createShellAnalyzer(familyVerbs));
});

const tool = (name: string) => families.flatMap((family) => family.tools).find((candidate) => candidate.name === name)!;
const workspaceTarget = { kind: 'workspace' as const, id: 'workspace:/w', label: 'workspace' };

describe('MCP annotations from Reign code', () => {
  it('marks tools that only read as read-only, and nothing that changes anything', () => {
    const all = families.flatMap((family) => family.tools);
    expect(all.filter(onlyReads).map((candidate) => candidate.name)).toEqual(expect.arrayContaining(['files.read', 'docker.container.list', 'kubernetes.get', 'http.check']));
    for (const candidate of all.filter(onlyReads)) expect(candidate.undo, candidate.name).toBeUndefined();
    for (const name of ['files.write', 'files.delete', 'shell.exec', 'docker.container.remove', 'terraform.apply']) expect(onlyReads(tool(name)), name).toBe(false);
  });

  it('is destructive when an example classifies destructive, and not when every one is a plain write', () => {
    const examples = (risks: ('write' | 'destructive')[]) =>
      defineTool({
        name: 'toy.act',
        description: 'd',
        input: z.object({ level: z.enum(['write', 'destructive']) }),
        output: z.object({}),
        risk: ({ input }) => assess(input.level, 'by input'),
        target: () => workspaceTarget,
        preview: async () => ({ kind: 'text', text: '' }),
        run: async () => ({ ok: true, output: {} }),
        examples: risks.map((level) => ({ level })),
        idempotent: false,
        describeChange: () => 'acted',
      });
    expect(toolAnnotations(examples(['write', 'destructive']), ctx)).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false });
    expect(toolAnnotations(examples(['write']), ctx)).toMatchObject({ destructiveHint: false });
    expect(toolAnnotations(tool('docker.volume.remove'), ctx)).toMatchObject({ destructiveHint: true, openWorldHint: true });
  });

  it('assumes destructive and open-world when its samples cannot be classified', () => {
    const picky = defineTool({
      name: 'toy.picky',
      description: 'd',
      input: z.object({ id: z.string().regex(/^x-\d+$/) }),
      output: z.object({}),
      risk: () => assess('write', 'w'),
      target: () => workspaceTarget,
      preview: async () => ({ kind: 'text', text: '' }),
      run: async () => ({ ok: true, output: {} }),
      idempotent: true,
      describeChange: () => 'acted',
    });
    expect(toolAnnotations(picky, ctx)).toMatchObject({ readOnlyHint: false, destructiveHint: true, openWorldHint: true });
    const reader = defineReadTool({ name: 'toy.look', description: 'd', reads: 'looks', input: z.object({}), output: z.object({}), target: () => workspaceTarget, preview: async () => ({ kind: 'text', text: '' }), run: async () => ({ ok: true, output: {} }) });
    expect(toolAnnotations(reader, ctx)).toEqual({ title: 'Toy: look', readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false });
  });

  it('titles a tool from its name', () => {
    expect(toolTitle('docker.container.wait-healthy')).toBe('Docker: container wait healthy');
    expect(toolTitle('find_tools')).toBe('Find_tools');
  });
});
