import type { EventName, EventPayload } from './api.ts';

/** The listeners a transport keeps per event name; shared by both transports. */
export class EventListeners {
  #byName = new Map<string, Set<(payload: unknown) => void>>();

  add<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.#byName.get(event) ?? new Set();
    this.#byName.set(event, set);
    const entry = listener as (payload: unknown) => void;
    set.add(entry);
    return () => set.delete(entry);
  }

  deliver(event: string, payload: unknown): void {
    for (const listener of this.#byName.get(event) ?? []) listener(payload);
  }

  clear(): void {
    this.#byName.clear();
  }
}
