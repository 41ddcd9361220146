/**
 * The desktop's IPC: the gatekeeper (common/bridge.ts) on Electron's ipcMain.
 * A call is trusted only from the app's own window showing the app's own
 * origin; events go to that window's page once it has said it is ready.
 */
import { type BrowserWindow, ipcMain, type WebContents } from 'electron';
import { serveBridge } from '../common/bridge.ts';
import type { Endpoint } from '../common/dispatch.ts';
import { APP_ORIGIN } from './app-protocol.ts';

export function setupIpc(endpoint: Endpoint, window: () => BrowserWindow | undefined): () => void {
  return serveBridge<WebContents>(ipcMain, endpoint, {
    trusted(event) {
      const own = window();
      const frameUrl = event.senderFrame?.url ?? '';
      return (
        Boolean(own) && event.sender === own!.webContents && frameUrl.startsWith(`${APP_ORIGIN}/`)
      );
    },
    send(sender, channel, ...args) {
      if (sender.isDestroyed()) return false;
      sender.send(channel, ...args);
      return true;
    },
  });
}
