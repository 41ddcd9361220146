/**
 * The contract over HTTP, for the renderer in a browser and for tests in Node:
 * `POST api/<method>` with JSON, and events from the `api/events` Server-Sent
 * Events stream, read with fetch so the same code runs in both places.
 * Cancelling a call aborts its request; the server then aborts the work.
 */
import type { Api, Envelope } from '../../main/common/api.ts';
import { EventListeners } from './event-listeners.ts';
import { RemoteError } from './remote-error.ts';

const RETRY_MS = [250, 500, 1000, 2000, 5000];

export function createHttpApi(
  baseUrl: string | URL,
  fetchImpl: typeof fetch = fetch.bind(globalThis),
): Api {
  const base = new URL(baseUrl);
  const listeners = new EventListeners();
  const closed = new AbortController();
  let streaming = false;
  let markReady: () => void = () => {};
  let readyPromise = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  async function readEvents(): Promise<void> {
    for (let attempt = 0; !closed.signal.aborted; attempt++) {
      try {
        const response = await fetchImpl(new URL('api/events', base), {
          signal: closed.signal,
          headers: { accept: 'text/event-stream' },
        });
        if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`);
        attempt = 0;
        await parseEventStream(response.body, (event, data) => {
          if (event === 'ready') markReady();
          else listeners.deliver(event, JSON.parse(data));
        });
      } catch {
        if (closed.signal.aborted) return;
      }
      // The stream ended or failed: anything emitted until it is back would be missed.
      readyPromise = new Promise<void>((resolve) => {
        markReady = resolve;
      });
      await new Promise((resolve) =>
        setTimeout(resolve, RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]),
      );
    }
  }

  function ensureStream() {
    if (streaming) return;
    streaming = true;
    void readEvents();
  }

  return {
    async call(method, args, options = {}) {
      let response: Response;
      try {
        response = await fetchImpl(new URL(`api/${method}`, base), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(args ?? {}),
          signal: options.signal,
        });
      } catch (error) {
        if (options.signal?.aborted)
          throw new RemoteError({ code: 'aborted', message: 'The operation was cancelled.' });
        throw new RemoteError({
          code: 'network',
          message: `Cannot reach Paperboy: ${(error as Error).message}`,
        });
      }
      let envelope: Envelope;
      try {
        envelope = (await response.json()) as Envelope;
      } catch {
        if (options.signal?.aborted)
          throw new RemoteError({ code: 'aborted', message: 'The operation was cancelled.' });
        throw new RemoteError({
          code: 'internal',
          message: `Unexpected answer (HTTP ${response.status}).`,
        });
      }
      if (!envelope.ok) throw new RemoteError(envelope.error);
      // biome-ignore lint/suspicious/noExplicitAny: the server answered this method's result type
      return envelope.result as any;
    },
    on(event, listener) {
      ensureStream();
      return listeners.add(event, listener);
    },
    ready() {
      ensureStream();
      return readyPromise;
    },
    close() {
      closed.abort();
      listeners.clear();
    },
  };
}

/** Reads `event:`/`data:` blocks (the text/event-stream format) until the stream ends. */
async function parseEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: string, data: string) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      }
      if (data.length) onEvent(event, data.join('\n'));
      end = buffer.indexOf('\n\n');
    }
  }
}
