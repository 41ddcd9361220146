/**
 * The core's parts, opened once and wired together: the archive and its
 * catalog, sources and delivery, the text index and OCR, clips, and the
 * contract's handlers (one module per area, in handlers/). Shells never hold
 * this: they get services.ts's narrow Services. Tests do, to reach the parts.
 */
import type { Handlers } from '../common/api.ts';
import { clipFromLink } from '../common/clip-from-link.ts';
import { createEndpoint } from '../common/dispatch.ts';
import { EventHub } from '../common/events.ts';
import { createLocalApi } from '../common/local-api.ts';
import { Archive } from './archive/archive.ts';
import { watchCatalog } from './archive/catalog-watch.ts';
import { catalogPath } from './archive/layout.ts';
import { ClipStore } from './clips/clip-store.ts';
import { Delivery } from './download/delivery.ts';
import { FolderWatch } from './download/folder-watch.ts';
import { DEFAULT_LIMITS } from './download/host-limiter.ts';
import { runSchedule, Scheduler } from './download/scheduler.ts';
import { createFileAnswers } from './file-answers/file-answers.ts';
import { drawPictures, sweepPictures } from './file-answers/picture-file.ts';
import { archiveHandlers } from './handlers/archive-handlers.ts';
import { articleHandlers } from './handlers/article-handlers.ts';
import { clipHandlers } from './handlers/clip-handlers.ts';
import type { HandlerContext } from './handlers/context.ts';
import { editionHandlers } from './handlers/edition-handlers.ts';
import { settingsHandlers } from './handlers/settings-handlers.ts';
import { sourceHandlers } from './handlers/source-handlers.ts';
import { textHandlers } from './handlers/text-handlers.ts';
import { offerSample, sampleClipping } from './sample.ts';
import type { ServiceDeps } from './service-deps.ts';
import type { Services } from './services.ts';
import { SourceStore } from './sources/source-store.ts';
import { Indexer } from './text/indexer.ts';
import { OcrQueue } from './text/ocr-queue.ts';
import { checkLanguage, installedLanguages } from './text/ocr-readers.ts';
import { SearchPool } from './text/search-pool.ts';

/** Services (the shells' door), and the parts they are made of. */
export interface Core extends Services {
  archive: Archive;
  sources: SourceStore;
  delivery: Delivery;
  indexer: Indexer;
  /** OCR for pages without usable text. */
  ocr: OcrQueue;
  clips: ClipStore;
  hub: EventHub;
  handlers: Handlers;
}

