/**
 * Limits downloads: at most `total` at once overall and `perHost` per host, and
 * optionally a minimum gap between request starts to one host (a source's
 * published rate limit). Waiters are served first come, first served.
 */
import type { Sleep } from './retry-policy.ts';

export interface Limits {
  total: number;
  perHost: number;
}

export const DEFAULT_LIMITS: Limits = { total: 4, perHost: 2 };

export class HostLimiter {
  #limits: Limits;
  readonly #sleep: Sleep;
  readonly #now: () => number;
  #running = 0;
  readonly #perHost = new Map<string, number>();
  readonly #nextStart = new Map<string, number>();
  readonly #waiting: { host: string; wake: () => void }[] = [];

  constructor(limits: Limits, sleep: Sleep, now: () => number = Date.now) {
    this.#limits = limits;
    this.#sleep = sleep;
    this.#now = now;
  }

  /**
   * Runs `work` when a slot for `url`'s host is free; `gapMs` spaces request starts
   * to that host. `work` may free its slot early with `release` (once its transfer
   * is done and only local work remains); the slot is freed when it ends in any case.
   */
  async run<T>(
    url: string,
    work: (release: () => void) => Promise<T>,
    options: { gapMs?: number; signal?: AbortSignal } = {},
  ): Promise<T> {
    const host = new URL(url).host;
    await this.#acquire(host);
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      this.#release(host);
    };
    try {
      if (options.gapMs) {
        const at = this.#nextStart.get(host) ?? 0;
        const now = this.#now();
        this.#nextStart.set(host, Math.max(now, at) + options.gapMs);
        if (at > now) await this.#sleep(at - now, options.signal);
      }
      return await work(release);
    } finally {
      release();
    }
  }

  /** Another number of downloads at once: more start now; fewer as running ones end. */
  setTotal(total: number): void {
    this.#limits = { ...this.#limits, total };
    this.#wake();
  }

  #free(host: string): boolean {
    return (
      this.#running < this.#limits.total && (this.#perHost.get(host) ?? 0) < this.#limits.perHost
    );
  }

  async #acquire(host: string): Promise<void> {
    // Behind earlier waiters for the same host only: one busy host holds up no other.
    if (this.#free(host) && !this.#waiting.some((w) => w.host === host)) {
      this.#take(host);
      return;
    }
    // The slot is taken on our behalf by #release before we are woken.
    await new Promise<void>((wake) => this.#waiting.push({ host, wake }));
  }

  #take(host: string): void {
    this.#running++;
    this.#perHost.set(host, (this.#perHost.get(host) ?? 0) + 1);
  }

  #release(host: string): void {
    this.#running--;
    this.#perHost.set(host, (this.#perHost.get(host) ?? 1) - 1);
    this.#wake();
  }

  /** Starts the waiters that now fit, in order (a slot was freed, or the limits grew). */
  #wake(): void {
    for (let i = 0; i < this.#waiting.length; ) {
      const waiter = this.#waiting[i]!;
      if (!this.#free(waiter.host)) {
        i++;
        continue;
      }
      this.#waiting.splice(i, 1);
      this.#take(waiter.host);
      waiter.wake();
    }
  }
}
