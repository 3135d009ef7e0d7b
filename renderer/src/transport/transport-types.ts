import type { ReignApi } from '../../../preload/contract';

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

/** What the rest of the renderer gets: the typed API, plus the connection's state for the status bar. */
export interface ReignClient extends ReignApi {
  readonly kind: 'electron' | 'websocket';
  connectionState(): ConnectionState;
  onConnectionState(listener: (state: ConnectionState) => void): () => void;
  /** Closes the connection and stops reconnecting. */
  dispose(): void;
}
