import type { CommandName, CommandResponse, ParsedCommandRequest } from '../../../preload/contract';

/** Who is calling: handlers may answer differently per host, never per trust level. */
export interface CallContext {
  readonly host: 'electron' | 'serve';
  readonly signal: AbortSignal;
}

export type CommandHandler<C extends CommandName> = (request: ParsedCommandRequest<C>, context: CallContext) => Promise<CommandResponse<C>> | CommandResponse<C>;

/** One handler per contract command; the type makes a missing one a compile error. */
export type CommandHandlers = { [C in CommandName]: CommandHandler<C> };
