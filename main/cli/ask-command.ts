import { createInterface } from 'node:readline/promises';
import { resolve } from 'node:path';
import { newConversationTitle, type PlanAnswer, type SessionEvent } from '../core/agent/agent-session';
import { ProviderError, type ModelProvider } from '../core/agent/model-types';
import { openAgentSession } from '../core/agent/open-agent-session';
import { createProvider } from '../core/agent/provider-factory';
import type { Core } from '../core/bootstrap';
import type { Risk } from '../core/policy/risk';
import { isFolder } from '../core/tools/workspace-paths';
import { approvalDefaultFor } from '../../preload/contract/autonomy';
import type { CliIo } from './cli-io';
import { humanPrinter } from './run-printer';

export interface AskOptions {
  readonly provider?: string;
  readonly model?: string;
  readonly baseUrl?: string;
  readonly transcript?: string;
  readonly approve?: string;
  readonly workspace?: string;
  readonly json: boolean;
  readonly conversation?: string;
}

/** Exit codes of `reign ask`, documented in README.md. */
export const AskExit = { done: 0, failed: 1, usage: 2, awaitingApproval: 3, cancelled: 130 } as const;

const approveLevels: Record<string, Risk | null> = { none: null, read: 'read', write: 'write', destructive: 'destructive', all: 'critical' };

/** `reign ask "REQUEST"`: one request to the agent, run to completion in the terminal. */
export async function askCommand(core: Core, io: CliIo, request: string, options: AskOptions): Promise<number> {
  if (!request.trim()) return usage(io, 'give the request in quotes: reign ask "why is my web container restarting?"');
  const explicit = options.approve === undefined ? undefined : approveLevels[options.approve];
  if (explicit === undefined && options.approve !== undefined) return usage(io, `--approve takes none, read, write, destructive or all, not "${options.approve}"`);
  const workspace = resolve(options.workspace ?? process.cwd());
  if (!isFolder(workspace)) return usage(io, `the workspace ${workspace} is not a folder`);
  const settings = core.settings.get();
  const providerName = options.provider ?? (options.transcript ? 'scripted' : settings.modelProvider);
  let provider: ModelProvider;
  let model: string;
  try {
    ({ provider, model } = await createProvider({ secrets: core.secrets, settings: core.settings, redactor: core.redactor, env: io.env }, { provider: providerName, model: options.model, baseUrl: options.baseUrl, transcript: options.transcript }));
  } catch (error) {
    io.stderr(`reign: ${(error as Error).message}\n`);
    return error instanceof ProviderError ? AskExit.failed : AskExit.usage;
  }

  // Without --approve, the model's measured score decides (autonomy from results; off unless set).
  const byScore = options.approve === undefined ? approvalDefaultFor(settings, provider.id, model) : null;
  const approveUpTo = byScore ? (approveLevels[byScore.approve] ?? null) : (explicit ?? null);
  const approveSource = byScore ? `reign ask, by the model's score (${byScore.why})` : `reign ask --approve ${options.approve}`;
  if (byScore && byScore.approve !== 'none' && !options.json) io.stdout(`[approving up to ${byScore.approve} without --approve: ${byScore.why}]\n`);

  await core.loadSecretsIntoRedactor();
  const conversationId = options.conversation ? core.conversations.get(options.conversation)?.id : core.conversations.create(newConversationTitle(request), provider.id, model);
  if (!conversationId) return usage(io, `no conversation ${options.conversation}`);
  const { session, promptVersion } = openAgentSession(
    { registry: core.tools, policy: core.policy, runs: core.runs, audit: core.audit, redactor: core.redactor, conversations: core.conversations, operations: core.operations },
    {
      provider,
      model,
      workspace,
      env: io.env,
      shell: await core.shell(),
      toolSets: await core.agentToolSets(),
      conversationId,
      answerPlan: async (): Promise<PlanAnswer> => ({ approveUpTo, source: approveSource }),
      askUser: (question) => answerQuestion(io, question, options.json),
    },
  );
  session.on(options.json ? (event) => io.stdout(`${JSON.stringify(event)}\n`) : printer(io));
  const cancel = (): void => session.cancel();
  process.once('SIGINT', cancel);
  try {
    const result = await session.send(request);
    if (!options.json) io.stdout(`\n[conversation ${conversationId} · ${promptVersion} · ${provider.id}/${model}]\n`);
    if (result.status === 'cancelled') return AskExit.cancelled;
    if (result.status === 'failed') return AskExit.failed;
    return result.awaitingApproval.length ? AskExit.awaitingApproval : AskExit.done;
  } finally {
    process.off('SIGINT', cancel);
  }
}

async function answerQuestion(io: CliIo, question: string, json: boolean): Promise<string> {
  const stdin = process.stdin;
  if (json || !stdin.isTTY) return 'The person is not available to answer (non-interactive run). Do only what is certain without the answer, or stop and say what you need to know.';
  const readline = createInterface({ input: stdin, output: process.stdout });
  try {
    return await readline.question(`\n? ${question}\n> `);
  } finally {
    readline.close();
  }
}

function usage(io: CliIo, message: string): number {
  io.stderr(`reign ask: ${message}\n`);
  return AskExit.usage;
}

function printer(io: CliIo): (event: SessionEvent) => void {
  const runPrinter = humanPrinter(io);
  return (event) => {
    switch (event.type) {
      case 'text':
        return io.stdout(event.delta);
      case 'tool_call':
        return io.stdout(`\n→ ${event.name} ${JSON.stringify(event.arguments ?? {}).slice(0, 160)}\n`);
      case 'tool_result':
        return event.isError ? io.stdout(`  ✗ ${event.content.split('\n').slice(2, 3).join(' ').slice(0, 200)}\n`) : undefined;
      case 'plan_proposed':
        return io.stdout(`\nPlan: ${event.plan.summary}\n${event.plan.steps.map((step) => `  ${step.id}: ${step.tool} — ${step.risk} on ${step.target.label} (${step.decision}): ${step.reasons.join('; ')}`).join('\n')}\n`);
      case 'run_event':
        return event.event.type === 'step.classified' ? undefined : runPrinter(event.event);
      case 'approval_needed':
        return io.stdout(`\nAwaiting approval: ${event.steps.map((step) => `${step.id} (${step.risk}, ${step.why})`).join(', ')}. Re-run with --approve to allow them.\n`);
      case 'notice':
        return io.stdout(`\n[${event.message}]\n`);
      case 'final':
        if (event.error) io.stderr(`\nreign: ${event.error.message}\n`);
        return undefined;
      case 'usage':
        return undefined;
      default:
        return undefined;
    }
  };
}
