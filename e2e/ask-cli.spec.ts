import { mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startAnthropicFixture, turn } from './fixtures/anthropic-fixture';
import { requireInfrastructure } from './fixtures/infrastructure';
import { startOllamaFixture } from './fixtures/ollama-fixture';
import { builtAppProblem, isolatedEnv, runReignAsync, jsonLines } from './fixtures/serve-process';
import { writeTranscript } from './fixtures/transcripts';

// `reign ask` as a user (or a benchmark harness) runs it: the built CLI, real tools in a real
// workspace, and the model either scripted or behind a local server speaking the provider's wire format.


function workspace(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'reign-ask-')));
  writeFileSync(join(dir, 'app.env'), 'PORT=8080\n');
  return dir;
}

const transcript = writeTranscript;

describe('reign ask', () => {
  it('runs a scripted session to the end: --json prints text, tool calls and results, the classified plan, step events and the final answer', async (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    const dir = workspace();
    const file = transcript([
      { text: 'Reading the config.', tool_calls: [{ name: 'files.read', arguments: { path: 'app.env' } }] },
      { tool_calls: [{ name: 'propose_plan', arguments: { summary: 'Change the port', steps: [{ id: 'port', tool: 'files.write', input: { path: 'app.env', content: 'PORT=9090\n' } }] } }] },
      { text: 'The port is now 9090.' },
    ]);
    const result = await runReignAsync(['ask', 'move the app to port 9090', '--transcript', file, '--approve', 'write', '--workspace', dir, '--json'], isolatedEnv());
    expect(result.status, result.stderr).toBe(0);
    const events = jsonLines(result.stdout);
    const types = events.map((event) => event.type);
    for (const type of ['state', 'text', 'tool_call', 'tool_result', 'plan_proposed', 'run_event', 'usage', 'final']) expect(types).toContain(type);
    expect(events.find((event) => event.type === 'plan_proposed').plan.steps[0]).toMatchObject({ id: 'port', risk: 'write', decision: 'ask' });
    expect(events.at(-1)).toMatchObject({ type: 'final', status: 'done', text: 'The port is now 9090.', awaitingApproval: [] });
    expect(readFileSync(join(dir, 'app.env'), 'utf8')).toBe('PORT=9090\n');
  });

  it('stores the conversation, so it can be listed and continued after a restart', async (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    const env = isolatedEnv();
    const first = transcript([{ text: 'Hello.', usage: { input: 100, output: 10 } }]);
    await runReignAsync(['ask', 'hello there', '--transcript', first, '--workspace', workspace()], env);
    const listed = JSON.parse((await runReignAsync(['conversations', '--json'], env)).stdout);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ title: 'hello there', usage: { inputTokens: 100, outputTokens: 10 } });
    const second = transcript([{ text: 'Still here.' }]);
    const continued = await runReignAsync(['ask', 'again', '--transcript', second, '--conversation', listed[0].id, '--workspace', workspace(), '--json'], env);
    expect(jsonLines(continued.stdout).at(-1)).toMatchObject({ type: 'final', text: 'Still here.' });
    expect(JSON.parse((await runReignAsync(['conversations', '--json'], env)).stdout)).toHaveLength(1);
  });

  it('does not run steps above --approve, and exits 3 to say so', async (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    const dir = workspace();
    const file = transcript([
      { tool_calls: [{ name: 'propose_plan', arguments: { summary: 'Change the port', steps: [{ id: 'port', tool: 'files.write', input: { path: 'app.env', content: 'PORT=1\n' } }] } }] },
      { text: 'The change is waiting for your approval.' },
    ]);
    const result = await runReignAsync(['ask', 'change the port', '--transcript', file, '--workspace', dir], isolatedEnv());
    expect(result.status).toBe(3);
    expect(result.stdout).toMatch(/Awaiting approval: port \(write, not approved\)/);
    expect(readFileSync(join(dir, 'app.env'), 'utf8')).toBe('PORT=8080\n');
  });

  it('talks to Claude through the Messages API (a local server speaking its SSE format)', async (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    const fixture = await startAnthropicFixture();
    try {
      fixture.enqueue(
        { kind: 'sse', events: turn({ text: 'Let me check.', toolCalls: [{ id: 'toolu_1', name: 'files_read', input: { path: 'app.env' } }] }) },
        { kind: 'sse', events: turn({ text: 'The app listens on 8080.', usage: { input: 2000, cacheRead: 1500, output: 12 } }) },
      );
      const dir = workspace();
      const result = await runReignAsync(['ask', 'which port?', '--provider', 'anthropic', '--base-url', fixture.baseURL, '--workspace', dir], isolatedEnv({ ANTHROPIC_API_KEY: 'sk-ant-api03-e2e-0123456789abcdefghijklmnop' }));
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/The app listens on 8080\./);
      const second = fixture.requests.filter((request) => request.path === '/v1/messages')[1]!.body;
      expect(second.messages.at(-1).content[0]).toMatchObject({ type: 'tool_result', tool_use_id: 'toolu_1' });
      expect(second.messages.at(-1).content[0].content).toMatch(/<tool_output tool="files.read" status="ok">[\s\S]*PORT=8080/);
      expect(second.system[0].cache_control).toEqual({ type: 'ephemeral' });
      expect(result.stdout).not.toContain('sk-ant-api03-e2e');
    } finally {
      await fixture.close();
    }
  });

  it('talks to a local Ollama model (a local server speaking its NDJSON format)', async (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    const fixture = await startOllamaFixture(['qwen3:8b']);
    try {
      fixture.enqueue({ kind: 'chat', chunks: [{ tool_calls: [{ function: { name: 'files_read', arguments: { path: 'app.env' } } }] }] }, { kind: 'chat', chunks: [{ content: 'Port ' }, { content: '8080.' }] });
      const result = await runReignAsync(['ask', 'which port?', '--provider', 'ollama', '--model', 'qwen3:8b', '--base-url', fixture.baseUrl, '--workspace', workspace(), '--json'], isolatedEnv());
      expect(result.status, result.stderr).toBe(0);
      expect(jsonLines(result.stdout).at(-1)).toMatchObject({ type: 'final', status: 'done', text: 'Port 8080.' });
    } finally {
      await fixture.close();
    }
  });

  it('says what to do when there is no key, no server, or no model', async (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    const noKey = await runReignAsync(['ask', 'hi', '--provider', 'anthropic', '--workspace', workspace()], isolatedEnv());
    expect(noKey).toMatchObject({ status: 1, stderr: expect.stringMatching(/No Anthropic API key: store one in Settings/) });
    const noServer = await runReignAsync(['ask', 'hi', '--provider', 'ollama', '--model', 'qwen3:8b', '--base-url', 'http://127.0.0.1:9', '--workspace', workspace()], isolatedEnv());
    expect(noServer).toMatchObject({ status: 1, stderr: expect.stringMatching(/ollama serve/) });
    const noModel = await runReignAsync(['ask', 'hi', '--provider', 'ollama', '--workspace', workspace()], isolatedEnv());
    expect(noModel).toMatchObject({ status: 2, stderr: expect.stringMatching(/choose an Ollama model/) });
  });
});
