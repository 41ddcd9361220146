/** The contract over the desktop preload's bridge (window.paperboy). */
import type { Api } from '../../main/common/api.ts';
import type { PaperboyBridge } from '../../main/common/bridge.ts';
import { EventListeners } from './event-listeners.ts';
import { RemoteError } from './remote-error.ts';

export function createIpcApi(bridge: PaperboyBridge): Api {
  const listeners = new EventListeners();
  const off = bridge.onEvent((event, payload) => listeners.deliver(event, payload));
  let counter = 0;
  return {
    async call(method, args, options = {}) {
      const id = `${Date.now().toString(36)}-${++counter}`;
      options.signal?.throwIfAborted();
      const onAbort = () => bridge.cancel(id);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        const envelope = await bridge.call(id, method, args ?? {});
        if (!envelope.ok) throw new RemoteError(envelope.error);
        // biome-ignore lint/suspicious/noExplicitAny: the main process answered this method's result type
        return envelope.result as any;
      } finally {
        options.signal?.removeEventListener('abort', onAbort);
      }
    },
    on: (event, listener) => listeners.add(event, listener),
    ready: async () => {},
    close() {
      off();
      listeners.clear();
    },
  };
}
