/**
 * A reader thread of PartReaders: walks the index tables it is given with its
 * own read-only connection to the catalog, answers on its channel, and bumps
 * its counter so the waiting thread wakes.
 */
import type { DatabaseSync } from 'node:sqlite';
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { Catalog } from './catalog.ts';
import type { PartAnswer, PartJob } from './part-readers.ts';

const { file, signals, index, port } = workerData as {
  file: string;
  signals: Int32Array;
  index: number;
  port: MessagePort;
};
const db: DatabaseSync = new Catalog(file, { readOnly: true }).db;
// Its reads are a part's lists, read once a search: the OS's file cache keeps them.
db.exec('PRAGMA cache_size = -8192');

port.on('message', (job: PartJob) => {
  let answer: PartAnswer;
  try {
    const rows = job.tables.map((table) =>
      db.prepare(job.select.replaceAll('{fts}', table)).all(...job.params),
    );
    answer = { id: job.id, rows };
  } catch (error) {
    answer = { id: job.id, error: (error as Error).message };
  }
  port.postMessage(answer);
  Atomics.add(signals, index, 1);
  Atomics.notify(signals, index);
});
parentPort?.postMessage('ready');
