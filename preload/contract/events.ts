import { z } from 'zod';
import { defineEvent } from './define';
import { ChatEventSchema } from './chat';
import { SettingsSchema } from './settings';
import { terminalEvents } from './terminal';
import { mcpInboxEvents } from './mcp-inbox';

/** Every event main pushes to renderers. */
export const events = {
  'settings.changed': defineEvent({
    description: 'Settings were changed (by any window, the CLI or the browser UI).',
    payload: SettingsSchema,
  }),
  'secrets.changed': defineEvent({
    description: 'A credential was stored or removed. Carries only which one, never its value.',
    payload: z.object({ name: z.string(), stored: z.boolean() }),
  }),
  'resources.changed': defineEvent({
    description: 'Something changed in a view\'s infrastructure (a container started, an image was removed…); its rows should be read again.',
    payload: z.object({ view: z.string().optional() }),
  }),
  'chat.event': defineEvent({
    description: 'Something happened in an agent session: text streamed, a tool called, a plan proposed, a step ran, the state changed.',
    payload: z.object({ conversationId: z.string(), event: ChatEventSchema }),
  }),
  'conversations.changed': defineEvent({
    description: 'A conversation was created, renamed, deleted or got new messages.',
    payload: z.object({}),
  }),
  'runs.undo': defineEvent({
    description: 'One step of a run being undone (or left in place because it has no undo).',
    payload: z.object({ runId: z.string(), step: z.string(), type: z.enum(['step.undone', 'step.left-in-place']), ok: z.boolean(), text: z.string() }),
  }),
  'models.pullProgress': defineEvent({
    description: 'Progress of an Ollama model pull.',
    payload: z.object({ model: z.string(), status: z.string(), completed: z.number().nullable(), total: z.number().nullable() }),
  }),
  ...terminalEvents,
  ...mcpInboxEvents,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;

export const eventNames = Object.keys(events) as EventName[];
