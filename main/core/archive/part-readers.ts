/**
 * Reader threads for the word index's parts. A search whose matches are few (a
 * rare word, a phrase of common words, a NOT of a common word) walks every
 * part, and with the catalog's file out of the OS's cache each part's walk is
 * mostly waiting on the disk: walked by several threads at once, those waits
 * overlap. Each reader has a read-only connection of its own (WAL lets it read
 * while the archive writes).
 *
 * Readers are started by the first walk that wants them (which walks on its
 * own meanwhile, rather than wait for threads to start) and ended after five
 * minutes without one: a reader is a thread of about 22 MB.
 *
 * The walk is synchronous, as the serial walk it stands in for: the calling
 * thread (the search worker) posts each reader its share and blocks on an
 * Atomics.wait until that reader has answered (receiveMessageOnPort then takes
 * the answer). A reader not started yet, one that fails or does not answer in
 * time is not waited for: its share is walked by the caller, so an answer is
 * never missing a part.
 */
import type { SQLInputValue } from 'node:sqlite';
import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  Worker,
} from 'node:worker_threads';
import { workerFile } from '../worker-file.ts';

/** A reader's share of a walk: each table's rows, in the order given. */
export interface PartJob {
  id: number;
  select: string;
  tables: string[];
  params: SQLInputValue[];
}
export type PartAnswer = { id: number; rows: unknown[][] } | { id: number; error: string };

/**
 * Reader threads a search worker starts: with the cache cold, on 15 parts of a
 * 117,000-page archive, a phrase of common words was walked in 107 ms on one
 * connection, 69–74 ms by two readers, 45–46 ms by four and 36 ms by eight;
 * the two cores decode the lists, so more readers help less and less.
 */
export const READERS = 3;

/**
 * How long a walk waits for a reader before walking its share itself: a part
 * is walked in well under a second, and a reader that died is only known to
 * have died once the blocked thread is free again.
 */
const PATIENCE_MS = 10_000;

interface Reader {
  worker: Worker;
  port: MessagePort;
  ready: Promise<void>;
  live: boolean;
}

/**
 * How long readers are kept after the last walk: each is a thread of its own,
 * about 22 MB, given back while nobody searches.
 */
const IDLE_MS = 5 * 60_000;

export class PartReaders {
  readonly #file: string;
  readonly #idleMs: number;
  /** The readers by index; none until a walk or ready() starts them, none again once idle. */
  readonly #readers: (Reader | undefined)[];
  /** One counter a reader: bumped by the reader each time it has answered. */
  readonly #signals: Int32Array;
  #next = 1;
  #closed = false;
  #shared = 0;
  #idle: ReturnType<typeof setTimeout> | undefined;

  constructor(file: string, { count = READERS, idleMs = IDLE_MS } = {}) {
    this.#file = file;
    this.#idleMs = idleMs;
    this.#readers = Array.from({ length: count }, () => undefined);
    this.#signals = new Int32Array(new SharedArrayBuffer(4 * Math.max(count, 1)));
  }

  get count(): number {
    return this.#readers.length;
  }

  /** How many readers are started (whether or not their connection is open yet). */
  get started(): number {
    return this.#readers.filter(Boolean).length;
  }

  /** How many tables the readers have walked (the rest of a walk's tables were walked by the caller). */
  get shared(): number {
    return this.#shared;
  }

  /** Starts the readers (if they are not) and resolves when each has its connection open. */
  async ready(): Promise<void> {
    this.#up();
    this.#rest();
    await Promise.all(this.#readers.map((r) => r?.ready));
  }

  /** Starts the readers that are not running. */
  #up(): void {
    if (this.#closed) return;
    for (const [index, reader] of this.#readers.entries())
      if (!reader) this.#readers[index] = this.#start(index);
  }

  /** (Re)arms the idle timer: readers unused for idleMs are ended. */
  #rest(): void {
    clearTimeout(this.#idle);
    this.#idle = setTimeout(() => {
      for (const [index, reader] of this.#readers.entries()) {
        this.#readers[index] = undefined;
        void reader?.worker.terminate();
      }
    }, this.#idleMs);
    this.#idle.unref();
  }

  #start(index: number): Reader {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(workerFile('part-reader', import.meta.url), {
      name: 'part-reader',
      workerData: { file: this.#file, signals: this.#signals, index, port: port2 },
      transferList: [port2],
    });
    worker.unref();
    const reader: Reader = {
      worker,
      port: port1,
      live: false,
      // Its connection open, it says so once on its own channel to this thread.
      ready: new Promise((resolve) => {
        worker.once('message', () => {
          reader.live = true;
          resolve();
        });
      }),
    };
    // A reader that ends unasked is started again, for the next walk.
    worker.once('exit', () => {
      reader.live = false;
      port1.close();
      if (this.#readers[index] === reader && !this.#closed)
        this.#readers[index] = this.#start(index);
    });
    worker.on('error', () => undefined);
    return reader;
  }

  /**
   * Each table's rows of `select` (naming the table `{fts}`) with `params`, in
   * the order of `tables`: shared out among the readers that are up and the
   * caller, which walks its share (and that of any reader that fails) with
   * `here`.
   */
  walk(
    tables: readonly string[],
    select: string,
    params: SQLInputValue[],
    here: (table: string) => unknown[],
  ): unknown[][] {
    // Readers not running are started for the next walk; this one is not held for them.
    this.#up();
    this.#rest();
    const live = this.#readers.filter((r): r is Reader => r?.live === true);
    const answers: (unknown[] | undefined)[] = tables.map(() => undefined);
    const posted: { reader: Reader; index: number; id: number; seen: number; shares: number[] }[] =
      [];
    // The caller takes a share too (the first), rather than wait idle.
    const ways = live.length + 1;
    const share = (k: number) => tables.map((_, i) => i).filter((i) => i % ways === k);
    live.forEach((reader, r) => {
      const shares = share(r + 1);
      if (shares.length === 0) return;
      const index = this.#readers.indexOf(reader);
      const id = this.#next++;
      const seen = Atomics.load(this.#signals, index);
      const job: PartJob = { id, select, params, tables: shares.map((i) => tables[i]!) };
      reader.port.postMessage(job);
      posted.push({ reader, index, id, seen, shares });
    });
    for (const i of share(0)) answers[i] = here(tables[i]!);
    for (const { reader, index, id, seen, shares } of posted) {
      const rows = this.#await(reader, index, id, seen);
      if (!rows) continue;
      for (const [j, i] of shares.entries()) answers[i] = rows[j];
      this.#shared += shares.length;
    }
    return tables.map((table, i) => answers[i] ?? here(table));
  }

  /** The rows the reader answered job `id` with, or undefined when it failed or took too long. */
  #await(reader: Reader, index: number, id: number, seen: number): unknown[][] | undefined {
    const deadline = performance.now() + PATIENCE_MS;
    let last = seen;
    for (;;) {
      for (let m = receiveMessageOnPort(reader.port); m; m = receiveMessageOnPort(reader.port)) {
        const answer = m.message as PartAnswer;
        if (answer.id === id) return 'rows' in answer ? answer.rows : undefined;
      }
      const left = deadline - performance.now();
      if (left <= 0 || !reader.live) {
        // Not waited for again: it is started anew, and its share walked here.
        reader.live = false;
        void reader.worker.terminate();
        return undefined;
      }
      if (Atomics.wait(this.#signals, index, last, left) !== 'timed-out')
        last = Atomics.load(this.#signals, index);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#idle);
    await Promise.all(this.#readers.map((r) => r?.worker.terminate()));
  }
}
