import { mkdtempSync, readFileSync, realpathSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore } from '../../../e2e/fixtures/test-core';
import type { Core } from '../bootstrap';
import { createReignMcpServer } from './mcp-server';
import { mcpDependencies } from './mcp-server-dependencies';
import { McpProposalStore } from './mcp-server-proposals';

// The server with the SDK's real client over its in-memory transport: the protocol is the SDK's own,
// the core is a real one with its own data folder.

const cores: Core[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.dispose();
});

/** A server offering files and shell at once, as on a machine where no other family is present; `without` families are turned off. */
async function connected(approvalWaitMs = 300, without: readonly string[] = []) {
  const core = createTestCore();
  cores.push(core);
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-mcp-ws-')));
  const toolSets = { sets: core.families.filter((family) => !without.includes(family.id)), initial: ['files', 'shell'] };
  const server = createReignMcpServer(await mcpDependencies(core, { workspace, env: { PATH: process.env.PATH }, approvalWaitMs, pollMs: 20, progressEveryMs: 100, toolSets }));
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'unit-client', version: '1.0' });
  const listChanges: string[] = [];
  client.setNotificationHandler(ToolListChangedNotificationSchema, (notification) => void listChanges.push(notification.method));
  await client.connect(clientSide);
  return { core, workspace, client, listChanges, proposals: new McpProposalStore(core.db) };
}

const textOf = (result: object): string => (((result as { content?: { text?: string }[] }).content) ?? []).map((part) => part.text ?? '').join('');

