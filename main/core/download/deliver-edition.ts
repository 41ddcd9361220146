/**
 * Delivers one edition of one source for one date:
 *   1. the source's planner says which pages (or that there is no edition);
 *   2. each page is downloaded into `.paperboy/incoming/<source>/<date>/`, resuming
 *      what an earlier run left, with retries; a page already complete is kept;
 *   3. every page is verified (a PDF, complete, parses, not a placeholder, not an
 *      old edition still sitting in the slot);
 *   4. only then is the edition committed to the archive, atomically, and the
 *      incoming folder removed.
 * A failure at any step leaves the archive as it was.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { addDays } from '../../common/calendar.ts';
import { type Edition, editionId } from '../../common/domain.ts';
import { ApiError, cancelled } from '../../common/errors.ts';
import type { SourceDefinition } from '../../common/source-definition.ts';
import type { Archive } from '../archive/archive.ts';
import { commitEdition, type VerifiedFile } from '../archive/commit-edition.ts';
import { pageFileName, STATE_DIR } from '../archive/layout.ts';
import { ensureFreeSpace } from '../archive/write-edition.ts';
import { pdfPool } from '../pdf/pdf-pool.ts';
import type { FileFacts } from '../pdf/pdf-worker.ts';
import { editionDateFor } from '../sources/date-tokens.ts';
import type { EditionPlan, PlannedPage } from '../sources/edition-plan.ts';
import { planEdition } from '../sources/plan-edition.ts';
import { type FetchFileOptions, fetchFile, MissError } from './fetch-file.ts';
import type { HostLimiter } from './host-limiter.ts';
import { FAR_PAGE, farPageAnswer, fileFingerprint } from './not-a-page.ts';
import { type RetryPolicy, type Sleep, TransientError, withRetries } from './retry-policy.ts';

export interface DeliveryDeps {
  archive: Archive;
  /** The clock an edition's import time is taken from. */
  now: () => Date;
  fetch: typeof globalThis.fetch;
  limiter: HostLimiter;
  retry: RetryPolicy;
  sleep: Sleep;
  timeouts: { headersMs: number; idleMs: number };
  /** The most one downloaded file may be (fetch-file.ts's MAX_FILE_BYTES by default). */
  maxFileBytes?: number;
  onProgress?: (progress: DeliveryProgress) => void;
  /** Fetch it again even when the archive has it, and replace it if the files differ. */
  refetch?: boolean;
}

export interface DeliveryProgress {
  id: string;
  source: string;
  date: string;
  pagesDone: number;
  /** Unknown while a template is still enumerating pages. */
  pagesTotal?: number;
  bytes: number;
}

export type DeliveryOutcome =
  | { status: 'delivered'; edition: Edition }
  | { status: 'present'; edition: Edition }
  | { status: 'missing'; reason: string }
  | { status: 'failed'; reason: string };

/** Progress while bytes arrive is reported at most this often. */
const PROGRESS_MS = 200;

/** Room a page download needs before it starts. */
const PAGE_HEADROOM = 64 * 1024 * 1024;

export async function deliverEdition(
  definition: SourceDefinition,
  day: string,
  deps: DeliveryDeps,
  signal?: AbortSignal,
): Promise<DeliveryOutcome> {
  const date = editionDateFor(definition, day);
  if (!date)
    return { status: 'missing', reason: `no such day ${definition.yearsAgo} years before ${day}` };
  const id = editionId(definition.id, date);
  const present = deps.archive.catalog.getEdition(id);
  if (present && !deps.refetch) return { status: 'present', edition: present.edition };
  try {
    const plan = await planEdition(definition, date, {
      fetch: deps.fetch,
      sleep: deps.sleep,
      timeouts: deps.timeouts,
      ...(signal && { signal }),
    });
    if (plan.kind === 'none') return { status: 'missing', reason: plan.reason };
    if (plan.kind === 'local') {
      const { edition } = await deps.archive.import(
        {
          path: plan.files,
          source: definition.id,
          sourceName: definition.name,
          sourceKind: 'folder',
          date,
          ...(deps.refetch && { replace: true }),
        },
        signal,
      );
      return { status: 'delivered', edition };
    }
    const incoming = path.join(deps.archive.root, STATE_DIR, 'incoming', definition.id, date);
    await fs.mkdir(incoming, { recursive: true });
    await ensureFreeSpace(incoming, PAGE_HEADROOM);
    const fetched = await fetchPages(plan, incoming, definition, date, deps, signal);
    if ('missing' in fetched) return { status: 'missing', reason: fetched.missing };
    const files = fetched.pages.map((page) => page.verified);
    for (const file of files) {
      const stale = staleness(file, definition, date);
      if (stale) return { status: 'missing', reason: stale };
    }
    const { edition } = await commitEdition(
      {
        source: { id: definition.id, name: definition.name, kind: definition.kind },
        date,
        ...(plan.title && { title: plan.title }),
        files,
        ...(deps.refetch && { replace: true }),
      },
      { root: deps.archive.root, catalog: deps.archive.catalog, now: deps.now, signal },
    );
    await fs.rm(incoming, { recursive: true, force: true });
    return { status: 'delivered', edition };
  } catch (error) {
    if (signal?.aborted || (error instanceof ApiError && error.code === 'aborted')) {
      throw cancelled();
    }
    if (error instanceof ApiError && error.code === 'storage') throw error;
    return { status: 'failed', reason: readerReason(error) };
  }
}

