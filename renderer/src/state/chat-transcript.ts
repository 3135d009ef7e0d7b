import type { ChatEvent, TranscriptEntry } from '../../../preload/contract';

/** One entry of the chat as shown: what the person said, what the agent streamed, tool cards, notices. */
export type ChatEntry =
  | { readonly kind: 'user'; readonly text: string }
  | { readonly kind: 'assistant'; readonly text: string }
  | { readonly kind: 'tool'; readonly id: string; readonly name: string; readonly arguments: unknown; readonly result: string | null; readonly isError: boolean }
  | { readonly kind: 'plan'; readonly proposalId: string; readonly summary: string; readonly steps: number }
  | { readonly kind: 'question'; readonly question: string; readonly answer: string | null }
  | { readonly kind: 'notice'; readonly text: string }
  | { readonly kind: 'error'; readonly text: string; readonly errorKind: string };

export const fromTranscript = (entries: readonly TranscriptEntry[]): ChatEntry[] => entries.map((entry) => ({ ...entry }));

/**
 * The chat after one session event. Streaming text extends the agent's current answer; a new
 * turn (a tool call, a notice) closes it, so the next text starts a new answer.
 */
export function applyChatEvent(entries: readonly ChatEntry[], event: ChatEvent): readonly ChatEntry[] {
  const last = entries.at(-1);
  switch (event.type) {
    case 'text':
      return last?.kind === 'assistant' ? [...entries.slice(0, -1), { kind: 'assistant', text: last.text + event.delta }] : [...entries, { kind: 'assistant', text: event.delta }];
    case 'tool_call':
      return [...entries, { kind: 'tool', id: event.id, name: event.name, arguments: event.arguments, result: null, isError: false }];
    case 'tool_result':
      return entries.map((entry) => (entry.kind === 'tool' && entry.id === event.id ? { ...entry, result: event.content, isError: event.isError } : entry));
    case 'plan_proposed':
      return [...entries, { kind: 'plan', proposalId: event.plan.proposalId, summary: event.plan.summary, steps: event.plan.steps.length }];
    case 'question':
      return [...entries, { kind: 'question', question: event.question, answer: null }];
    case 'notice':
      return [...entries, { kind: 'notice', text: event.message }];
    case 'final':
      return event.error ? [...entries, { kind: 'error', text: event.error.message, errorKind: event.error.kind }] : entries;
    default:
      // State, usage and run events change other things, not the transcript: same array, no re-render.
      return entries;
  }
}

/** Records the person's answer on the question it answers (the latest open one). */
export function answerQuestion(entries: readonly ChatEntry[], answer: string): readonly ChatEntry[] {
  const index = entries.findLastIndex((entry) => entry.kind === 'question' && entry.answer === null);
  if (index < 0) return [...entries];
  return entries.map((entry, i) => (i === index && entry.kind === 'question' ? { ...entry, answer } : entry));
}
