import { z } from 'zod';
import { defineEvent } from './define';
import { SettingsSchema } from './settings';
import { terminalEvents } from './terminal';

/** Every event main pushes to renderers. */
export const events = {
  'settings.changed': defineEvent({
    description: 'Settings were changed (by any window, the CLI or the browser UI).',
    payload: SettingsSchema,
  }),
  'secrets.changed': defineEvent({
    description: 'A credential was stored or removed. Carries only which one, never its value.',
    payload: z.object({ name: z.enum(['anthropic']), stored: z.boolean() }),
  }),
  'resources.changed': defineEvent({
    description: 'Something changed on the Docker engine (a container started, an image was removed…); lists should be read again.',
    payload: z.object({}),
  }),
  ...terminalEvents,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;

export const eventNames = Object.keys(events) as EventName[];
