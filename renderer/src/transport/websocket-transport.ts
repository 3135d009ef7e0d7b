import {
  type CommandName,
  commandNames,
  decodeEnvelope,
  decodeTerminalDataFrame,
  type Envelope,
  ErrorCodes,
  type EventName,
  eventNames,
  type ReignApi,
  ReignError,
  type ServerMessage,
} from '../../../preload/contract';
import type { ConnectionState, ReignClient } from './transport-types';

interface Pending {
  resolve(envelope: Envelope<unknown>): void;
}

export interface WebSocketClientOptions {
  readonly url: string;
  /** For tests: a WebSocket constructor other than the browser's. */
  readonly WebSocketImpl?: typeof WebSocket;
  readonly maxBackoffMs?: number;
}

/**
 * The `reign serve` transport: requests with ids over one WebSocket, events pushed back.
 * Reconnects with backoff; requests made while disconnected wait for the connection,
 * and requests in flight when it drops fail with a DISCONNECTED error rather than hanging.
 */
export function createWebSocketClient(options: WebSocketClientOptions): ReignClient {
  const Impl = options.WebSocketImpl ?? WebSocket;
  const pending = new Map<string, Pending>();
  const queue: string[] = [];
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let socket: WebSocket | null = null;
  let nextId = 1;
  let attempt = 0;
  let disposed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const setState = (next: ConnectionState): void => {
    if (next === state) return;
    state = next;
    for (const listener of stateListeners) listener(state);
  };

  const connect = (): void => {
    setState('connecting');
    const ws = new Impl(options.url);
    socket = ws;
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      attempt = 0;
      setState('connected');
      for (const message of queue.splice(0)) ws.send(message);
    };
    ws.onmessage = (event: MessageEvent) => {
      // The only binary frames main sends are terminal output (TERMINAL_DATA_FRAME).
      if (event.data instanceof ArrayBuffer) {
        const payload = decodeTerminalDataFrame(new Uint8Array(event.data));
        if (payload) for (const listener of eventListeners.get('terminal.data') ?? []) listener(payload);
        return;
      }
      const message = JSON.parse(String(event.data)) as ServerMessage;
      if (message.type === 'event') {
        for (const listener of eventListeners.get(message.event) ?? []) listener(message.payload);
      } else if (message.id !== null) {
        pending.get(message.id)?.resolve(message.envelope);
        pending.delete(message.id);
      }
    };
    // A failed connection is followed by close, which handles it.
    ws.onerror = () => {};
    ws.onclose = () => {
      socket = null;
      for (const [id, request] of pending) {
        request.resolve({ ok: false, error: { name: 'ReignError', code: ErrorCodes.disconnected, message: 'The connection to Reign was lost before it answered.' } });
        pending.delete(id);
      }
      setState('disconnected');
      if (disposed) return;
      attempt += 1;
      const delay = Math.min(options.maxBackoffMs ?? 5000, 250 * 2 ** Math.min(attempt, 5));
      retryTimer = setTimeout(connect, delay);
    };
  };

  const call = (command: CommandName, payload: unknown): Promise<unknown> =>
    new Promise<Envelope<unknown>>((resolve) => {
      const id = String(nextId++);
      pending.set(id, { resolve });
      const message = JSON.stringify({ type: 'request', id, command, payload });
      if (socket && state === 'connected') socket.send(message);
      else queue.push(message);
    }).then(decodeEnvelope);

  const commands = Object.fromEntries(commandNames.map((name) => [name, (request: unknown) => call(name, request)])) as unknown as ReignApi['commands'];
  const events = Object.fromEntries(
    eventNames.map((name: EventName) => [
      name,
      (listener: (payload: unknown) => void) => {
        const listeners = eventListeners.get(name) ?? new Set();
        eventListeners.set(name, listeners);
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    ]),
  ) as unknown as ReignApi['events'];

  connect();
  return {
    kind: 'websocket',
    commands,
    events,
    connectionState: () => state,
    onConnectionState: (listener) => {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    dispose: () => {
      disposed = true;
      clearTimeout(retryTimer);
      socket?.close();
    },
  };
}

export { ReignError };
