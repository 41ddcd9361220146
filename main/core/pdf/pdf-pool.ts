/**
 * A small pool of worker threads running pdf.js (pdf-worker.ts). Jobs go to an
 * idle worker, else a new one up to the pool's size, else the least busy;
 * workers start on first use and do not keep the process alive, so a CLI run
 * exits when its work is done.
 *
 * A hostile or broken file must not take the machine: each worker has a heap of
 * its own (HEAP_MB), and while jobs run the process's resident memory is
 * watched; past `memoryBudget` (a Flate bomb inflating gigabytes, which lives
 * outside any heap limit) the busy workers are ended and their jobs refused in
 * one line. Later jobs start fresh workers.
 */

import { availableParallelism, totalmem } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ApiError, type ErrorData } from '../../common/errors.ts';
import type { PageArticle } from '../articles/segment-page.ts';
import type { Word } from '../words/page-words.ts';
import { workerFile } from '../worker-file.ts';
import type { PageText } from './extract-text.ts';
import type { FileVerdict, PdfJob, PdfJobs, PdfOp } from './pdf-worker.ts';
import type { RegionRequest, ScanImage, ScanRequest } from './render-region.ts';

type Reply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: ErrorData };

/** Omit over each member of a union, keeping it a union. */

interface Slot {
  worker: Worker;
  busy: number;
}

interface Waiting {
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
  slot: Slot;
}

/** A share of a file's pages worth a worker's start-up (loading the document again). */
const MIN_PAGES_PER_JOB = 4;

/** Each worker's V8 heap. */
const HEAP_MB = 1536;
/** How often resident memory is looked at while jobs run. */
const WATCH_MS = 100;

/** The default budget: a quarter of the machine's memory, at most 4 GB. */
export function defaultMemoryBudget(): number {
  return Math.min(totalmem() / 4, 4 * 1024 ** 3);
}

export class PdfPool {
  readonly #size: number;
  readonly #slots: Slot[] = [];
  readonly #waiting = new Map<number, Waiting>();
  readonly #memoryBudget: number;
  #watch: NodeJS.Timeout | undefined;
  #next = 1;

  constructor(
    size = Math.max(1, Math.min(4, availableParallelism())),
    { memoryBudget = defaultMemoryBudget() }: { memoryBudget?: number } = {},
  ) {
    this.#size = size;
    this.#memoryBudget = memoryBudget;
  }

  /**
   * Verifies a finished file on disk (its facts and sha256, or why it is not a
   * PDF), read by the worker: a download's bytes never pass through this thread's
   * heap, whose collector they would keep busy.
   */
  verify(file: string, label: string): Promise<FileVerdict> {
    return this.#run('verify', file, label, {});
  }

  /**
   * Copies `file` to `to` (a new file, synced) in a worker, hashing what it
   * writes, and verifies the copy: see verify.
   */
  stage(file: string, to: string, label: string): Promise<FileVerdict> {
    return this.#run('stage', file, label, { to });
  }

