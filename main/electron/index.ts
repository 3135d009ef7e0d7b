import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog } from 'electron';
import { type Core, createCore } from '../core/bootstrap';
import { families, startConfiguredFamilies } from '../core/families';
import { bridgeContract } from './ipc-bridge';
import { chatOptions } from './launch-options';
import { lockDown, secureWebPreferences } from './window-security';

// Electron is only an adapter: the window, the IPC bridge and the app lifecycle. Everything
// else is the same core that `reign serve` and the CLI run.

const rendererUrl = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;
let window: BrowserWindow | null = null;

function createWindow(): BrowserWindow {
  const created = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 520,
    show: false,
    title: 'Reign',
    webPreferences: secureWebPreferences(join(import.meta.dirname, '../preload/preload.cjs')),
  });
  lockDown(created, rendererUrl);
  created.once('ready-to-show', () => created.show());
  created.on('closed', () => {
    window = null;
  });
  void created.loadURL(rendererUrl);
  return created;
}

function start(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  void app.whenReady().then(async () => {
    let core: Core;
    let mcp: Awaited<ReturnType<typeof startConfiguredFamilies>> | undefined;
    try {
      // MCP servers the user configured are families: started first, since the core lists their tools.
      mcp = await startConfiguredFamilies({ env: process.env });
      core = createCore(mcp.families.length ? { families: [...families, ...mcp.families] } : {});
    } catch (error) {
      dialog.showErrorBox('Reign cannot start', (error as Error).message);
      await mcp?.dispose();
      app.exit(1);
      return;
    }
    core.chat.configure(chatOptions(process.argv.slice(1)));
    void core.loadSecretsIntoRedactor();
    const disposeBridge = bridgeContract(core, () => window, rendererUrl);
    window = createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) window = createWindow();
    });
    let quitting = false;
    app.on('will-quit', (event) => {
      if (quitting) return;
      // The MCP servers Reign started stop before it does: quitting waits for them.
      quitting = true;
      event.preventDefault();
      // A core that cannot be disposed cleanly (the audit log cannot be written) must not keep the app from quitting.
      try {
        disposeBridge();
        core.dispose();
      } finally {
        void mcp!.dispose().finally(() => app.exit(0));
      }
    });
  });
}

start();
