/**
 * Delivery: fetches editions of the sources a reader follows, for a date or a
 * range, one run per source at a time (also across processes, by lock), and
 * joins a request for an edition already in flight instead of fetching it twice.
 * Its owner aborts everything through `close()`.
 */

import { addDays } from '../../common/calendar.ts';
import { ApiError } from '../../common/errors.ts';
import { slugify } from '../../common/slug.ts';
import type { SourceDefinition } from '../../common/source-definition.ts';
import type { Archive } from '../archive/archive.ts';
import type { Clock } from '../clock.ts';
import { dateInZone } from '../dates.ts';
import type { SourceStore } from '../sources/source-store.ts';
import { type DeliveryOutcome, type DeliveryProgress, deliverEdition } from './deliver-edition.ts';
import { DEFAULT_LIMITS, HostLimiter, type Limits } from './host-limiter.ts';
import { applyRetention } from './retention.ts';
import { DEFAULT_RETRY, type RetryPolicy, realSleep, type Sleep } from './retry-policy.ts';
import { HealthStore } from './source-health.ts';
import { lockSource } from './source-lock.ts';

export interface DeliveryOptions {
  archive: Archive;
  sources: SourceStore;
  fetch: typeof globalThis.fetch;
  clock: Clock;
  sleep?: Sleep;
  retry?: RetryPolicy;
  limits?: Limits;
  timeouts?: { headersMs: number; idleMs: number };
  /** The most one downloaded file may be. */
  maxFileBytes?: number;
  /** Whether the reader has marked an edition (a clip made on it): retention never removes those. */
  isKept: (editionId: string) => boolean;
  onProgress?: (progress: DeliveryProgress) => void;
}

export interface FetchRequest {
  source?: string;
  date?: string;
  from?: string;
  to?: string;
  /** Fetch editions the archive has again, replacing those whose files changed. */
  refetch?: boolean;
}

export interface FetchReport {
  editions: { id: string; source: string; date: string; pages: number; bytes: number }[];
  missing: string[];
  errors: { source: string; date: string; reason: string }[];
}

const DEFAULT_TIMEOUTS = { headersMs: 30_000, idleMs: 30_000 };
const MAX_RANGE_DAYS = 366;

export class Delivery {
  readonly #options: DeliveryOptions;
  readonly #limiter: HostLimiter;
  readonly #inFlight = new Map<string, Promise<DeliveryOutcome>>();
  readonly health: HealthStore;

  constructor(options: DeliveryOptions) {
    this.#options = options;
    this.#limiter = new HostLimiter(options.limits ?? DEFAULT_LIMITS, options.sleep ?? realSleep);
    this.health = new HealthStore(options.archive.root);
  }

  async fetch(request: FetchRequest, signal?: AbortSignal): Promise<FetchReport> {
    const { definitions, problems } = request.source
      ? { definitions: [await this.#options.sources.get(request.source)], problems: [] }
      : await this.#options.sources.scan();
    if (definitions.length === 0 && problems.length === 0)
      throw new ApiError('invalid', 'No sources to fetch. Add one with: paperboy sources add FILE');
    const report: FetchReport = { editions: [], missing: [], errors: [] };
    // A definition that cannot be used is named, and the others are still delivered.
    const today = dateInZone(this.#options.clock.now(), 'UTC');
    for (const problem of problems) {
      report.errors.push({
        source: slugify(problem.id) || 'unnamed',
        date: request.date ?? request.from ?? today,
        reason: `its definition ${problem.file} cannot be used: ${problem.reason}`,
      });
    }
    for (const definition of definitions) {
      const dates = this.#dates(request, definition);
      const lock = await lockSource(this.#options.archive.root, definition.id, () =>
        this.#options.clock.now(),
      );
      try {
        for (const date of dates) {
          signal?.throwIfAborted();
          const outcome = await this.edition(definition, date, signal, request.refetch);
          if (outcome.status === 'delivered' || outcome.status === 'present') {
            const { edition } = outcome;
            const bytes = edition.files.reduce((sum, f) => sum + f.bytes, 0);
            report.editions.push({
              id: edition.id,
              source: definition.id,
              date,
              pages: edition.pages.length,
              bytes,
            });
          } else if (outcome.status === 'missing') {
            report.missing.push(date);
          } else {
            report.errors.push({ source: definition.id, date, reason: outcome.reason });
          }
        }
      } finally {
        await lock.release();
      }
    }
    return report;
  }

  /** How many files download at once, over all sources (the reader's setting). */
  setDownloads(total: number): void {
    this.#limiter.setTotal(total);
  }

  /** One edition; a second request for the same edition joins the first. */
  edition(
    definition: SourceDefinition,
    date: string,
    signal?: AbortSignal,
    refetch = false,
  ): Promise<DeliveryOutcome> {
    const key = `${definition.id}:${date}${refetch ? ' again' : ''}`;
    const running = this.#inFlight.get(key);
    if (running) return running;
    const options = this.#options;
    const promise = deliverEdition(
      definition,
      date,
      {
        archive: options.archive,
        now: () => options.clock.now(),
        fetch: options.fetch,
        limiter: this.#limiter,
        retry: options.retry ?? DEFAULT_RETRY,
        sleep: options.sleep ?? realSleep,
        timeouts: options.timeouts ?? DEFAULT_TIMEOUTS,
        ...(options.maxFileBytes && { maxFileBytes: options.maxFileBytes }),
        ...(options.onProgress && { onProgress: options.onProgress }),
        ...(refetch && { refetch }),
      },
      signal,
    )
      .then(
        async (outcome) => {
          await this.health.record(definition.id, date, outcome, options.clock.now());
          if (outcome.status === 'delivered') {
            // The archive says so to whoever listens (the indexer, the shells' events).
            options.archive.announce({ added: [outcome.edition.id] });
            const today = dateInZone(options.clock.now(), definition.timezone);
            // What retention removes is announced by the archive too.
            await applyRetention(options.archive, definition, today, options.isKept);
          }
          return outcome;
        },
        this.#recordStorageFailure(definition.id, date),
      )
      .finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, promise);
    return promise;
  }

  /**
   * A disk that cannot take the edition stops the run (every other edition would
   * fail the same way), and shows in the source's health, if the health file can
   * still be written.
   */
  #recordStorageFailure(source: string, date: string) {
    return async (error: unknown): Promise<never> => {
      if (error instanceof ApiError && error.code === 'storage') {
        const failed: DeliveryOutcome = { status: 'failed', reason: error.message };
        await this.health.record(source, date, failed, this.#options.clock.now()).catch(() => {});
      }
      throw error;
    };
  }

  #dates(request: FetchRequest, definition: SourceDefinition): string[] {
    if (request.date) return [request.date];
    if (request.from || request.to) {
      const today = dateInZone(this.#options.clock.now(), definition.timezone);
      const from = request.from ?? request.to!;
      const to = request.to ?? today;
      if (from > to) throw new ApiError('invalid', `--from ${from} is after --to ${to}`);
      const dates: string[] = [];
      for (let date = from; date <= to; date = addDays(date, 1)) {
        dates.push(date);
        if (dates.length > MAX_RANGE_DAYS)
          throw new ApiError('invalid', `A range may span at most ${MAX_RANGE_DAYS} days.`);
      }
      return dates;
    }
    return [dateInZone(this.#options.clock.now(), definition.timezone)];
  }
}