interface FetchedPage {
  n: number;
  /** Verified as soon as it arrived, while later pages download. */
  verified: VerifiedFile;
}

async function fetchPages(
  plan: Extract<EditionPlan, { kind: 'pages' | 'enumerate' }>,
  incoming: string,
  definition: SourceDefinition,
  date: string,
  deps: DeliveryDeps,
  signal?: AbortSignal,
): Promise<{ pages: FetchedPage[] } | { missing: string }> {
  const id = editionId(definition.id, date);
  const total = plan.kind === 'pages' ? plan.pages.length : undefined;
  let done = 0;
  let received = 0;
  /** Bytes of the pages downloading now, on their current try. */
  const arriving = new Map<number, number>();
  let reportedAt = 0;
  const report = () => {
    reportedAt = performance.now();
    let bytes = received;
    for (const n of arriving.values()) bytes += n;
    deps.onProgress?.({
      id,
      source: definition.id,
      date,
      pagesDone: done,
      pagesTotal: total,
      bytes,
    });
  };
  /** Bytes as they arrive — a page's first, then at most every PROGRESS_MS: a whole-edition PDF moves too. */
  const arrived = (n: number, bytes: number) => {
    const first = !arriving.has(n);
    arriving.set(n, bytes);
    if (first || performance.now() - reportedAt >= PROGRESS_MS) report();
  };
  const gapMs = definition.requestsPerMinute ? 60_000 / definition.requestsPerMinute : undefined;

  /** One page: undefined when the server has no such page (a miss). */
  const one = async (page: PlannedPage): Promise<FetchedPage | undefined> => {
    const target = path.join(incoming, pageFileName(page.n));
    const label = `page ${page.n}`;
    // A page left complete by an earlier run is kept; anything else there is fetched afresh.
    let checked = await verifyLeft(target, label);
    let contentType = '';
    if (!checked) {
      const options: FetchFileOptions = {
        fetch: deps.fetch,
        headers: definition.headers,
        signal,
        label,
        ...deps.timeouts,
        onBytes: (bytes) => arrived(page.n, bytes),
        ...(deps.maxFileBytes && { maxBytes: deps.maxFileBytes }),
      };
      try {
        const result = await withRetries(
          () =>
            deps.limiter.run(
              page.url,
              (release) => fetchFile(page.url, target, { ...options, onReceived: release }),
              { gapMs, signal },
            ),
          { policy: deps.retry, sleep: deps.sleep, signal },
        );
        arriving.delete(page.n);
        received += result.transferred;
        contentType = result.contentType;
      } catch (error) {
        arriving.delete(page.n);
        if (error instanceof MissError) return undefined;
        if (error instanceof TransientError) {
          throw new ApiError(
            'network',
            `page ${page.n}: ${error.message} (${deps.retry.attempts} tries)`,
          );
        }
        if (error instanceof ApiError && error.code === 'network') {
          throw new ApiError('network', `page ${page.n}: ${error.message}`);
        }
        throw error;
      }
      // A page that does not verify is fetched afresh next time.
      const verdict = await pdfPool()
        .verify(target, label)
        .catch(async (error: unknown) => {
          await fs.rm(target, { force: true });
          throw error;
        });
      if ('notPdf' in verdict) {
        const fingerprint = await fileFingerprint(target, contentType).catch(() => '');
        await fs.rm(target, { force: true });
        throw new NotPdfError(page.n, verdict.notPdf, fingerprint);
      }
      checked = verdict;
    }
    const verified: VerifiedFile = {
      ...checked,
      from: target,
      ...(page.label && { label: page.label }),
      ...(page.section && { section: page.section }),
    };
    done++;
    report();
    return { n: page.n, verified };
  };

  report();
  if (plan.kind === 'pages') {
    const results = await Promise.all(plan.pages.map(one));
    const miss = results.indexOf(undefined);
    if (miss === -1) return { pages: results as FetchedPage[] };
    if (plan.pages.length === 1)
      return { missing: 'no edition that day (the server has no such file)' };
    throw new ApiError('network', `page ${plan.pages[miss]!.n} is missing on the server`);
  }
  // Enumerate in small windows, stopping at the first miss (see not-a-page.ts).
  const pages: FetchedPage[] = [];
  const window = 2;
  let farAnswer: ReturnType<typeof farPageAnswer> | undefined;
  const isMiss = async (answer: NotPdfError): Promise<boolean> => {
    const far = plan.urlFor(Math.max(FAR_PAGE, plan.max + 1000));
    farAnswer ??= deps.limiter.run(
      far,
      () =>
        farPageAnswer(far, {
          fetch: deps.fetch,
          ...(definition.headers && { headers: definition.headers }),
          timeoutMs: deps.timeouts.headersMs,
          ...(signal && { signal }),
        }),
      { ...(gapMs && { gapMs }), ...(signal && { signal }) },
    );
    const said = await farAnswer;
    return (
      typeof said === 'object' &&
      answer.fingerprint !== '' &&
      said.fingerprint === answer.fingerprint
    );
  };
  for (let start = 1; start <= plan.max; start += window) {
    const batch = Array.from(
      { length: Math.min(window, plan.max - start + 1) },
      (_, i) => start + i,
    );
    const settled = await Promise.allSettled(batch.map((n) => one({ n, url: plan.urlFor(n) })));
    for (const [i, result] of settled.entries()) {
      const n = batch[i]!;
      // Only a real miss ends the pages: any other answer that is not a PDF
      // fails the date (nothing is committed, and it is tried again later).
      const ended =
        result.status === 'fulfilled'
          ? result.value === undefined
          : n > 1 && result.reason instanceof NotPdfError && (await isMiss(result.reason));
      if (ended) {
        if (n === 1) return { missing: 'no edition that day (page 1 is not on the server)' };
        // Pages fetched past the end in the same window are not the edition's.
        for (const extra of batch.slice(i + 1))
          await fs.rm(path.join(incoming, pageFileName(extra)), { force: true });
        return { pages };
      }
      if (result.status === 'rejected') throw result.reason;
      pages.push(result.value!);
    }
  }
  return { pages };
}

