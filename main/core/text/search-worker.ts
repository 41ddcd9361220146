/**
 * A worker thread that answers searches from its own read-only connection to
 * the catalog, so a search (a common word over years of pages is tens of
 * milliseconds, a short prefix seconds) never holds up the thread that serves
 * page files, the app's IPC and downloads. SQLite's WAL lets it read while the
 * archive writes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorData } from '../../common/errors.ts';
import { Catalog } from '../archive/catalog.ts';
import { PartReaders } from '../archive/part-readers.ts';
import { type SearchRequest, searchArchive } from './search.ts';
import { TextStore } from './text-store.ts';

const { catalog: file } = workerData as { catalog: string };
let store: TextStore | undefined;
// A search that walks every part of the word index (few matches) has reader threads
// walk them at once: started by the first such search, ended when idle (archive/part-readers.ts).
const readers = new PartReaders(file);

parentPort?.on('message', ({ id, request }: { id: number; request: SearchRequest }) => {
  try {
    store ??= new TextStore(new Catalog(file, { readOnly: true }), { readers });
    parentPort?.postMessage({ id, ok: true, result: searchArchive(store, request) });
  } catch (error) {
    parentPort?.postMessage({ id, ok: false, error: toErrorData(error) });
  }
});
