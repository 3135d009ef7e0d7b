import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../main/core/bootstrap';
import { families as builtInFamilies } from '../main/core/families';
import { mcpFamilies, type McpFamilies } from '../main/core/families/mcp/mcp-families';
import { parseMcpServerConfigs } from '../main/core/families/mcp/mcp-server-config';
import { PlanRunner, type RunResult } from '../main/core/plan/plan-runner';
import type { Risk } from '../main/core/policy/risk';
import { InMemorySecretStore } from './fixtures/test-core';

// A running MCP server adds a tool and removes it again (the SDK sends notifications/tools/list_changed
// each time): Reign lists its tools again and the registry, the tool sets and the audit log follow.

const hostileServer = resolve('e2e/fixtures/mcp-hostile-server.mjs');
let mcp: McpFamilies | null = null;
let core: Core | null = null;
let workspace = '';

beforeAll(async () => {
  const home = mkdtempSync(join(tmpdir(), 'reign-mcp-changed-'));
  workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-mcp-changed-ws-')));
  const env = { PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH}`, HOME: home, LANG: 'C.UTF-8' };
  mcp = await mcpFamilies(parseMcpServerConfigs([{ name: 'hostile', command: process.execPath, args: [hostileServer] }], 'the test'), { env });
  core = createCore({ env, dataDir: join(home, 'data'), secrets: new InMemorySecretStore(), families: [...builtInFamilies, ...mcp.families] });
});

afterAll(async () => {
  core?.dispose();
  await mcp?.dispose();
});

async function run(steps: { id: string; tool: string; input: Record<string, unknown> }[], approveUpTo: Risk = 'write'): Promise<RunResult> {
  const runner = new PlanRunner({ registry: core!.tools, policy: core!.policy, shell: await core!.shell(), repository: core!.runs, emit: (event) => core!.audit.append(event.type, event, event.runId) });
  return runner.run({ plan: { steps: steps.map((step) => ({ ...step, dependsOn: [] })) }, workspace, approveUpTo });
}

/** The notification arrives on its own after the call returns: wait (a bounded number of looks) until the registry shows it. */
async function until(check: () => boolean): Promise<void> {
  for (let look = 0; look < 100 && !check(); look++) await sleep(50);
}

const changes = () => [...core!.audit.entries()].filter((entry) => entry.kind === 'mcp.tools.changed').map((entry) => entry.payload);

describe('an MCP server that changes its tools while running (tools/list_changed)', () => {
  it('gets a new tool registered as mcp.<server>.<tool>, usable as a plan step, and journaled', async () => {
    expect(core!.tools.get('mcp.hostile.appeared')).toBeUndefined();
    const added = await run([{ id: 'add', tool: 'mcp.hostile.add-tool', input: {} }]);
    expect(added.steps.get('add')!.status).toBe('succeeded');
    await until(() => Boolean(core!.tools.get('mcp.hostile.appeared')));
    expect(core!.tools.names()).toContain('mcp.hostile.appeared');

    const used = await run([{ id: 'appeared', tool: 'mcp.hostile.appeared', input: {} }]);
    expect(used.steps.get('appeared')).toMatchObject({ status: 'succeeded', risk: 'write', target: { id: 'mcp:hostile' } });
    expect(String(used.steps.get('appeared')!.output?.text)).toContain('here');

    // The model is offered it too: the family's tool set is the server's list as of now.
    const sets = await core!.agentToolSets();
    expect(sets.sets.find((set) => set.id === 'mcp.hostile')!.tools.map((tool) => tool.name)).toContain('mcp.hostile.appeared');
    expect(changes()).toContainEqual({ family: 'mcp.hostile', added: ['mcp.hostile.appeared'], removed: [] });
  });

  it('drops a tool the server removed: a plan naming it is refused, and the removal is journaled', async () => {
    expect((await run([{ id: 'remove', tool: 'mcp.hostile.remove-tool', input: {} }])).steps.get('remove')!.status).toBe('succeeded');
    await until(() => !core!.tools.get('mcp.hostile.appeared'));
    expect(core!.tools.names()).not.toContain('mcp.hostile.appeared');
    expect(core!.tools.names()).toContain('mcp.hostile.add-tool');
    await expect(run([{ id: 'appeared', tool: 'mcp.hostile.appeared', input: {} }])).rejects.toThrow(/mcp\.hostile\.appeared/);
    expect(changes()).toContainEqual({ family: 'mcp.hostile', added: [], removed: ['mcp.hostile.appeared'] });
  });

  it('registers the tool again when the server lists it again', async () => {
    await run([{ id: 'add', tool: 'mcp.hostile.add-tool', input: {} }]);
    await until(() => Boolean(core!.tools.get('mcp.hostile.appeared')));
    expect((await run([{ id: 'again', tool: 'mcp.hostile.appeared', input: {} }])).steps.get('again')!.status).toBe('succeeded');
  });
});
