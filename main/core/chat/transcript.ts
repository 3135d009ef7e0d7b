import type { TranscriptEntry } from '../../../preload/contract';
import type { AgentMessage } from '../agent/model-types';

/**
 * A stored conversation as the chat pane shows it: the person's requests, the agent's answers, and
 * each tool call with its result. Tool results the person never typed (they are sent to the model
 * as a user message) are folded into the call they answer.
 */
export function toTranscript(messages: readonly AgentMessage[]): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [];
  const calls = new Map<string, Extract<TranscriptEntry, { kind: 'tool' }>>();
  for (const message of messages) {
    for (const part of message.content) {
      if (part.type === 'text') {
        entries.push({ kind: message.role === 'user' ? 'user' : 'assistant', text: part.text });
      } else if (part.type === 'tool_call') {
        const entry = { kind: 'tool' as const, id: part.id, name: part.name, arguments: part.arguments, result: null, isError: false };
        calls.set(part.id, entry);
        entries.push(entry);
      } else {
        const call = calls.get(part.toolCallId);
        if (call) Object.assign(call, { result: part.content, isError: part.isError });
      }
    }
  }
  // Reign's own nudges to the model are user messages too; they are not the person's words.
  return entries.filter((entry) => !(entry.kind === 'user' && entry.text.startsWith('Reign does not run commands written in text')));
}
