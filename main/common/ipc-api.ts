/** The contract over the desktop preload's bridge (window.paperboy). */
import type { Api } from './api.ts';
import type { PaperboyBridge } from './bridge.ts';
import { ApiError, cancelled } from './errors.ts';
import { EventListeners } from './event-listeners.ts';

export function createIpcApi(bridge: PaperboyBridge): Api {
  const listeners = new EventListeners();
  const off = bridge.onEvent((event, payload) => listeners.deliver(event, payload));
  let counter = 0;
  return {
    async call(method, args, options = {}) {
      const id = `${Date.now().toString(36)}-${++counter}`;
      // Cancelled before it was sent: the same answer the other transports give.
      if (options.signal?.aborted) throw cancelled();
      const onAbort = () => bridge.cancel(id);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        const envelope = await bridge.call(id, method, args ?? {});
        if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message);
        // biome-ignore lint/suspicious/noExplicitAny: the main process answered this method's result type
        return envelope.result as any;
      } finally {
        options.signal?.removeEventListener('abort', onAbort);
      }
    },
    on: (event, listener) => listeners.add(event, listener),
    // The main process sends events to this page once it has asked: from then on, none is missed.
    ready: () => bridge.ready(),
    close() {
      off();
      listeners.clear();
    },
  };
}
