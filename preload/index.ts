import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildBridge } from './build-bridge';

// The renderer gets `window.reign`: the contract's functions and nothing else. ipcRenderer itself
// never crosses the bridge, and the listener wrapper drops the event object (it carries `sender`).
contextBridge.exposeInMainWorld(
  'reign',
  buildBridge({
    invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
    on: (channel, listener) => {
      const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
      ipcRenderer.on(channel, wrapped);
      return () => ipcRenderer.removeListener(channel, wrapped);
    },
  }),
);
