import { type BrowserWindow, ipcMain } from 'electron';
import { commandChannel, commandNames, ErrorCodes, eventChannel } from '../../preload/contract';
import type { Core } from '../core/bootstrap';
import { isTrustedSender } from './trusted-sender';

/**
 * Wires every contract command to the dispatcher over IPC, and every core event to the window.
 * Messages from any frame but the app's own are refused. Returns a disposer.
 */
export function bridgeContract(core: Core, getWindow: () => BrowserWindow | null, appUrl: string): () => void {
  for (const name of commandNames) {
    ipcMain.handle(commandChannel(name), async (event, payload: unknown) => {
      const frame = event.senderFrame;
      const message = { sender: event.sender, frameUrl: frame?.url, isMainFrame: frame === event.sender.mainFrame };
      if (!isTrustedSender(message, getWindow()?.webContents ?? null, appUrl)) {
        return { ok: false, error: { name: 'ReignError', code: ErrorCodes.forbiddenSender, message: 'This frame may not call Reign.' } };
      }
      const controller = new AbortController();
      event.sender.once('destroyed', () => controller.abort());
      return core.dispatcher.dispatch(name, payload, { host: 'electron', signal: controller.signal });
    });
  }
  const unsubscribe = core.events.subscribe((name, payload) => {
    const window = getWindow();
    if (window && !window.isDestroyed()) window.webContents.send(eventChannel(name), payload);
  });
  return () => {
    unsubscribe();
    for (const name of commandNames) ipcMain.removeHandler(commandChannel(name));
  };
}
