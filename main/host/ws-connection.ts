import type { RawData, WebSocket } from 'ws';
import { ClientMessageSchema, ErrorCodes, encodeTerminalDataFrame, MAX_MESSAGE_BYTES, type ServerMessage } from '../../preload/contract';
import type { Core } from '../core/bootstrap';

/**
 * One browser connection: requests in, responses and events out. A bad message gets an error
 * envelope and the connection (and the server) carry on.
 */
export function attachConnection(socket: WebSocket, core: Core): void {
  const inFlight = new Map<string, AbortController>();
  const send = (message: ServerMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const reject = (id: string | null, code: string, message: string): void =>
    send({ type: 'response', id, envelope: { ok: false, error: { name: 'ProtocolError', code, message } } });

  const unsubscribe = core.events.subscribe((event, payload) => {
    // Terminal output as a binary frame (see TERMINAL_DATA_FRAME); the same socket keeps it in order with the other events.
    if (event === 'terminal.data') {
      const output = payload as { id: string; data: string };
      if (socket.readyState === socket.OPEN) socket.send(encodeTerminalDataFrame(output, Buffer.from(output.data, 'utf8')), { binary: true });
      return;
    }
    send({ type: 'event', event, payload });
  });

  socket.on('message', (data: RawData, isBinary: boolean) => {
    const size = Array.isArray(data) ? data.reduce((sum, part) => sum + part.length, 0) : (data as Buffer | ArrayBuffer).byteLength;
    if (size > MAX_MESSAGE_BYTES) return reject(null, ErrorCodes.messageTooLarge, `Message of ${size} bytes is larger than the limit of ${MAX_MESSAGE_BYTES} bytes.`);
    if (isBinary) return reject(null, ErrorCodes.badMessage, 'Binary messages are not accepted; send JSON text.');
    let json: unknown;
    try {
      json = JSON.parse(data.toString());
    } catch {
      return reject(null, ErrorCodes.badMessage, 'Message is not valid JSON.');
    }
    const parsed = ClientMessageSchema.safeParse(json);
    if (!parsed.success) {
      const id = typeof (json as { id?: unknown })?.id === 'string' ? (json as { id: string }).id : null;
      return reject(id, ErrorCodes.badMessage, 'Message does not match the protocol: expected {type:"request", id, command, payload} or {type:"cancel", id}.');
    }
    const message = parsed.data;
    if (message.type === 'cancel') {
      inFlight.get(message.id)?.abort();
      return;
    }
    if (inFlight.has(message.id)) return reject(message.id, ErrorCodes.badMessage, `Request id ${message.id} is already in flight.`);
    const controller = new AbortController();
    inFlight.set(message.id, controller);
    void core.dispatcher
      .dispatch(message.command, message.payload, { host: 'serve', signal: controller.signal })
      .then((envelope) => send({ type: 'response', id: message.id, envelope }))
      .finally(() => inFlight.delete(message.id));
  });

  socket.on('close', () => {
    unsubscribe();
    for (const controller of inFlight.values()) controller.abort();
    inFlight.clear();
  });
  socket.on('error', () => socket.terminate());
}
