/**
 * The preload: exposes the contract's pipe to the sandboxed renderer with
 * contextBridge, and nothing else. No Node, no ipcRenderer itself, crosses over.
 */
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import type { Envelope } from '../common/api.ts';
import { IPC_CHANNELS, type PaperboyBridge } from '../common/bridge.ts';

const bridge: PaperboyBridge = {
  call: (id, method, args) =>
    ipcRenderer.invoke(IPC_CHANNELS.call, id, method, args) as Promise<Envelope>,
  cancel: (id) => ipcRenderer.send(IPC_CHANNELS.cancel, id),
  onEvent(listener) {
    const forward = (_event: IpcRendererEvent, name: string, payload: unknown) =>
      listener(name, payload);
    ipcRenderer.on(IPC_CHANNELS.event, forward);
    return () => {
      ipcRenderer.removeListener(IPC_CHANNELS.event, forward);
    };
  },
};

contextBridge.exposeInMainWorld('paperboy', bridge);
