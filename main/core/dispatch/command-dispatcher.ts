import { ZodError } from 'zod';
import { type CommandName, commands, type Envelope, ErrorCodes, type WireError } from '../../../preload/contract';
import type { CallContext, CommandHandlers } from './command-handlers';

/**
 * The one entry point both transports use: looks the command up in the contract, validates the
 * request against its schema, runs the handler, validates the response, and wraps the outcome
 * in an envelope. Nothing unvalidated reaches a service and no exception escapes.
 */
export class CommandDispatcher {
  constructor(private readonly handlers: CommandHandlers) {}

  async dispatch(command: string, payload: unknown, context: CallContext): Promise<Envelope<unknown>> {
    if (!Object.hasOwn(commands, command)) {
      return failure({ name: 'ReignError', code: ErrorCodes.unknownCommand, message: `Unknown command "${command}".` });
    }
    const name = command as CommandName;
    const definition = commands[name];
    const request = definition.request.safeParse(payload ?? {});
    if (!request.success) {
      return failure({ name: 'ValidationError', code: ErrorCodes.invalidRequest, message: `Invalid request for ${name}: ${describeIssues(request.error)}`, issues: toIssues(request.error) });
    }
    try {
      const handler = this.handlers[name] as (request: unknown, context: CallContext) => unknown;
      const result = await handler(request.data, context);
      const response = definition.response.safeParse(result);
      if (!response.success) {
        console.error(`reign: ${name} produced a response that does not match the contract:`, response.error.issues);
        return failure({ name: 'ReignError', code: ErrorCodes.invalidResponse, message: `${name} produced an invalid response; this is a bug in Reign.` });
      }
      return { ok: true, result: response.data };
    } catch (error) {
      return failure(toWireError(error));
    }
  }
}

function failure(error: WireError): Envelope<never> {
  return { ok: false, error };
}

/** Services throw errors that carry a code and a message meant for the user; keep both, drop the stack. */
export function toWireError(error: unknown): WireError {
  if (error instanceof ZodError) {
    return { name: 'ValidationError', code: ErrorCodes.invalidRequest, message: describeIssues(error), issues: toIssues(error) };
  }
  if (error instanceof Error) {
    const { code } = error as Error & { code?: unknown };
    return { name: error.name, code: typeof code === 'string' ? code : ErrorCodes.internal, message: error.message };
  }
  return { name: 'Error', code: ErrorCodes.internal, message: String(error) };
}

function toIssues(error: ZodError): NonNullable<WireError['issues']> {
  return error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message }));
}

function describeIssues(error: ZodError): string {
  return toIssues(error)
    .map((issue) => `${issue.path}: ${issue.message}`)
    .join('; ');
}
