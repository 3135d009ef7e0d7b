import { type CommandName, commandNames, decodeEnvelope, type Envelope, type ReignApi, type ReignBridge } from '../../../preload/contract';
import type { ReignClient } from './transport-types';

/** Wraps the preload's `window.reign` bridge: decodes envelopes into results or real errors. */
export function createElectronClient(bridge: ReignBridge): ReignClient {
  const commands = Object.fromEntries(
    commandNames.map((name: CommandName) => [
      name,
      async (request: unknown) => decodeEnvelope(await (bridge.commands[name] as (r: unknown) => Promise<Envelope<unknown>>)(request)),
    ]),
  ) as unknown as ReignApi['commands'];
  return {
    kind: 'electron',
    commands,
    events: bridge.events,
    connectionState: () => 'connected',
    onConnectionState: () => () => {},
    dispose: () => {},
  };
}
