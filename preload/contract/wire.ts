import { z } from 'zod';

/**
 * The envelope every message crosses a transport in. Results and errors are values:
 * the receiving side rebuilds a real Error from `error`.
 */
export const WireErrorSchema = z.object({
  name: z.string(),
  code: z.string(),
  message: z.string(),
  /** Field-level problems, e.g. from schema validation: path and message. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type WireError = z.infer<typeof WireErrorSchema>;

export const ErrorCodes = {
  badMessage: 'BAD_MESSAGE',
  messageTooLarge: 'MESSAGE_TOO_LARGE',
  unknownCommand: 'UNKNOWN_COMMAND',
  invalidRequest: 'INVALID_REQUEST',
  invalidResponse: 'INVALID_RESPONSE',
  forbiddenSender: 'FORBIDDEN_SENDER',
  internal: 'INTERNAL',
  disconnected: 'DISCONNECTED',
} as const;

export type Envelope<T> = { ok: true; result: T } | { ok: false; error: WireError };

/** renderer → main over the WebSocket. */
export const ClientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('request'), id: z.string().min(1).max(100), command: z.string().max(200), payload: z.unknown() }),
  z.object({ type: z.literal('cancel'), id: z.string().min(1).max(100) }),
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

/** main → renderer over the WebSocket. `id` is null when the request could not be read at all. */
export type ServerMessage =
  | { type: 'response'; id: string | null; envelope: Envelope<unknown> }
  | { type: 'event'; event: string; payload: unknown };

/** The largest message either side accepts, in bytes. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/** Turns a wire error back into an Error with its code, on the receiving side. */
export class ReignError extends Error {
  readonly code: string;
  readonly issues: WireError['issues'];
  constructor(wire: WireError) {
    super(wire.message);
    this.name = wire.name;
    this.code = wire.code;
    this.issues = wire.issues;
  }
}

export function decodeEnvelope<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.result;
  throw new ReignError(envelope.error);
}
