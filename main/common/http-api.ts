/**
 * The contract over HTTP, for the renderer in a browser, and in Node for
 * `paperboy --server` and the tests: `POST api/<method>` with JSON, and events
 * from the `api/events` Server-Sent Events stream, read with fetch so the same
 * code runs in both places. Cancelling a call aborts its request; the server
 * then aborts the work. Off loopback, a server is locked: a Node client sends
 * its token as a bearer (a browser holds it as a cookie).
 */
import type { Api, Envelope } from './api.ts';
import { ApiError, cancelled } from './errors.ts';
import { EventListeners } from './event-listeners.ts';

const RETRY_MS = [250, 500, 1000, 2000, 5000];

export interface HttpApiOptions {
  fetch?: typeof fetch;
  /** The server's token (paperboy serve prints it when it listens beyond loopback). */
  token?: string;
}

export function createHttpApi(baseUrl: string | URL, options: HttpApiOptions = {}): Api {
  const base = new URL(baseUrl);
  const fetchImpl = options.fetch ?? fetch.bind(globalThis);
  const auth: Record<string, string> = options.token
    ? { authorization: `Bearer ${options.token}` }
    : {};
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
          headers: { accept: 'text/event-stream', ...auth },
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
    async call(method, args, callOptions = {}) {
      let response: Response;
      try {
        response = await fetchImpl(new URL(`api/${method}`, base), {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...auth },
          body: JSON.stringify(args ?? {}),
          signal: callOptions.signal ?? null,
        });
      } catch (error) {
        if (callOptions.signal?.aborted) throw cancelled();
        throw new ApiError('network', `Cannot reach Paperboy: ${(error as Error).message}`);
      }
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        if (callOptions.signal?.aborted) throw cancelled();
        throw new ApiError('network', `Paperboy's answer was cut: ${(error as Error).message}`);
      }
      let envelope: Envelope;
      try {
        envelope = JSON.parse(text) as Envelope;
      } catch {
        // Not the contract's answer (a locked server, a proxy): its first line says why.
        const line = text.trim().split('\n')[0]?.slice(0, 200);
        // A locked server says why in its own words.
        if (response.status === 401 && line) throw new ApiError('forbidden', line);
        throw new ApiError(
          'internal',
          `Unexpected answer (HTTP ${response.status})${line ? `: ${line}` : '.'}`,
        );
      }
      if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message);
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
