import type { z } from 'zod';

/** A command: one request from the renderer, one response from main. */
export interface CommandDefinition<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly request: Req;
  readonly response: Res;
  readonly description: string;
}

/** An event: pushed from main to every connected renderer. */
export interface EventDefinition<P extends z.ZodType = z.ZodType> {
  readonly payload: P;
  readonly description: string;
}

export function defineCommand<Req extends z.ZodType, Res extends z.ZodType>(
  definition: CommandDefinition<Req, Res>,
): CommandDefinition<Req, Res> {
  return definition;
}

export function defineEvent<P extends z.ZodType>(definition: EventDefinition<P>): EventDefinition<P> {
  return definition;
}