describe('reign mcp server', () => {
  it('lists the present families with annotations from code; find_tools adds the others and says the list changed', async () => {
    const { client, listChanges } = await connected();
    const names = async () => new Map((await client.listTools()).tools.map((tool) => [tool.name, tool]));
    const first = await names();
    expect([...first.keys()].sort()).toEqual(['files.delete', 'files.read', 'files.write', 'find_tools', 'shell.exec']);
    expect(first.get('files.read')?.annotations).toMatchObject({ readOnlyHint: true, idempotentHint: true, openWorldHint: false, title: 'Files: read' });
    expect(first.get('files.write')?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, openWorldHint: false });
    expect(first.get('files.delete')?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(first.get('files.write')?.inputSchema).toMatchObject({ type: 'object', required: expect.arrayContaining(['path', 'content']) });
    expect(first.get('find_tools')?.annotations?.readOnlyHint).toBe(true);

    const found = await client.callTool({ name: 'find_tools', arguments: { query: 'remove container' } });
    expect((found.structuredContent as { tools: { name: string }[] }).tools[0]?.name).toBe('docker.container.remove');
    await expect.poll(() => listChanges).toEqual(['notifications/tools/list_changed']);
    const after = await names();
    expect(after.get('docker.container.remove')?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, openWorldHint: true });
    expect(after.size).toBeGreaterThan(first.size);
  });

  it('offers no tool of a family turned off, by list or by name', async () => {
    const { client } = await connected(300, ['docker']);
    const found = await client.callTool({ name: 'find_tools', arguments: { query: 'list containers' } });
    expect((found.structuredContent as { tools: { name: string }[] } | undefined)?.tools.map((tool) => tool.name) ?? []).not.toContain('docker.container.list');
    const call = await client.callTool({ name: 'docker.container.list', arguments: {} });
    expect(call.isError).toBe(true);
    expect(textOf(call)).toMatch(/no tool "docker.container.list" turned on \(its family is turned off/);
  });

  it('runs a read at once, redacted, and journals it with the client name', async () => {
    const { client, core, workspace } = await connected();
    writeFileSync(join(workspace, 'notes.txt'), 'token ghp_abcdefghijklmnopqrstuvwxyz0123456789 here');
    const result = await client.callTool({ name: 'files.read', arguments: { path: 'notes.txt' } });
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).not.toContain('ghp_abcdefghijklmnopqrstuvwxyz0123456789');
    expect((result.structuredContent as { content: string }).content).toMatch(/^token .*REDACTED.* here$/);
    const entry = [...core.audit.entries()].find((candidate) => candidate.kind === 'mcp.call');
    expect(entry?.payload).toMatchObject({ client: 'unit-client 1.0', tool: 'files.read', outcome: 'ran', risk: 'read' });
  });

  it('explains a bad input and an unknown tool as tool errors', async () => {
    const { client } = await connected();
    const bad = await client.callTool({ name: 'files.read', arguments: { nope: 1 } });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/Invalid arguments for files.read: .*path/);
    const unknown = await client.callTool({ name: 'files.obliterate', arguments: {} });
    expect(textOf(unknown)).toMatch(/no tool "files.obliterate".*find_tools/);
  });

  it('turns a write into a proposal; after a person approves, the identical call runs it once', async () => {
    const { client, workspace, proposals, core } = await connected();
    const call = { name: 'files.write', arguments: { path: 'out.txt', content: 'hello' } };
    const first = await client.callTool(call);
    expect(first.isError).toBe(true);
    const [proposal] = proposals.list('pending');
    expect(textOf(first)).toBe(`Waiting for approval in Reign: files.write write on ${proposal!.targetLabel} (proposal ${proposal!.id}). Approve it in Reign, then call again.`);
    expect(existsSync(join(workspace, 'out.txt'))).toBe(false);
    // The same call again is the same proposal, not a second one.
    await client.callTool(call);
    expect(proposals.list('pending')).toHaveLength(1);

    expect(proposals.decide(proposal!.id, 'approved', 'tester')).toBe(true);
    const ran = await client.callTool(call);
    expect(ran.isError, textOf(ran)).toBeFalsy();
    expect(readFileSync(join(workspace, 'out.txt'), 'utf8')).toBe('hello');
    expect(proposals.get(proposal!.id)?.status).toBe('ran');
    const approval = [...core.audit.entries()].find((entry) => entry.kind === 'step.approval');
    expect(approval?.payload).toMatchObject({ decision: 'approve', source: `tester (MCP proposal ${proposal!.id})` });
    // The approval was used: the next identical call is a new proposal.
    expect(textOf(await client.callTool(call))).toMatch(/^Waiting for approval/);
  });

  it('tells a client that asked for progress that its call still waits', async () => {
    const { client } = await connected(700);
    const messages: string[] = [];
    const result = await client.callTool({ name: 'files.write', arguments: { path: 'p.txt', content: 'p' } }, undefined, { onprogress: (update) => void messages.push(update.message ?? '') });
    expect(textOf(result)).toMatch(/^Waiting for approval/);
    expect(messages.length).toBeGreaterThanOrEqual(3);
    expect(messages[0]).toMatch(/^Waiting for approval in Reign: files.write write on .* \(proposal [0-9a-f]{8}\)\.$/);
  });

  it('runs an approved step once when identical calls race for it', async () => {
    const { client, workspace, proposals } = await connected();
    const call = { name: 'shell.exec', arguments: { command: 'echo x >> count.txt' } };
    await client.callTool(call);
    proposals.decide(proposals.list('pending')[0]!.id, 'approved', 'tester');
    const results = await Promise.all([client.callTool(call), client.callTool(call)]);
    expect(results.filter((result) => !result.isError)).toHaveLength(1);
    expect(results.map(textOf).filter((message) => /already run by another identical call/.test(message))).toHaveLength(1);
    expect(readFileSync(join(workspace, 'count.txt'), 'utf8')).toBe('x\n');
  });

  it('an approval given while the call waits runs it in that call; a rejection is a clear refusal', async () => {
    const { client, workspace, proposals } = await connected(5_000);
    const pending = client.callTool({ name: 'files.write', arguments: { path: 'a.txt', content: 'A' } });
    await expect.poll(() => proposals.list('pending').length).toBe(1);
    proposals.decide(proposals.list('pending')[0]!.id, 'approved', 'tester');
    expect((await pending).isError).toBeFalsy();
    expect(readFileSync(join(workspace, 'a.txt'), 'utf8')).toBe('A');

    const refused = client.callTool({ name: 'files.write', arguments: { path: 'b.txt', content: 'B' } });
    await expect.poll(() => proposals.list('pending').length).toBe(1);
    proposals.decide(proposals.list('pending')[0]!.id, 'rejected', 'tester');
    expect(textOf(await refused)).toMatch(/^Rejected in Reign by tester: files.write write on .* was not run\.$/);
    expect(existsSync(join(workspace, 'b.txt'))).toBe(false);
  });

  it('does not run an approved step when the script it runs changed after the approval', async () => {
    const { client, workspace, proposals } = await connected();
    writeFileSync(join(workspace, 'run.sh'), 'echo one > out.txt\n');
    const call = { name: 'shell.exec', arguments: { command: 'bash run.sh' } };
    expect(textOf(await client.callTool(call))).toMatch(/^Waiting for approval in Reign: shell.exec /);
    const [proposal] = proposals.list('pending');
    expect(proposal?.contentHash).toBeTruthy();
    proposals.decide(proposal!.id, 'approved', 'tester');
    // The approval covers the script the person saw, not what the file says now.
    writeFileSync(join(workspace, 'run.sh'), 'echo two > out.txt\n');
    const ran = await client.callTool(call);
    expect(ran.isError).toBe(true);
    expect(textOf(ran)).toMatch(/did not succeed: .*changed since it was approved/);
    expect(existsSync(join(workspace, 'out.txt'))).toBe(false);
  });

  it('refuses what the policy denies, naming why', async () => {
    const { client, core } = await connected();
    core.settings.update({ policyRules: [{ id: 'r1', decision: 'deny', tool: 'files.read', target: '*', createdAt: new Date().toISOString() }] } as never);
    const denied = await client.callTool({ name: 'files.read', arguments: { path: 'x.txt' } });
    expect(denied.isError).toBe(true);
    expect(textOf(denied)).toMatch(/^Refused by Reign's policy: files.read is read on .*\. Nothing was run\.$/);
  });

  it('holds a read for approval where a rule asks for it', async () => {
    const { client, core, workspace } = await connected();
    writeFileSync(join(workspace, 'x.txt'), 'x');
    core.settings.update({ policyRules: [{ id: 'r1', decision: 'ask', tool: 'files.read', target: '*', createdAt: new Date().toISOString() }] } as never);
    expect(textOf(await client.callTool({ name: 'files.read', arguments: { path: 'x.txt' } }))).toMatch(/^Waiting for approval in Reign: files.read read on /);
  });
});