  /**
   * Every page's positioned words (see extractText), from a file the workers
   * read themselves, in the parts pdf.js needs: a file of many pages is shared
   * out in page ranges across the pool, so one large edition uses every core.
   */
  async text(file: string, label: string, pageCount?: number): Promise<PageText[]> {
    const parts =
      pageCount && pageCount >= 2 * MIN_PAGES_PER_JOB
        ? Math.min(this.#size, Math.floor(pageCount / MIN_PAGES_PER_JOB))
        : 1;
    if (parts <= 1) return this.#run('text', file, label, {});
    const per = Math.ceil(pageCount! / parts);
    const ranges = Array.from({ length: parts }, (_, i): [number, number] => [
      i * per + 1,
      Math.min(pageCount!, (i + 1) * per),
    ]);
    const results = await Promise.all(
      ranges.map((pages) => this.#run('text', file, label, { pages })),
    );
    return results.flat();
  }

  /** A region of a page of a file as PNG, in a worker that reads the file (see renderRegion). */
  render(file: string, label: string, region: RegionRequest): Promise<Uint8Array> {
    return this.#run('render', file, label, { region });
  }

  /** A page drawn for OCR, at its scan's resolution, in strips (see renderScan). */
  scan(file: string, label: string, request: ScanRequest): Promise<ScanImage> {
    return this.#run('scan', file, label, { request });
  }

  /** PNGs stacked one under another, as one PNG (stack-images.ts). */
  stack(pngs: Uint8Array[], label: string): Promise<Uint8Array> {
    return this.#run('stack', '', label, { pngs });
  }

  /** A page's articles from its words, found in a worker (segment-page.ts). */
  segment(
    words: Word[],
    size: { width: number; height: number },
    label: string,
  ): Promise<PageArticle[]> {
    return this.#run('segment', '', label, { words, size });
  }

  async close(): Promise<void> {
    await Promise.all(this.#slots.map((slot) => slot.worker.terminate()));
    this.#slots.length = 0;
  }

  #run<Op extends PdfOp>(
    op: Op,
    file: string,
    label: string,
    args: PdfJobs[Op]['args'],
  ): Promise<PdfJobs[Op]['result']> {
    const slot = this.#slot();
    const id = this.#next++;
    slot.busy++;
    if (slot.busy === 1) slot.worker.ref();
    this.#watchMemory();
    return new Promise((resolve, reject) => {
      // The worker answers this op's result (JOBS in pdf-worker.ts).
      this.#waiting.set(id, { resolve: resolve as (result: unknown) => void, reject, slot });
      slot.worker.postMessage({ id, op, file, label, ...args } as PdfJob);
    });
  }

  /** While jobs run: past the budget, the busy workers are ended (see the header). */
  #watchMemory(): void {
    if (this.#watch) return;
    this.#watch = setInterval(() => {
      if (this.#waiting.size === 0) {
        clearInterval(this.#watch);
        this.#watch = undefined;
        return;
      }
      if (process.memoryUsage.rss() <= this.#memoryBudget) return;
      const budget = `${(this.#memoryBudget / 1024 ** 3).toFixed(1)} GB`;
      for (const slot of this.#slots.filter((s) => s.busy > 0)) {
        this.#fail(
          slot,
          new ApiError(
            'invalid',
            `the file needs more than the ${budget} of memory one PDF may use to be read (damaged, or made to do harm?); it was stopped`,
          ),
        );
        void slot.worker.terminate();
      }
    }, WATCH_MS);
    this.#watch.unref();
  }

  #slot(): Slot {
    const idle = this.#slots.find((s) => s.busy === 0);
    if (idle) return idle;
    if (this.#slots.length < this.#size) return this.#start();
    return this.#slots.reduce((a, b) => (a.busy <= b.busy ? a : b));
  }

  #start(): Slot {
    // Named, so the thread shows as pdf-worker in the inspector and the OS's thread lists.
    const worker = new Worker(workerFile('pdf-worker', import.meta.url), {
      name: 'pdf-worker',
      resourceLimits: { maxOldGenerationSizeMb: HEAP_MB },
    });
    const slot: Slot = { worker, busy: 0 };
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiting = this.#waiting.get(reply.id);
      if (!waiting) return;
      this.#waiting.delete(reply.id);
      slot.busy--;
      if (slot.busy === 0) slot.worker.unref();
      if (reply.ok) waiting.resolve(reply.result);
      else waiting.reject(new ApiError(reply.error.code, reply.error.message));
    });
    worker.on('error', (error) => this.#fail(slot, error));
    worker.on('exit', (code) =>
      this.#fail(slot, new Error(`the PDF worker stopped (exit ${code})`)),
    );
    this.#slots.push(slot);
    return slot;
  }

  /** A worker died: fail its jobs and forget it; the next job starts a fresh one. */
  #fail(slot: Slot, error: Error): void {
    const index = this.#slots.indexOf(slot);
    if (index !== -1) this.#slots.splice(index, 1);
    const outOfMemory = (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
    for (const [id, waiting] of this.#waiting) {
      if (waiting.slot !== slot) continue;
      this.#waiting.delete(id);
      waiting.reject(
        error instanceof ApiError
          ? new ApiError(error.code, `Could not read the PDF: ${error.message}`)
          : new ApiError(
              outOfMemory ? 'invalid' : 'internal',
              outOfMemory
                ? `Could not read the PDF: it needs more than the ${HEAP_MB} MB of working memory a PDF may use (damaged, or made to do harm?)`
                : `Could not read the PDF: ${error.message}`,
            ),
      );
    }
  }
}

let shared: PdfPool | undefined;

/** The process's pool, started on first use. */
export function pdfPool(): PdfPool {
  shared ??= new PdfPool();
  return shared;
}
