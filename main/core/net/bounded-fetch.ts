/**
 * A request for something small from the network (a manifest, a feed, an
 * article), with the bounds every network read must have:
 *   1. an answer (its headers) within `headersMs`;
 *   2. no pause of more than `idleMs` between parts of the body;
 *   3. at most `limit` bytes: refused from Content-Length before the body is
 *      read, else as soon as the body passes it while it streams.
 * What goes wrong is one line naming the host; cancellation stays cancellation.
 */
import { ApiError, cancelled } from '../../common/errors.ts';
import { formatBytes } from '../../common/format-bytes.ts';
import { networkReason, USER_AGENT } from './network-words.ts';

export interface Bounds {
  headersMs: number;
  idleMs: number;
  limit: number;
  /** What is being read, for errors ("a manifest or feed", "the article"). */
  what: string;
}

export const DEFAULT_BOUNDS = { headersMs: 30_000, idleMs: 30_000 };

export interface BoundedAnswer {
  status: number;
  url: string;
  headers: Headers;
  /** The body, when the status is 2xx; empty otherwise (it is not read). */
  body: Uint8Array;
}

export async function boundedFetch(
  url: string,
  options: {
    fetch: typeof globalThis.fetch;
    headers?: Record<string, string>;
    signal?: AbortSignal;
  } & Bounds,
): Promise<BoundedAnswer> {
  const host = new URL(url).host;
  const controller = new AbortController();
  const signal = options.signal
    ? AbortSignal.any([options.signal, controller.signal])
    : controller.signal;
  let late: string | undefined;
  let timer = setTimeout(() => {
    late = `${host} did not answer within ${options.headersMs / 1000} s`;
    controller.abort();
  }, options.headersMs);
  const rearm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      late = `${host} stopped sending ${options.what} for ${options.idleMs / 1000} s`;
      controller.abort();
    }, options.idleMs);
  };
  const failed = (error: unknown): ApiError => {
    if (error instanceof ApiError) return error;
    if (options.signal?.aborted) return cancelled();
    if (late) return new ApiError('network', `${late}.`);
    return new ApiError('network', `Cannot reach ${host}: ${networkReason(error)}.`);
  };
  try {
    let response: Response;
    try {
      response = await options.fetch(url, {
        headers: { 'user-agent': USER_AGENT, ...options.headers },
        redirect: 'follow',
        signal,
      });
    } catch (error) {
      throw failed(error);
    }
    if (response.url && !/^https?:/i.test(response.url)) {
      await response.body?.cancel().catch(() => {});
      throw new ApiError('network', `${host} redirected to an address that is not on the web.`);
    }
    const answer = { status: response.status, url: response.url || url, headers: response.headers };
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => {});
      return { ...answer, body: new Uint8Array(0) };
    }
    const tooLarge = () =>
      new ApiError(
        'network',
        `${host} sent more than ${formatBytes(options.limit)} for ${options.what}; it was refused.`,
      );
    const length = Number(response.headers.get('content-length') ?? Number.NaN);
    if (length > options.limit) {
      await response.body.cancel().catch(() => {});
      throw tooLarge();
    }
    rearm();
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body) {
        rearm();
        size += chunk.length;
        if (size > options.limit) throw tooLarge();
        chunks.push(chunk);
      }
    } catch (error) {
      controller.abort();
      throw failed(error);
    }
    return { ...answer, body: Buffer.concat(chunks, size) };
  } finally {
    clearTimeout(timer);
  }
}