export async function openCore(deps: ServiceDeps): Promise<Core> {
  // A language that cannot be read is said before anything is opened.
  for (const code of deps.ocrLanguages ?? []) checkLanguage(code);
  const archive = await Archive.open(deps.archiveDir, deps.clock);
  if (archive.recovered) console.error(`Paperboy: ${archive.recovered}`);
  const hub = new EventHub();
  const sources = new SourceStore(archive.root, {
    onProblem: ({ file, reason }) =>
      console.error(`Paperboy: skipped the source definition ${file}: ${reason}`),
  });
  const clips = new ClipStore(archive.catalog, archive.root);
  // A rebuilt (or deleted) catalog gets its clips back from their files.
  if (clips.list({ limit: 1 }).total === 0) await clips.syncFromFiles();
  const delivery = new Delivery({
    archive,
    sources,
    fetch: deps.fetch,
    clock: deps.clock,
    limits: { ...DEFAULT_LIMITS, total: deps.settings.get('downloads') ?? DEFAULT_LIMITS.total },
    ...deps.delivery,
    isKept: (id) => clips.keeps(id),
    onProgress: (progress) => hub.emit('delivery.progress', progress),
  });
  // What comes into the archive and leaves it is told to the shells' clients.
  const summaryOf = (id: string) => {
    const found = archive.catalog.getEdition(id);
    return found && archive.summary(found.edition);
  };
  archive.onChange(({ added, removed, edited }) => {
    for (const id of removed) hub.emit('edition.removed', { id });
    for (const id of added) {
      const summary = summaryOf(id);
      if (summary) hub.emit('edition.added', { edition: summary });
    }
    for (const { id, previous } of edited) {
      const summary = summaryOf(id);
      if (summary) hub.emit('edition.changed', { edition: summary, previous });
    }
  });
  let ocrInBackground: ((edition?: string) => void) | undefined;
  let picturesInBackground: ((edition: string) => void) | undefined;
  let tidyInBackground: (() => void) | undefined;
  // The indexer reads every edition that comes into the archive, in the background.
  const indexer = new Indexer(archive, {
    onIndexed: (edition) => {
      hub.emit('text.indexed', { edition });
      picturesInBackground?.(edition);
      ocrInBackground?.(edition);
      tidyInBackground?.();
    },
    onError: (edition, error) =>
      console.error(`Paperboy: could not index ${edition}: ${(error as Error)?.message ?? error}`),
  });
  // The shell's languages (serve --lang), else the reader's setting, where its data is installed.
  // A source read in languages of its own (its ocrLanguages) is read in those.
  const ocr = new OcrQueue(
    archive,
    indexer.store,
    deps.ocrLanguages ?? readableLanguages(deps),
    async (source) => (await sources.get(source).catch(() => undefined))?.ocrLanguages,
  );
  // Searches run in a thread of their own, so they never hold up files and IPC.
  const searches = new SearchPool(catalogPath(archive.root));
  const shutdown = new AbortController();
  const inFlight = new Set<Promise<unknown>>();
  let schedule: ReturnType<typeof runSchedule> | undefined;
  let watcher: ReturnType<typeof watchCatalog> | undefined;
  let folders: FolderWatch | undefined;

  function track<T>(signal: AbortSignal, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const promise = work(AbortSignal.any([signal, shutdown.signal]));
    inFlight.add(promise);
    promise.finally(() => inFlight.delete(promise)).catch(() => {});
    return promise;
  }

  /**
   * Background work asked for again and again (as editions come and go): one run
   * at a time and one waiting, each waited for by close(). `work` must not reject.
   */
  function oneWaiting(work: () => Promise<unknown>): () => void {
    let runs: Promise<unknown> = Promise.resolve();
    let waiting = false;
    return () => {
      if (waiting) return;
      waiting = true;
      runs = runs.then(() => {
        waiting = false;
        return work();
      });
      void track(shutdown.signal, () => runs);
    };
  }

  const context: HandlerContext = {
    deps,
    archive,
    sources,
    delivery,
    indexer,
    ocr,
    clips,
    searches,
    hub,
    track,
    async sourcesChanged() {
      schedule?.wake();
      if (folders) folders.sync(await sources.list());
    },
  };
  const handlers: Handlers = {
    ...editionHandlers(context),
    ...sourceHandlers(context),
    ...archiveHandlers(context),
    ...textHandlers(context),
    ...articleHandlers(context),
    ...clipHandlers(context),
    ...settingsHandlers(context),
  };
  const api = createLocalApi(handlers, hub);

  async function keepSampleClipping(): Promise<void> {
    const content = await sampleClipping(deps.resourcesDir);
    if (!content) return;
    const link = await api.call('clips.link', { content }, { signal: shutdown.signal });
    const clip = clipFromLink(link);
    if (clip)
      await api.call('clips.create', { ...clip, tags: ['sample'] }, { signal: shutdown.signal });
  }

  return {
    archive,
    sources,
    delivery,
    indexer,
    ocr,
    clips,
    hub,
    handlers,
    api,
    endpoint: createEndpoint(handlers, hub),
    files: createFileAnswers(archive, clips),
    async start() {
      // An edition indexed gets its cover and page 1's preview drawn, one edition at a
      // time, so the library and the reader show them at once (picture-file.ts).
      let pictures: Promise<unknown> = Promise.resolve();
      picturesInBackground = (edition) => {
        pictures = pictures.then(() =>
          shutdown.signal.aborted
            ? undefined
            : track(shutdown.signal, () => drawPictures(archive, edition)).catch(() => {
                // Drawn when first asked for instead (a removed edition, a broken page).
              }),
        );
      };
      // Pictures of editions gone (removed, or replaced by other files) are deleted: at
      // start, for those that went while no shell ran, and as editions come and go
      // (it is quick: a folder read and the catalog's file hashes).
      const sweep = oneWaiting(() => sweepPictures(archive).catch(() => {}));
      sweep();
      const offSweep = archive.onChange(sweep);
      shutdown.signal.addEventListener('abort', offSweep, { once: true });
      // Editions another process adds (a cron fetch, a CLI import) are announced by the
      // archive as its own: the library shows them, and they are indexed and OCR'd.
      watcher ??= watchCatalog(
        archive.catalog,
        (change) => archive.announce(change),
        deps.watchMs ?? 2000,
      );
      void indexer.catchUp();
      // A catalog from before the word index's parts is indexed again into them (searches
      // use its old index meanwhile), and a part that is full is merged into one segment:
      // at the start, and after each edition indexed (archive/word-index.ts).
      tidyInBackground = oneWaiting(() =>
        indexer.store.tidyIndex(shutdown.signal).catch((error: Error) => {
          if (!shutdown.signal.aborted)
            console.error(`Paperboy: the word index is not tidied yet: ${error.message}`);
        }),
      );
      tidyInBackground();
      if (await offerSample(archive, deps.resourcesDir, deps.clock)) {
        // The sample comes with a clipping of one of its stories, linked: a new reader sees it at once.
        track(shutdown.signal, () => keepSampleClipping()).catch((error: Error) =>
          console.error(`Paperboy: could not link the sample clipping: ${error.message}`),
        );
      }
    },
    startOcr(onError) {
      ocrInBackground = (edition) => {
        let done = 0;
        ocr
          .run({
            ...(edition && { edition }),
            // The reader shows how far the page it waits for is.
            onStep: (step) => hub.emit('ocr.progress', { ...step, done }),
            onPage: (page) => {
              done++;
              hub.emit('ocr.progress', { ...page, done });
              hub.emit('text.indexed', { edition: page.edition });
            },
            onFailed: ({ edition, page, reason }) =>
              console.error(`Paperboy: OCR could not read ${edition} p.${page}: ${reason}`),
          })
          .catch((error) => {
            if (!shutdown.signal.aborted) onError(error);
          });
      };
      void indexer.catchUp().then(() => ocrInBackground?.());
    },
    startSchedule(onError) {
      if (schedule) return schedule;
      const scheduler = new Scheduler({ archive, sources, delivery, clock: deps.clock });
      schedule = runSchedule(scheduler, deps.clock, onError);
      // Folder sources are watched too: a file is imported once it stops growing.
      folders = new FolderWatch({
        deliver: (source, date) =>
          track(shutdown.signal, (signal) => delivery.fetch({ source, date }, signal)),
        onError,
        ...(deps.folderDebounceMs && { debounceMs: deps.folderDebounceMs }),
      });
      void sources.list().then((list) => folders?.sync(list), onError);
      return schedule;
    },
    async close() {
      watcher?.stop();
      folders?.close();
      shutdown.abort();
      await schedule?.stop();
      await ocr.close();
      await searches.close();
      await indexer.close();
      await Promise.allSettled(inFlight);
      archive.close();
    },
  };
}

/** The reader's OCR languages that can be read here (English if none of them can). */
function readableLanguages(deps: ServiceDeps): string[] {
  const installed = installedLanguages();
  const readable = (deps.settings.get('ocrLanguages') ?? ['eng']).filter((code) =>
    installed.includes(code),
  );
  return readable.length > 0 ? readable : ['eng'];
}
