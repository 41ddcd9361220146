/**
 * The desktop's pipe for the contract, both ends, written against the few
 * calls of Electron's ipcRenderer and ipcMain they use (so the same code runs
 * under test with an in-memory pair):
 * - `createBridge` is what the preload exposes to the renderer as
 *   `window.paperboy` (the renderer's IPC transport is built on it);
 * - `serveBridge` is the main process's one IPC gatekeeper: calls from trusted
 *   senders only, through the endpoint (which validates them and refuses
 *   local-only methods), cancellable by id; events only to pages that said
 *   they are ready, so `ready()` means what it means over HTTP.
 */
import type { Envelope } from './api.ts';
import type { Endpoint } from './dispatch.ts';

export const IPC_CHANNELS = {
  call: 'paperboy:call',
  cancel: 'paperboy:cancel',
  ready: 'paperboy:ready',
  event: 'paperboy:event',
} as const;

export interface PaperboyBridge {
  /** Calls a contract method; `id` names the call so it can be cancelled. */
  call(id: string, method: string, args: unknown): Promise<Envelope>;
  cancel(id: string): void;
  /** Every contract event, as (name, payload); returns the unsubscribe function. */
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
  /** Resolves once the main process sends this page events: none sent after is missed. */
  ready(): Promise<void>;
}

/** The part of Electron's ipcRenderer the bridge uses. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createBridge(ipc: RendererIpc): PaperboyBridge {
  return {
    call: (id, method, args) =>
      ipc.invoke(IPC_CHANNELS.call, id, method, args) as Promise<Envelope>,
    cancel: (id) => ipc.send(IPC_CHANNELS.cancel, id),
    onEvent(listener) {
      const forward = (_event: unknown, name: unknown, payload: unknown) =>
        listener(String(name), payload);
      ipc.on(IPC_CHANNELS.event, forward as (event: unknown, ...args: unknown[]) => void);
      return () => {
        ipc.removeListener(
          IPC_CHANNELS.event,
          forward as (event: unknown, ...args: unknown[]) => void,
        );
      };
    },
    ready: async () => {
      await ipc.invoke(IPC_CHANNELS.ready);
    },
  };
}

/** What an IPC message tells of who sent it (Electron's IpcMainEvent, in part). */
export interface IpcSenderEvent<Sender> {
  sender: Sender;
  senderFrame?: { url: string } | null;
}

/** The part of Electron's ipcMain the gatekeeper uses. */
export interface MainIpc<Sender> {
  handle(
    channel: string,
    listener: (event: IpcSenderEvent<Sender>, ...args: unknown[]) => Promise<unknown>,
  ): void;
  on(
    channel: string,
    listener: (event: IpcSenderEvent<Sender>, ...args: unknown[]) => void,
  ): unknown;
  removeHandler(channel: string): void;
  removeAllListeners(channel: string): unknown;
}

export interface BridgeServing<Sender> {
  /** Whether a message comes from the app's own window showing the app's own page. */
  trusted(event: IpcSenderEvent<Sender>): boolean;
  /** Sends to a page; false when it is gone (its subscription then ends). */
  send(sender: Sender, channel: string, ...args: unknown[]): boolean;
}

export function serveBridge<Sender>(
  ipc: MainIpc<Sender>,
  endpoint: Endpoint,
  serving: BridgeServing<Sender>,
): () => void {
  const inFlight = new Map<string, AbortController>();
  const listening = new Set<Sender>();

  ipc.handle(IPC_CHANNELS.call, async (event, id, method, args): Promise<Envelope> => {
    if (!serving.trusted(event))
      return {
        ok: false,
        error: { code: 'invalid', message: 'Calls are accepted from the Paperboy window only.' },
      };
    if (typeof id !== 'string' || id.length > 64)
      return { ok: false, error: { code: 'invalid', message: 'Bad call id.' } };
    const controller = new AbortController();
    inFlight.set(id, controller);
    try {
      return await endpoint.call(method, args, controller.signal);
    } finally {
      inFlight.delete(id);
    }
  });

  ipc.on(IPC_CHANNELS.cancel, (event, id) => {
    if (serving.trusted(event) && typeof id === 'string') inFlight.get(id)?.abort();
  });

  ipc.handle(IPC_CHANNELS.ready, async (event) => {
    if (serving.trusted(event)) listening.add(event.sender);
    return null;
  });

  const off = endpoint.subscribe((name, payload) => {
    for (const sender of listening)
      if (!serving.send(sender, IPC_CHANNELS.event, name, payload)) listening.delete(sender);
  });

  return () => {
    off();
    listening.clear();
    for (const controller of inFlight.values()) controller.abort();
    ipc.removeHandler(IPC_CHANNELS.call);
    ipc.removeHandler(IPC_CHANNELS.ready);
    ipc.removeAllListeners(IPC_CHANNELS.cancel);
  };
}
