import { countTokens } from '@anthropic-ai/tokenizer';
import { familyVerbs } from '../fixtures/family-tools';
import { expect, it } from 'vitest';
import { z } from 'zod';
import { AgentSession } from '../../main/core/agent/agent-session';
import { agentToolSpecs, PROPOSE_PLAN } from '../../main/core/agent/agent-tools';
import { ScriptedProvider } from '../../main/core/agent/providers/scripted-provider';
import { loadSystemPrompt } from '../../main/core/agent/system-prompt';
import type { ToolSet } from '../../main/core/agent/tool-sets';
import { AuditLog } from '../../main/core/audit/audit-log';
import { Redactor } from '../../main/core/audit/redactor';
import { families } from '../../main/core/families';
import { RunRepository } from '../../main/core/plan/run-repository';
import { PolicyEngine } from '../../main/core/policy/policy-engine';
import { assess } from '../../main/core/policy/risk';
import { createShellAnalyzer } from '../../main/core/policy/shell/create-shell-analyzer';
import { openDatabase } from '../../main/core/storage/database';
import { defineTool } from '../../main/core/tools/tool-definition';
import { ToolRegistry } from '../../main/core/tools/tool-registry';

// What the model is sent on the first turn — system prompt plus tool definitions — with at least
// 150 tools registered: the real families plus a synthetic family of 121 tools shaped like the
// ones Kubernetes, Terraform and GitHub will bring. The baseline, computed in the same run, is
// what Reign sent before tool sets: every registered tool, its full JSON Schema, and propose_plan
// listing every tool name. Tokens are counted with Anthropic's tokenizer package (the legacy
// Claude vocabulary: close to, not the same as, what current models bill).

const verbs = ['list', 'get', 'create', 'update', 'delete', 'apply', 'describe', 'rollout', 'scale', 'logs', 'diff'];
const nouns = ['deployment', 'service', 'secret', 'configmap', 'ingress', 'release', 'workspace', 'repository', 'pull-request', 'workflow', 'job'];

/** 121 tools with inputs and descriptions as long as Docker's. */
const synthetic: ToolSet = {
  id: 'synthetic',
  title: 'Synthetic family (benchmark only)',
  description: 'Stands in for the Kubernetes, Terraform and GitHub families until they exist.',
  tools: nouns.flatMap((noun) =>
    verbs.map((verb) =>
      defineTool({
        name: `synthetic.${noun}.${verb}`,
        description: `${verb[0]!.toUpperCase()}${verb.slice(1)} a ${noun} in the current context and namespace; says what changed and how to undo it where it can.`,
        input: z.object({ name: z.string().min(1).describe(`The ${noun}'s name`), namespace: z.string().optional().describe('Namespace (default: the context\'s)'), dryRun: z.boolean().default(false) }).strict(),
        output: z.object({ ok: z.boolean() }),
        risk: () => assess(verb === 'delete' ? 'destructive' : verb === 'list' || verb === 'get' ? 'read' : 'write', `${verb}s a ${noun}`),
        target: () => ({ kind: 'kubernetes', id: 'kubernetes:bench/default', label: 'bench/default' }),
        preview: async ({ input }) => ({ kind: 'text', text: `${verb} ${noun} ${input.name}` }),
        run: async () => ({ ok: true, output: { ok: true } }),
        idempotent: true,
        describeChange: () => verb,
      }),
    ),
  ),
};

const sets: ToolSet[] = [...families.filter((family) => family.tools.length), synthetic];
const allTools = sets.flatMap((set) => set.tools);
const prompt = loadSystemPrompt({ workspace: '/home/dev/project', platform: 'linux-x64', date: '2026-12-01' }).text;
const tokens = (text: string): number => countTokens(text);

/** What went out before tool sets: every tool, full schemas with `$schema`, and propose_plan naming every tool. */
function baselineSpecs(): unknown[] {
  const names = allTools.map((tool) => tool.name).sort();
  return [
    ...allTools.map((tool) => ({ name: tool.name, description: tool.description, inputSchema: z.toJSONSchema(tool.input, { io: 'input' }) })),
    { name: PROPOSE_PLAN, description: `Propose a plan … tool is one of: ${names.join(', ')}. …`, inputSchema: {} },
  ];
}

