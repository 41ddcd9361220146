/**
 * The contract served in-process: the same dispatch the shells use, with no
 * transport between. The CLI and the contract tests hold one of these.
 */
import type { Api, EventName, Handlers } from './api.ts';
import { dispatch } from './dispatch.ts';
import { ApiError } from './errors.ts';
import type { EventHub } from './events.ts';

export function createLocalApi(handlers: Handlers, hub: EventHub): Api {
  const unsubscribers = new Set<() => void>();
  return {
    async call(method, args, options = {}) {
      const signal = options.signal ?? new AbortController().signal;
      const envelope = await dispatch(handlers, method, args, signal);
      if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message);
      // biome-ignore lint/suspicious/noExplicitAny: the envelope's result was produced for this method
      return envelope.result as any;
    },
    on(event, listener) {
      const off = hub.subscribe((name: EventName, payload) => {
        if (name === event) (listener as (p: unknown) => void)(payload);
      });
      unsubscribers.add(off);
      return () => {
        off();
        unsubscribers.delete(off);
      };
    },
    ready: async () => {},
    close() {
      for (const off of unsubscribers) off();
      unsubscribers.clear();
    },
  };
}
