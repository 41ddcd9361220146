/**
 * Searches, answered in a worker thread (search-worker.ts) with its own
 * connection to the catalog. One worker: searches queue there, one at a time,
 * and the other core stays with the thread that serves pages. A worker that
 * dies is started again for the next search.
 */

import { Worker } from 'node:worker_threads';
import { ApiError, type ErrorData } from '../../common/errors.ts';
import { workerFile } from '../worker-file.ts';
import type { SearchRequest, SearchResult } from './search.ts';

type Reply =
  | { id: number; ok: true; result: SearchResult }
  | { id: number; ok: false; error: ErrorData };

export class SearchPool {
  readonly #catalog: string;
  #worker: Worker | undefined;
  readonly #waiting = new Map<
    number,
    { resolve: (result: SearchResult) => void; reject: (error: Error) => void }
  >();
  #next = 1;

  /** `catalog`: the catalog's file. */
  constructor(catalog: string) {
    this.#catalog = catalog;
  }

  search(request: SearchRequest): Promise<SearchResult> {
    const worker = this.#start();
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, request });
    });
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(workerFile('search-worker', import.meta.url), {
      name: 'search-worker',
      workerData: { catalog: this.#catalog },
    });
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiting = this.#waiting.get(reply.id);
      if (!waiting) return;
      this.#waiting.delete(reply.id);
      if (this.#waiting.size === 0) worker.unref();
      if (reply.ok) waiting.resolve(reply.result);
      else waiting.reject(new ApiError(reply.error.code, reply.error.message));
    });
    const lost = (why: string) => {
      if (this.#worker === worker) this.#worker = undefined;
      for (const waiting of this.#waiting.values())
        waiting.reject(new ApiError('internal', `The search stopped: ${why}`));
      this.#waiting.clear();
    };
    worker.on('error', (error) => lost(error.message));
    worker.on('exit', (code) => lost(`its thread ended (${code})`));
    this.#worker = worker;
    return worker;
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }
}
