/**
 * The delivery schedule. Each source says when its edition is out (a time of
 * day in its own time zone, on some weekdays). On every run the scheduler:
 *   1. looks back over the last `catchUpDays` days, so editions missed while the
 *      machine slept or the app was closed are fetched too;
 *   2. skips editions already in the archive, dates given up on, and dates the
 *      source's retention would delete as soon as they arrived (else every run
 *      would fetch them and delete them again);
 *   3. fetches what is due, one run per source at a time (Delivery holds the
 *      per-source lock, also across processes);
 *   4. when an edition is not out yet, tries again with growing waits until
 *      `deadlineHours` after its scheduled time, then gives up on that date;
 *   5. when a delivery failed (the network or the publisher down), tries again
 *      with growing waits for as long as the date is in the catch-up window.
 * It does not own a timer: `runDue()` does the work and says when it wants to be
 * called next, so tests drive it with a fixed clock, and each shell decides how
 * to wait (a timer in `serve`; a timer plus powerMonitor's resume in the app).
 */

import { addDays, isoWeekday } from '../../common/calendar.ts';
import type { SourceDefinition } from '../../common/source-definition.ts';
import type { Archive } from '../archive/archive.ts';
import type { Clock } from '../clock.ts';
import { dateInZone, zonedInstant } from '../dates.ts';
import { editionDateFor } from '../sources/date-tokens.ts';
import type { SourceStore } from '../sources/source-store.ts';
import type { Delivery } from './delivery.ts';
import { retentionWouldRemove } from './retention.ts';

export interface SchedulerOptions {
  archive: Archive;
  sources: SourceStore;
  delivery: Delivery;
  clock: Clock;
  catchUpDays?: number;
  /** First wait when an edition is not out yet; doubled on each miss up to `maxPollMs`. */
  firstPollMs?: number;
  maxPollMs?: number;
  deadlineHours?: number;
}

interface Pending {
  attempts: number;
  nextAt: number;
  gaveUp: boolean;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export class Scheduler {
  readonly #options: Required<SchedulerOptions>;
  readonly #pending = new Map<string, Pending>();

  constructor(options: SchedulerOptions) {
    this.#options = {
      catchUpDays: 7,
      firstPollMs: 15 * MINUTE,
      maxPollMs: 2 * HOUR,
      deadlineHours: 18,
      ...options,
    };
  }

  /** Fetches everything due now; resolves with when to run next (ms since the epoch). */
  async runDue(signal?: AbortSignal): Promise<number> {
    const now = this.#options.clock.now().getTime();
    let next = Number.POSITIVE_INFINITY;
    for (const definition of await this.#options.sources.list()) {
      const today = dateInZone(new Date(now), definition.timezone);
      for (const date of this.#dates(definition, now)) {
        signal?.throwIfAborted();
        const at = this.#scheduledAt(definition, date);
        if (at > now) {
          next = Math.min(next, at);
          continue;
        }
        const key = `${definition.id}:${date}`;
        const pending = this.#pending.get(key);
        if (pending?.gaveUp) continue;
        const filed = editionDateFor(definition, date);
        if (!filed || this.#options.archive.catalog.getEdition(`${definition.id}:${filed}`))
          continue;
        if (retentionWouldRemove(this.#options.archive, definition, filed, today)) continue;
        if (pending && pending.nextAt > now) {
          next = Math.min(next, pending.nextAt);
          continue;
        }
        const outcome = await this.#options.delivery.edition(definition, date, signal);

        if (outcome.status === 'delivered' || outcome.status === 'present') {
          this.#pending.delete(key);
          continue;
        }
        const attempts = (pending?.attempts ?? 0) + 1;
        const wait = Math.min(
          this.#options.maxPollMs,
          this.#options.firstPollMs * 2 ** (attempts - 1),
        );
        const deadline = at + this.#options.deadlineHours * HOUR;
        const nextAt = now + wait;
        // An edition not out by its deadline is given up on; a failure (the network
        // or the publisher down) is tried again while the date is in the window.
        const gaveUp = outcome.status === 'missing' && nextAt > deadline;
        this.#pending.set(key, { attempts, nextAt, gaveUp });
        if (!gaveUp) next = Math.min(next, nextAt);
      }
      next = Math.min(next, this.#nextScheduled(definition, now));
    }
    return Number.isFinite(next) ? next : now + 24 * HOUR;
  }

  /** The dates worth looking at: the last `catchUpDays` days on the source's weekdays. */
  #dates(definition: SourceDefinition, now: number): string[] {
    const today = dateInZone(new Date(now), definition.timezone);
    const dates: string[] = [];
    for (let back = this.#options.catchUpDays - 1; back >= 0; back--) {
      const date = addDays(today, -back);
      if (!definition.schedule.days || definition.schedule.days.includes(isoWeekday(date)))
        dates.push(date);
    }
    return dates;
  }

  #scheduledAt(definition: SourceDefinition, date: string): number {
    return zonedInstant(date, definition.schedule.at, definition.timezone).getTime();
  }

  #nextScheduled(definition: SourceDefinition, now: number): number {
    return nextScheduledAt(definition, now);
  }
}

/** A source's next scheduled time after `now` (ms since the epoch), looking up to a week ahead. */
export function nextScheduledAt(definition: SourceDefinition, now: number): number {
  const today = dateInZone(new Date(now), definition.timezone);
  for (let ahead = 0; ahead <= 7; ahead++) {
    const date = addDays(today, ahead);
    if (definition.schedule.days && !definition.schedule.days.includes(isoWeekday(date))) continue;
    const at = zonedInstant(date, definition.schedule.at, definition.timezone).getTime();
    if (at > now) return at;
  }
  return now + 24 * HOUR;
}

/**
 * Runs a scheduler on a timer until stopped: the headless shell's loop. A wake
 * (the app's resume from sleep) runs it at once. Timers are capped so a sleep of
 * the machine never leaves the loop waiting on a stale deadline for long.
 */
export function runSchedule(scheduler: Scheduler, clock: Clock, onError: (error: unknown) => void) {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const MAX_WAIT = 15 * MINUTE;
  const run = () => {
    if (running || controller.signal.aborted) return;
    clearTimeout(timer);
    running = scheduler
      .runDue(controller.signal)
      .then(
        (next) => next,
        (error) => {
          if (!controller.signal.aborted) onError(error);
          return clock.now().getTime() + MAX_WAIT;
        },
      )
      .then((next) => {
        running = undefined;
        if (controller.signal.aborted) return;
        const wait = Math.max(1000, Math.min(MAX_WAIT, next - clock.now().getTime()));
        timer = setTimeout(run, wait);
        timer.unref?.();
      });
  };
  run();
  return {
    wake: run,
    async stop() {
      controller.abort();
      clearTimeout(timer);
      await running;
    },
  };
}