/** A page the server answered with something that is not a PDF. */
class NotPdfError extends Error {
  override name = 'NotPdfError';
  /** What the answer looks like (not-a-page.ts), to tell a "soft 404" from a login page. */
  readonly fingerprint: string;

  constructor(page: number, reason: string, fingerprint: string) {
    super(`page ${page} ${reason}`);
    this.fingerprint = fingerprint;
  }
}

/** An older edition still in the slot: the PDF was made well before the date asked for. */
function staleness(
  file: VerifiedFile,
  definition: SourceDefinition,
  date: string,
): string | undefined {
  if (definition.maxAgeDays === undefined || !file.facts.created) return undefined;
  if (file.facts.created >= addDays(date, -definition.maxAgeDays)) return undefined;
  return `not out yet (the file on the server is from ${file.facts.created})`;
}

/**
 * A page an earlier run left complete, verified; undefined when there is none,
 * or what is there does not verify (it is removed, to be fetched afresh).
 */
async function verifyLeft(file: string, label: string): Promise<FileFacts | undefined> {
  const there = await fs.stat(file).then(
    () => true,
    () => false,
  );
  if (!there) return undefined;
  const verdict = await pdfPool()
    .verify(file, label)
    .catch(() => undefined);
  if (verdict && 'facts' in verdict) return verdict;
  await fs.rm(file, { force: true });
  return undefined;
}

/** Why a delivery failed, in words a reader understands. */
export function readerReason(error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  if (error instanceof NotPdfError) {
    if (/HTML page/.test(message))
      return `${message.replace(/ is an HTML page, not a PDF/, '')}: the server sent a web page (a login or error page?) instead of a PDF`;
    if (/image/.test(message))
      return `${message.replace(/ is an? \w+ image, not a PDF/, '')}: the server sent a placeholder image instead of the page`;
  }
  return message;
}
