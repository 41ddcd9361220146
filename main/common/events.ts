/** A typed hub for the contract's events; shells forward it to their clients. */
import type { EventName, EventPayload } from './api.ts';

export type AnyEventListener = (event: EventName, payload: unknown) => void;

export class EventHub {
  #listeners = new Set<AnyEventListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.#listeners) listener(event, payload);
  }

  /** Every event, as (name, payload); returns the unsubscribe function. */
  subscribe(listener: AnyEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
