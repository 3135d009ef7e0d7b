import { parseArgs } from 'node:util';
import type { ChatOptions } from '../core/chat/chat-service';

/**
 * `reign-desktop --workspace DIR --transcript FILE`: the same options as `reign serve`. Unknown
 * arguments (Chromium's own switches) are ignored rather than refused.
 */
export function chatOptions(argv: readonly string[]): ChatOptions {
  const { values } = parseArgs({ args: [...argv], strict: false, allowPositionals: true, options: { workspace: { type: 'string' }, transcript: { type: 'string' } } });
  return {
    ...(typeof values.workspace === 'string' ? { workspace: values.workspace } : {}),
    ...(typeof values.transcript === 'string' ? { transcript: values.transcript } : {}),
  };
}
