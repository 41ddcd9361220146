/**
 * When to try a download again, and how long to wait first:
 *   1. never after a miss (404/410), a refusal (other 4xx) or a cancellation;
 *   2. after a network error, a stall, a cut-short body, 5xx or 429: up to
 *      `attempts` tries, waiting a random time up to base·2^try, capped
 *      ("full jitter"), so many clients do not retry in step;
 *   3. a Retry-After from the server is honoured instead, up to `maxMs`.
 */
export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseMs: 500, maxMs: 60_000 };

/** A failure worth another try; `retryAfterMs` when the server said when. */
export class TransientError extends Error {
  override name = 'TransientError';
  readonly retryAfterMs: number | undefined;

  constructor(message: string, retryAfterMs?: number) {
    super(message);
    this.retryAfterMs = retryAfterMs;
  }
}

export function backoffMs(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** attempt);
  return Math.round(random() * ceiling);
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Runs `work` until it succeeds, fails for good, or the tries run out. */
export async function withRetries<T>(
  work: (attempt: number) => Promise<T>,
  options: {
    policy: RetryPolicy;
    sleep: Sleep;
    signal?: AbortSignal;
    onRetry?: (error: Error, waitMs: number) => void;
  },
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work(attempt);
    } catch (error) {
      const transient = error instanceof TransientError;
      if (!transient || attempt + 1 >= options.policy.attempts || options.signal?.aborted)
        throw error;
      const wait = Math.min(
        options.policy.maxMs,
        error.retryAfterMs ?? backoffMs(options.policy, attempt),
      );
      options.onRetry?.(error, wait);
      await options.sleep(wait, options.signal);
    }
  }
}