function firstTurn(initial: readonly string[]): { tokens: number; chars: number; tools: number } {
  const loaded = sets.filter((set) => initial.includes(set.id)).flatMap((set) => (set.essential ? set.tools.filter((tool) => set.essential!.includes(tool.name)) : set.tools));
  const specs = JSON.stringify(agentToolSpecs(loaded, sets));
  return { tokens: tokens(prompt) + tokens(specs), chars: prompt.length + specs.length, tools: loaded.length };
}

it('the first turn fits the budget with 150+ tools registered', () => {
  expect(allTools.length).toBeGreaterThanOrEqual(150);
  const baselineText = JSON.stringify(baselineSpecs());
  const baseline = { tokens: tokens(prompt) + tokens(baselineText), chars: prompt.length + baselineText.length };
  const always = families.filter((family) => family.tools.length && !family.presentWhen).map((family) => family.id);
  const withDocker = firstTurn([...always, 'docker', 'compose']);
  const bare = firstTurn(always);
  console.log(
    [
      `tool budget — ${allTools.length} tools registered (${allTools.length - synthetic.tools.length} real + ${synthetic.tools.length} synthetic); system prompt ${tokens(prompt)} tokens`,
      `  baseline (every tool, as before tool sets): ${baseline.tokens} tokens, ${baseline.chars} chars`,
      `  first turn, Docker present (shell, files, http, compose and Docker's essential tools loaded; ${withDocker.tools} tools): ${withDocker.tokens} tokens (${((withDocker.tokens / baseline.tokens) * 100).toFixed(1)}% of baseline), ${withDocker.chars} chars`,
      `  first turn, no engine (shell, files, http; ${bare.tools} tools): ${bare.tokens} tokens (${((bare.tokens / baseline.tokens) * 100).toFixed(1)}% of baseline)`,
    ].join('\n'),
  );
  expect(withDocker.tokens).toBeLessThanOrEqual(6000);
});

it('the cached prefix stays byte-identical from turn to turn while the loaded set does not change', async () => {
  const db = openDatabase({ file: ':memory:' });
  const redactor = new Redactor();
  const provider = new ScriptedProvider([
    { tool_calls: [{ name: 'files.read', arguments: { path: 'a' } }] },
    { tool_calls: [{ name: 'files.read', arguments: { path: 'b' } }] },
    { tool_calls: [{ name: 'find_tools', arguments: { query: 'scale deployment' } }] },
    { text: 'done' },
  ]);
  const session = new AgentSession({
    provider,
    model: 'claude-sonnet-5-5',
    systemPrompt: prompt,
    registry: new ToolRegistry().register(...allTools),
    toolSets: sets,
    initialToolSets: families.filter((family) => family.tools.length).map((family) => family.id),
    policy: new PolicyEngine(),
    shell: await createShellAnalyzer(familyVerbs),
    runs: new RunRepository(db, redactor),
    audit: new AuditLog(db, redactor),
    redactor,
    prices: { models: {} },
    workspace: process.cwd(),
    answerPlan: async () => ({ approveUpTo: null, source: 'bench' }),
    askUser: async () => '',
  });
  await session.send('look around');
  const prefixes = provider.requests.map((request) => JSON.stringify({ system: request.system, tools: request.tools }));
  const identical = prefixes[0] === prefixes[1] && prefixes[1] === prefixes[2];
  console.log(`cached prefix: turns 1–3 ${identical ? 'byte-identical' : 'DIFFER'} (${prefixes[0]!.length} chars); after find_tools loaded ${provider.requests[3]!.tools.length - provider.requests[2]!.tools.length} tools, turn 4 carries ${prefixes[3]!.length} chars`);
  expect(identical).toBe(true);
  expect(prefixes[3]).not.toBe(prefixes[2]);
});
