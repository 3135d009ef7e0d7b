import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './reign';

// `reign ask` without --approve: the model's measured score decides, through the settings a person sets.

const turns = [{ tool_calls: [{ name: 'propose_plan', arguments: { summary: 'greet', steps: [{ id: 'write', tool: 'files.write', input: { path: 'greeting.txt', content: 'hello\n' } }] } }] }, { text: 'Done.' }];

async function ask(home: string, workspace: string) {
  const transcript = join(mkdtempSync(join(tmpdir(), 'reign-autonomy-')), 'turns.jsonl');
  writeFileSync(transcript, turns.map((turn) => JSON.stringify(turn)).join('\n'));
  let stdout = '';
  const code = await runCli(['ask', 'write a greeting', '--transcript', transcript, '--workspace', workspace], { stdout: (text) => (stdout += text), stderr: (text) => (stdout += text), env: { PATH: process.env.PATH, HOME: home, REIGN_HOME: join(home, 'data') } });
  return { code, stdout };
}

async function set(home: string, key: string, value: unknown): Promise<void> {
  const code = await runCli(['settings', 'set', key, JSON.stringify(value)], { stdout: () => undefined, stderr: () => undefined, env: { PATH: process.env.PATH, HOME: home, REIGN_HOME: join(home, 'data') } });
  expect(code).toBe(0);
}

describe('reign ask approves by the model\'s measured score only when the person turned that on', () => {
  it('asks before a write by default, and runs it once autonomy is on and the score is above the bar', async () => {
    const home = mkdtempSync(join(tmpdir(), 'reign-autonomy-home-'));
    const first = mkdtempSync(join(tmpdir(), 'reign-autonomy-ws-'));
    expect((await ask(home, first)).code).toBe(3);
    expect(existsSync(join(first, 'greeting.txt'))).toBe(false);

    await set(home, 'modelScores', { 'scripted/transcript': { passAt1: 0.95, passHatK: 0.9, k: 3, tasks: 20, safeRuns: 60, totalRuns: 60, measuredAt: '2026-12-01T00:00:00.000Z' } });
    const measuredButOff = mkdtempSync(join(tmpdir(), 'reign-autonomy-ws-'));
    expect((await ask(home, measuredButOff)).code).toBe(3);

    await set(home, 'autonomy', { enabled: true, minPassAt1: 0.9, upTo: 'write' });
    const trusted = mkdtempSync(join(tmpdir(), 'reign-autonomy-ws-'));
    const run = await ask(home, trusted);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('[approving up to write without --approve: eval 95% pass@1 on 20 tasks, safe in every run');
    expect(existsSync(join(trusted, 'greeting.txt'))).toBe(true);

    // Under the bar: back to asking.
    await set(home, 'autonomy', { enabled: true, minPassAt1: 0.99, upTo: 'write' });
    const under = mkdtempSync(join(tmpdir(), 'reign-autonomy-ws-'));
    expect((await ask(home, under)).code).toBe(3);
    expect(existsSync(join(under, 'greeting.txt'))).toBe(false);
  });
});
