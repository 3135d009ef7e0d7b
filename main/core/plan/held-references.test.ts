import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { heldReference, parseHeld } from './held-references';

const tool = { input: z.object({ repo: z.string(), number: z.number().int().min(1), draft: z.boolean().default(false), method: z.enum(['merge', 'squash']).default('merge'), replicas: z.number().int().min(3).optional() }).strict() };

describe('whole references in typed fields', () => {
  it('parses with the reference kept where the schema wants a number, a boolean or an enum, and names those fields', () => {
    const raw = { repo: 'o/r', number: '${steps.pr.output.number}', draft: '${steps.a.output.draft}', method: '${steps.a.output.method}' };
    const parsed = parseHeld(tool, raw);
    expect(parsed).toEqual({ success: true, data: { repo: 'o/r', number: '${steps.pr.output.number}', draft: '${steps.a.output.draft}', method: '${steps.a.output.method}' }, held: ['number', 'draft', 'method'] });
    expect(heldReference(raw, 'number')).toBe('${steps.pr.output.number}');
  });

  it('meets a bound the stand-in missed (a minimum above 1)', () => {
    expect(parseHeld(tool, { repo: 'o/r', number: 2, replicas: '${steps.size.output.replicas}' })).toMatchObject({ success: true, held: ['replicas'] });
  });

  it('is the schema’s own error for anything else: a wrong literal, a reference inside other text, an unknown field', () => {
    expect(parseHeld(tool, { repo: 'o/r', number: 'seven' }).success).toBe(false);
    expect(parseHeld(tool, { repo: 'o/r', number: '#${steps.pr.output.number}' }).success).toBe(false);
    expect(parseHeld(tool, { repo: 'o/r', number: '${steps.pr.output.number}', extra: 1 }).success).toBe(false);
    expect(parseHeld(tool, { repo: 'o/r', number: 3 })).toEqual({ success: true, data: { repo: 'o/r', number: 3, draft: false, method: 'merge' }, held: [] });
  });
});

describe('references inside strings, for a tool that inspects', () => {
  const inspecting = { input: z.object({ namespace: z.string(), values: z.record(z.string(), z.string()).default({}), replicas: z.number().optional() }).strict(), inspect: async () => ({}) };

  it('holds every string with a reference in it, so the inspection waits for the value', () => {
    const raw = { namespace: '${steps.apply.output.outputs.namespace}', values: { url: 'http://${steps.apply.output.outputs.host}/health', plain: 'x' }, replicas: '${steps.size.output.replicas}' };
    expect(parseHeld(inspecting, raw)).toMatchObject({ success: true, held: ['replicas', 'namespace', 'values.url'] });
    expect(heldReference(raw, 'values.url')).toBe('http://${steps.apply.output.outputs.host}/health');
  });

  it('holds nothing for a tool without an inspection, or an input without references', () => {
    expect(parseHeld({ input: inspecting.input }, { namespace: '${steps.apply.output.outputs.namespace}' })).toMatchObject({ held: [] });
    expect(parseHeld(inspecting, { namespace: 'shop' })).toMatchObject({ held: [] });
  });
});

describe('references in fields whose format the schema checks', () => {
  const repo = z.string().refine((value) => /^[\w.-]+\/[\w.-]+$/.test(value), 'OWNER/REPO');
  const github = { input: z.object({ repo, branch: z.string() }).strict(), examples: [{ branch: 'main' }, { repo: 'octocat/Hello-World', branch: 'dev' }] };

  it('stands in a value from the tool\'s own examples, then keeps the reference', () => {
    expect(parseHeld(github, { repo: '${steps.repo.output.fullName}', branch: 'ci' })).toEqual({ success: true, data: { repo: '${steps.repo.output.fullName}', branch: 'ci' }, held: ['repo'] });
  });

  it('is still the schema\'s error for a value that is not a reference, or a tool without such an example', () => {
    expect(parseHeld(github, { repo: 'no-owner', branch: 'ci' }).success).toBe(false);
    expect(parseHeld({ input: github.input }, { repo: '${steps.repo.output.fullName}', branch: 'ci' }).success).toBe(false);
  });
});
