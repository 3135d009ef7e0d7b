import type { Core } from '../core/bootstrap';
import type { CliIo } from './cli-io';

/** `reign conversations [--json]`: stored conversations with their tokens and cost; continue one with `reign ask --conversation ID`. */
export function conversationsCommand(core: Core, io: CliIo, json: boolean): number {
  const conversations = core.conversations.list();
  if (json) {
    io.stdout(`${JSON.stringify(conversations)}\n`);
    return 0;
  }
  if (!conversations.length) {
    io.stdout('no conversations yet\n');
    return 0;
  }
  for (const conversation of conversations) {
    const tokens = conversation.usage.inputTokens + conversation.usage.outputTokens + conversation.usage.cacheReadTokens + conversation.usage.cacheWriteTokens;
    const cost = conversation.costUsd === null ? 'cost unknown' : `$${conversation.costUsd.toFixed(4)}`;
    io.stdout(`${conversation.id}  ${conversation.updatedAt}  ${conversation.provider}/${conversation.model}  ${tokens} tokens, ${cost}  ${conversation.title}\n`);
  }
  return 0;
}
