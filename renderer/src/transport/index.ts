import type { ReignBridge } from '../../../preload/contract';
import { createElectronClient } from './electron-transport';
import type { ReignClient } from './transport-types';
import { createWebSocketClient } from './websocket-transport';

export type { ConnectionState, ReignClient } from './transport-types';

const TOKEN_KEY = 'reign.token';

/**
 * The one place the renderer picks its transport: the Electron preload's bridge when present,
 * else the `reign serve` WebSocket, authenticated with the token from the URL fragment.
 */
export function connectReign(): ReignClient {
  const bridge = (window as { reign?: ReignBridge }).reign;
  if (bridge) return createElectronClient(bridge);
  return createWebSocketClient({ url: `ws://${location.host}/ws?token=${encodeURIComponent(takeToken())}` });
}

/** Reads the token from #token=…, keeps it for reloads of this tab, and takes it out of the address bar. */
function takeToken(): string {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}
