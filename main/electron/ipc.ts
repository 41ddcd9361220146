/**
 * The one IPC gatekeeper. Every call comes through `paperboy:call`, is accepted
 * only from the app's own window showing the app's own origin, and only for
 * contract methods (dispatch validates the method and its arguments). Calls can
 * be cancelled by id; events go to the window as `paperboy:event`.
 */
import { type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent, ipcMain } from 'electron';
import type { Envelope, Handlers } from '../common/api.ts';
import { IPC_CHANNELS } from '../common/bridge.ts';
import { dispatch } from '../common/dispatch.ts';
import type { EventHub } from '../common/events.ts';
import { APP_ORIGIN } from './app-protocol.ts';

export function setupIpc(
  handlers: Handlers,
  hub: EventHub,
  window: () => BrowserWindow | undefined,
): () => void {
  const inFlight = new Map<string, AbortController>();

  function trusted(event: IpcMainInvokeEvent | IpcMainEvent): boolean {
    const own = window();
    const frameUrl = event.senderFrame?.url ?? '';
    return (
      Boolean(own) && event.sender === own!.webContents && frameUrl.startsWith(`${APP_ORIGIN}/`)
    );
  }

  ipcMain.handle(
    IPC_CHANNELS.call,
    async (event, id: unknown, method: unknown, args: unknown): Promise<Envelope> => {
      if (!trusted(event))
        return {
          ok: false,
          error: { code: 'invalid', message: 'Calls are accepted from the Paperboy window only.' },
        };
      if (typeof id !== 'string' || id.length > 64)
        return { ok: false, error: { code: 'invalid', message: 'Bad call id.' } };
      const controller = new AbortController();
      inFlight.set(id, controller);
      try {
        return await dispatch(handlers, method, args, controller.signal);
      } finally {
        inFlight.delete(id);
      }
    },
  );

  ipcMain.on(IPC_CHANNELS.cancel, (event, id: unknown) => {
    if (trusted(event) && typeof id === 'string') inFlight.get(id)?.abort();
  });

  const off = hub.subscribe((name, payload) => {
    const own = window();
    if (own && !own.isDestroyed()) own.webContents.send(IPC_CHANNELS.event, name, payload);
  });

  return () => {
    off();
    for (const controller of inFlight.values()) controller.abort();
    ipcMain.removeHandler(IPC_CHANNELS.call);
    ipcMain.removeAllListeners(IPC_CHANNELS.cancel);
  };
}
