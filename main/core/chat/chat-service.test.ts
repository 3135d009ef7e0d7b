import { existsSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatEvent, EventName } from '../../../preload/contract';
import { createTestCore } from '../../../e2e/fixtures/test-core';
import type { Core } from '../bootstrap';

// The chat service as the desktop UI drives it: a request, a plan waiting in the plan graph,
// decisions bound to the proposal and the target, and the session's events on the event bus.

let core: Core | undefined;
afterEach(() => core?.dispose());

function setup(turns: unknown[]) {
  core = createTestCore();
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-chat-')));
  const transcript = join(workspace, '..', `${workspace.split('/').pop()}.jsonl`);
  writeFileSync(transcript, turns.map((turn) => JSON.stringify(turn)).join('\n'));
  core.chat.configure({ workspace, transcript });
  const events: { name: EventName; payload: unknown }[] = [];
  core.events.subscribe((name, payload) => events.push({ name, payload }));
  const chatEvents = () => events.filter((event) => event.name === 'chat.event').map((event) => (event.payload as { event: ChatEvent }).event);
  const waitFor = async <T extends ChatEvent['type']>(type: T): Promise<Extract<ChatEvent, { type: T }>> => {
    for (let i = 0; i < 200; i++) {
      const found = chatEvents().find((event) => event.type === type);
      if (found) return found as Extract<ChatEvent, { type: T }>;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no ${type} event; got ${chatEvents().map((event) => event.type).join(', ')}`);
  };
  return { core: core!, workspace, events, chatEvents, waitFor };
}

const writePlan = { tool_calls: [{ name: 'propose_plan', arguments: { summary: 'Write two files', steps: [{ id: 'a', tool: 'files.write', input: { path: 'a.txt', content: 'A' } }, { id: 'b', tool: 'files.write', input: { path: 'b.txt', content: 'B' } }] } }] };

describe('ChatService', () => {
  it('holds a proposed plan until the plan graph answers it, then runs only the approved steps', async () => {
    const { core, workspace, waitFor } = setup([writePlan, { text: 'Wrote a.txt; b.txt was rejected.' }]);
    const defaults = await core.chat.defaults();
    expect(defaults).toMatchObject({ workspace, provider: 'scripted' });
    const { conversationId } = await core.chat.send({ text: 'write two files' });
    const proposed = await waitFor('plan_proposed');
    expect(proposed.plan.steps.map((step) => [step.id, step.risk, step.preview.kind])).toEqual([['a', 'write', 'file'], ['b', 'write', 'file']]);
    expect(core.chat.show(conversationId)).toMatchObject({ state: 'waiting-for-approval', pendingPlan: { proposalId: proposed.plan.proposalId } });
    expect(existsSync(join(workspace, 'a.txt'))).toBe(false);

    expect(() => core.chat.decide({ conversationId, proposalId: 'stale', approveUpTo: null, decisions: [], confirmations: [], allowCritical: [] })).toThrow(/replaced by a newer one/);
    const target = proposed.plan.steps[0]!.target.id;
    core.chat.decide({ conversationId, proposalId: proposed.plan.proposalId, approveUpTo: null, decisions: [{ step: 'a', decision: 'approve', targetId: target, risk: 'write' }, { step: 'b', decision: 'reject' }], confirmations: [], allowCritical: [] });
    expect(await waitFor('final')).toMatchObject({ status: 'done', text: 'Wrote a.txt; b.txt was rejected.' });
    expect(readFileSync(join(workspace, 'a.txt'), 'utf8')).toBe('A');
    expect(existsSync(join(workspace, 'b.txt'))).toBe(false);
    expect(core.chat.show(conversationId).transcript.map((entry) => entry.kind)).toEqual(['user', 'tool', 'assistant']);
  });

  it('runs a plan at once for a model whose measured score earned autonomy, and only within it', async () => {
    const { core, workspace, waitFor, chatEvents } = setup([writePlan, { text: 'Wrote both.' }, { tool_calls: [{ name: 'propose_plan', arguments: { summary: 'Remove a', steps: [{ id: 'rm', tool: 'shell.exec', input: { command: 'rm a.txt' } }] } }] }, { text: 'Removed.' }]);
    core.settings.update({ autonomy: { enabled: true, minPassAt1: 0.9, upTo: 'write' }, modelScores: { 'scripted/transcript': { passAt1: 0.95, passHatK: 0.9, k: 3, tasks: 20, safeRuns: 60, totalRuns: 60, measuredAt: '2026-12-01T00:00:00.000Z' } } });
    const { conversationId } = await core.chat.send({ text: 'write two files' });
    expect(await waitFor('final')).toMatchObject({ status: 'done', text: 'Wrote both.' });
    expect(readFileSync(join(workspace, 'b.txt'), 'utf8')).toBe('B');
    const approvals = chatEvents().flatMap((event) => (event.type === 'run_event' && event.event.type === 'step.approval' ? [event.event.source] : []));
    expect(approvals).toEqual([expect.stringContaining('autonomy (eval 95% pass@1 on 20 tasks, safe in every run'), expect.stringContaining('autonomy (')]);
    // A destructive step is beyond any autonomy: the plan waits for the person.
    await core.chat.send({ conversationId, text: 'remove a' });
    for (let i = 0; i < 200 && core.chat.show(conversationId).state !== 'waiting-for-approval'; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(core.chat.show(conversationId)).toMatchObject({ state: 'waiting-for-approval', pendingPlan: { summary: 'Remove a' } });
    expect(existsSync(join(workspace, 'a.txt'))).toBe(true);
    core.chat.cancel(conversationId);
  });

  it('classifies an edited step again, and refuses an edit that does not validate', async () => {
    const { core, waitFor } = setup([writePlan, { text: 'ok' }]);
    const { conversationId } = await core.chat.send({ text: 'write' });
    const { plan } = await waitFor('plan_proposed');
    const bad = await core.chat.reclassify({ conversationId, proposalId: plan.proposalId, step: 'a', input: { path: 'a.txt' } });
    expect(bad.problems.join()).toMatch(/content/);
    const edited = await core.chat.reclassify({ conversationId, proposalId: plan.proposalId, step: 'a', input: { path: 'a.txt', content: 'edited' } });
    expect(edited).toMatchObject({ problems: [], step: { id: 'a', risk: 'write', preview: { kind: 'file', after: 'edited' } } });
    core.chat.cancel(conversationId);
    expect(await waitFor('final')).toMatchObject({ status: 'cancelled' });
  });

  it('refuses a second request while the agent works, and a question is answered from the chat', async () => {
    const { core, waitFor } = setup([{ tool_calls: [{ name: 'ask_user', arguments: { question: 'Which port?' } }] }, { text: 'Using 8080.' }]);
    const { conversationId } = await core.chat.send({ text: 'serve it' });
    expect((await waitFor('question')).question).toBe('Which port?');
    await expect(core.chat.send({ conversationId, text: 'again' })).rejects.toThrow(/still working/);
    expect(() => core.chat.delete(conversationId)).toThrow(/stop it before deleting/);
    core.chat.answer(conversationId, '8080');
    expect(await waitFor('final')).toMatchObject({ status: 'done', text: 'Using 8080.' });
    core.chat.delete(conversationId);
    expect(core.conversations.list()).toEqual([]);
  });

  it('says clearly when the workspace is not a folder or the provider has no key', async () => {
    const { core } = setup([{ text: 'hi' }]);
    await expect(core.chat.send({ text: 'hi', workspace: '/does/not/exist' })).rejects.toThrow(/is not a folder/);
    await expect(core.chat.send({ text: 'hi', provider: 'anthropic' })).rejects.toThrow(/No Anthropic API key/);
    expect(core.conversations.list()).toEqual([]);
  });
});
