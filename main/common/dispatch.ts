/**
 * The one gatekeeper between a transport and the services: it checks that the
 * method is in the contract (and, for a transport, not a local-only one),
 * validates the arguments against its schema, runs the handler, and turns
 * whatever happens into an Envelope. IPC, HTTP and in-process calls all go through it.
 */
import {
  type Envelope,
  type EventName,
  type Handlers,
  isLocalOnly,
  isMethodName,
  methods,
} from './api.ts';
import { ApiError, cancelled, oneLine, toErrorData } from './errors.ts';
import type { AnyEventListener, EventHub } from './events.ts';

export interface DispatchOptions {
  /** The call came over a transport (IPC, HTTP): local-only methods are refused. */
  remote?: boolean;
}

export async function dispatch(
  handlers: Handlers,
  method: unknown,
  args: unknown,
  signal: AbortSignal,
  options: DispatchOptions = {},
): Promise<Envelope> {
  try {
    if (!isMethodName(method)) {
      throw new ApiError('invalid', `Unknown method: ${String(method).slice(0, 80)}`);
    }
    if (options.remote && isLocalOnly(method))
      throw new ApiError(
        'forbidden',
        `${method} is served only in-process, on the machine that holds the archive.`,
      );
    const parsed = methods[method].args.safeParse(args ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? issue.path.join('.') : 'arguments';
      throw new ApiError(
        'invalid',
        `${method}: ${where} ${oneLine(issue?.message ?? 'are invalid')}`,
      );
    }
    signal.throwIfAborted();
    const handler = handlers[method] as (
      a: unknown,
      c: { signal: AbortSignal },
    ) => Promise<unknown>;
    const result = await handler(parsed.data, { signal });
    return { ok: true, result };
  } catch (error) {
    if (signal.aborted) return { ok: false, error: cancelled().toJSON() };
    return { ok: false, error: toErrorData(error) };
  }
}

/**
 * What a transport (the IPC bridge, the HTTP server) serves: calls by name with
 * untrusted arguments, answered as envelopes, and every event. Local-only
 * methods are refused here.
 */
export interface Endpoint {
  call(method: unknown, args: unknown, signal: AbortSignal): Promise<Envelope>;
  /** Every contract event, as (name, payload); returns the unsubscribe function. */
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void;
}

export function createEndpoint(handlers: Handlers, hub: EventHub): Endpoint {
  return {
    call: (method, args, signal) => dispatch(handlers, method, args, signal, { remote: true }),
    subscribe: (listener: AnyEventListener) => hub.subscribe(listener),
  };
}
