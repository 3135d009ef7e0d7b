import { type CommandName, commandChannel, commandNames, type EventName, eventChannel, eventNames, type ReignBridge } from './contract';

/** The two IPC primitives the preload needs; passed in so this stays testable without Electron. */
export interface IpcPort {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: (payload: unknown) => void): () => void;
}

/** Builds exactly one function per contract command and per contract event, nothing else. */
export function buildBridge(ipc: IpcPort): ReignBridge {
  const commands = Object.fromEntries(commandNames.map((name: CommandName) => [name, (request: unknown) => ipc.invoke(commandChannel(name), request)]));
  const events = Object.fromEntries(
    eventNames.map((name: EventName) => [name, (listener: (payload: unknown) => void) => ipc.on(eventChannel(name), listener)]),
  );
  return Object.freeze({ commands: Object.freeze(commands), events: Object.freeze(events) }) as unknown as ReignBridge;
}
