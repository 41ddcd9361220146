/**
 * What the desktop preload exposes to the renderer as `window.paperboy`: a
 * generic pipe for the contract. The renderer's IPC transport is built on it; the
 * main process checks every call against the contract (main/electron/ipc.ts).
 */
import type { Envelope } from './api.ts';

export const IPC_CHANNELS = {
  call: 'paperboy:call',
  cancel: 'paperboy:cancel',
  event: 'paperboy:event',
} as const;

export interface PaperboyBridge {
  /** Calls a contract method; `id` names the call so it can be cancelled. */
  call(id: string, method: string, args: unknown): Promise<Envelope>;
  cancel(id: string): void;
  /** Every contract event, as (name, payload); returns the unsubscribe function. */
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
}
