/**
 * Electron's IPC in memory, for the desktop's real bridge code (common/bridge.ts)
 * under test: messages are structured-cloned, as Electron does, and arrive on a
 * later turn, never at once. One renderer page, one main process.
 */
import type { IpcSenderEvent, MainIpc, RendererIpc } from '../../main/common/bridge.ts';

type Listener = (event: unknown, ...args: unknown[]) => void;
type Handler = (event: IpcSenderEvent<Page>, ...args: unknown[]) => Promise<unknown>;

/** The page that sends: what the main process sees as `event.sender`. */
export interface Page {
  url: string;
  /** What the page receives from the main process. */
  deliver(channel: string, args: unknown[]): void;
}

const later = () => new Promise<void>((resolve) => setImmediate(resolve));

export function ipcPair(url = 'app://app/index.html') {
  const handlers = new Map<string, Handler>();
  const mainListeners = new Map<string, Set<Listener>>();
  const pageListeners = new Map<string, Set<Listener>>();
  const page: Page = {
    url,
    deliver(channel, args) {
      const copy = structuredClone(args);
      void later().then(() => {
        for (const listener of pageListeners.get(channel) ?? []) listener({}, ...copy);
      });
    },
  };
  const event = (): IpcSenderEvent<Page> => ({ sender: page, senderFrame: { url: page.url } });
  const main: MainIpc<Page> = {
    handle(channel, listener) {
      handlers.set(channel, listener);
    },
    on(channel, listener) {
      const set = mainListeners.get(channel) ?? new Set();
      set.add(listener as Listener);
      mainListeners.set(channel, set);
    },
    removeHandler: (channel) => handlers.delete(channel),
    removeAllListeners: (channel) => mainListeners.delete(channel),
  };
  const renderer: RendererIpc = {
    async invoke(channel, ...args) {
      const copy = structuredClone(args);
      await later();
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      const result = await handler(event(), ...copy);
      await later();
      return structuredClone(result);
    },
    send(channel, ...args) {
      const copy = structuredClone(args);
      void later().then(() => {
        for (const listener of mainListeners.get(channel) ?? []) listener(event(), ...copy);
      });
    },
    on(channel, listener) {
      const set = pageListeners.get(channel) ?? new Set();
      set.add(listener);
      pageListeners.set(channel, set);
    },
    removeListener(channel, listener) {
      pageListeners.get(channel)?.delete(listener);
    },
  };
  return { main, renderer, page };
}
