import type { CommandName, CommandRequest, CommandResponse } from './commands';
import type { EventName, EventPayload } from './events';
import type { Envelope } from './wire';

/** The API renderer code uses, whatever the transport. Derived from the contract, never written by hand. */
export type ReignCommands = {
  [C in CommandName]: (request: CommandRequest<C>) => Promise<CommandResponse<C>>;
};
export type ReignEvents = {
  [E in EventName]: (listener: (payload: EventPayload<E>) => void) => () => void;
};
export interface ReignApi {
  readonly commands: ReignCommands;
  readonly events: ReignEvents;
}

/**
 * What the Electron preload exposes as `window.reign`. Commands resolve to envelopes, not thrown
 * errors, because an Error loses its code crossing contextBridge; the renderer decodes them.
 */
export type ReignBridgeCommands = {
  [C in CommandName]: (request: CommandRequest<C>) => Promise<Envelope<CommandResponse<C>>>;
};
export interface ReignBridge {
  readonly commands: ReignBridgeCommands;
  readonly events: ReignEvents;
}

/** IPC channel names for the Electron transport. */
export const commandChannel = (name: CommandName): string => `reign:command:${name}`;
export const eventChannel = (name: EventName): string => `reign:event:${name}`;
