import type { AgentMessage, ContentPart } from './model-types';
import { truncateMiddle } from './tool-output';

/** Rough token count: about four characters a token for English and code. */
export const estimateTokens = (chars: number): number => Math.ceil(chars / 4);

const sizeOf = (messages: readonly AgentMessage[]): number => messages.reduce((sum, message) => sum + JSON.stringify(message.content).length, 0);

/**
 * Keeps the conversation inside the model's window: above 75% of it, old tool results are shortened
 * first; if that is not enough, the oldest turns are replaced by a summary of what happened in them.
 * The last few messages are never touched. Returns a notice for the user when anything changed.
 */
export function compactContext(messages: readonly AgentMessage[], windowTokens: number, fixedChars: number): { messages: AgentMessage[]; notice: string | null } {
  const budget = windowTokens * 0.75;
  if (estimateTokens(sizeOf(messages) + fixedChars) <= budget) return { messages: [...messages], notice: null };
  const keepFrom = Math.max(0, messages.length - 4);
  let compacted = messages.map((message, index) =>
    index >= keepFrom
      ? message
      : { ...message, content: message.content.map((part): ContentPart => (part.type === 'tool_result' && part.content.length > 600 ? { ...part, content: truncateMiddle(part.content, 600) } : part)) },
  );
  if (estimateTokens(sizeOf(compacted) + fixedChars) <= budget) {
    return { messages: compacted, notice: 'The conversation is getting long: older tool results were shortened to fit the model.' };
  }
  // Replace everything before the kept tail with a summary, starting at a user turn so tool calls and results stay paired.
  let cut = keepFrom;
  while (cut > 0 && !(compacted[cut]!.role === 'user' && compacted[cut]!.content.every((part) => part.type === 'text'))) cut -= 1;
  if (cut === 0) cut = keepFrom;
  const summary = summarise(compacted.slice(0, cut));
  compacted = [{ role: 'user', content: [{ type: 'text', text: summary }] }, { role: 'assistant', content: [{ type: 'text', text: 'Understood; continuing from that summary.' }] }, ...compacted.slice(cut)];
  return { messages: compacted, notice: `The conversation is too long for the model: its ${cut} oldest messages were replaced by a summary.` };
}

function summarise(messages: readonly AgentMessage[]): string {
  const lines: string[] = [];
  for (const message of messages) {
    for (const part of message.content) {
      if (part.type === 'text') lines.push(`${message.role === 'user' ? 'Person' : 'You'}: ${part.text.replace(/\s+/g, ' ').slice(0, 300)}`);
      else if (part.type === 'tool_call') lines.push(`You called ${part.name}(${JSON.stringify(part.arguments ?? {}).slice(0, 200)})`);
      else lines.push(`${part.name} ${part.isError ? 'failed' : 'returned'}: ${part.content.replace(/\s+/g, ' ').slice(0, 200)}`);
    }
  }
  return `[Summary of the earlier conversation, shortened by Reign to fit the model's context]\n${lines.join('\n')}`;
}
