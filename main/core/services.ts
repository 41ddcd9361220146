/**
 * The composition root of the core: everything a shell serves, built from what
 * differs between shells (archive folder, settings store, clock, fetch).
 * The shells call `start()` once, serve `handlers` and `hub`, and `close()` on quit,
 * which aborts and awaits every operation in flight.
 */
import type { Api, Handlers } from '../common/api.ts';
import { clipFromLink } from '../common/clip-from-link.ts';
import { ApiError } from '../common/errors.ts';
import { EventHub } from '../common/events.ts';
import { createLocalApi } from '../common/local-api.ts';
import { rememberPosition, type SettingsStore } from '../common/settings.ts';
import { Archive } from './archive/archive.ts';
import { watchCatalog } from './archive/catalog-watch.ts';
import { catalogPath } from './archive/layout.ts';
import { ClipStore } from './clips/clip-store.ts';
import { createClip } from './clips/create-clip.ts';
import { linkClipping } from './clips/link-clipping.ts';
import { readClipping } from './clips/read-clipping.ts';
import type { Clock } from './clock.ts';
import { Delivery, type DeliveryOptions } from './download/delivery.ts';
import { FolderWatch } from './download/folder-watch.ts';
import { planRetention } from './download/retention.ts';
import { nextScheduledAt, runSchedule, Scheduler } from './download/scheduler.ts';
import { offerSample, sampleClipping } from './sample.ts';
import { dateInZone } from './sources/date-tokens.ts';
import { loadPresets } from './sources/presets.ts';
import { SourceStore } from './sources/source-store.ts';
import { previewSource } from './sources/test-source.ts';
import { Indexer } from './text/indexer.ts';
import { languagePath } from './text/ocr-page.ts';
import { OcrQueue } from './text/ocr-queue.ts';
import { indexText } from './text/page-words.ts';
import { SearchPool } from './text/search-pool.ts';

export interface ServiceDeps {
  archiveDir: string;
  settings: SettingsStore;
  clock: Clock;
  /** Electron's net.fetch on the desktop, Node's fetch headless; used by delivery. */
  fetch: typeof globalThis.fetch;
  /** The app's bundled resources (the sample edition, presets). */
  resourcesDir: string;
  version: string;
  /** Tuning for delivery (tests shorten timeouts and skip real waits). */
  delivery?: Pick<DeliveryOptions, 'sleep' | 'retry' | 'limits' | 'timeouts' | 'maxFileBytes'>;
  /** OCR languages (tesseract codes, data from @tesseract.js-data/<code>); English by default. */
  ocrLanguages?: string[];
  /** How often, once started, to look for editions another process added or removed (ms). */
  watchMs?: number;
  /** How long a watched folder must be quiet before a look (tests shorten it). */
  folderDebounceMs?: number;
}

export interface Services {
  archive: Archive;
  sources: SourceStore;
  delivery: Delivery;
  indexer: Indexer;
  /** OCR for pages without usable text. */
  ocr: OcrQueue;
  clips: ClipStore;
  hub: EventHub;
  handlers: Handlers;
  /** The contract in-process, through the same dispatch the shells use. */
  api: Api;
  /** First-run work: offers the bundled sample edition to an empty archive. */
  start(): Promise<void>;
  /** From now on, reads pages without usable text with OCR in the background, as they arrive. */
  startOcr(onError: (error: unknown) => void): void;
  /** Delivers on schedule until close(); `wake()` runs it at once (after sleep). */
  startSchedule(onError: (error: unknown) => void): { wake(): void };
  close(): Promise<void>;
}

export async function createServices(deps: ServiceDeps): Promise<Services> {
  // A language that cannot be read is said before anything is opened.
  for (const code of deps.ocrLanguages ?? []) languagePath(code);
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
    ...deps.delivery,
    isKept: (id) => clips.keeps(id),
    onProgress: (progress) => hub.emit('delivery.progress', progress),
    onDelivered: (edition) => {
      const summary = archive.summary(edition);
      if (summary) hub.emit('edition.added', { edition: summary });
    },
    onRemoved: (id) => hub.emit('edition.removed', { id }),
  });
  let ocrInBackground: ((edition?: string) => void) | undefined;
  const indexer = new Indexer(archive, {
    onIndexed: (edition) => {
      hub.emit('text.indexed', { edition });
      ocrInBackground?.(edition);
    },
    onError: (edition, error) =>
      console.error(`Paperboy: could not index ${edition}: ${(error as Error)?.message ?? error}`),
  });
  const ocr = new OcrQueue(archive, indexer.store, deps.ocrLanguages);
  // Searches run in a thread of their own, so they never hold up files and IPC.
  const searches = new SearchPool(catalogPath(archive.root));
  // Every edition that arrives is indexed in the background.
  hub.subscribe((event, payload) => {
    if (event === 'edition.added')
      void indexer.enqueue((payload as { edition: { id: string } }).edition.id);
  });
  const shutdown = new AbortController();
  const inFlight = new Set<Promise<unknown>>();
  let schedule: ReturnType<typeof runSchedule> | undefined;
  let watcher: ReturnType<typeof watchCatalog> | undefined;
  let folders: FolderWatch | undefined;

  /** Runs long work under both the caller's signal and shutdown's, and tracks it for close(). */
  function track<T>(signal: AbortSignal, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const promise = work(AbortSignal.any([signal, shutdown.signal]));
    inFlight.add(promise);
    promise.finally(() => inFlight.delete(promise)).catch(() => {});
    return promise;
  }

  async function keepSampleClipping(): Promise<void> {
    const content = await sampleClipping(deps.resourcesDir);
    if (!content) return;
    const link = await handlers['clips.link']({ content }, { signal: shutdown.signal });
    const clip = clipFromLink(link);
    if (clip)
      await handlers['clips.create']({ ...clip, tags: ['sample'] }, { signal: shutdown.signal });
  }

  const publicSettings = () => ({
    theme: deps.settings.get('theme'),
    runInBackground: deps.settings.get('runInBackground'),
    openAtLogin: deps.settings.get('openAtLogin'),
    reader: deps.settings.get('reader'),
  });

  const handlers: Handlers = {
    'editions.list': async (args) => archive.list(args),
    'editions.get': async ({ id }) => archive.get(id),
    'editions.remove': async ({ id }) => {
      await archive.remove(id);
      hub.emit('edition.removed', { id });
      return { removed: true };
    },
    'sources.list': async () => {
      const defined = await sources.list();
      const usage = archive.catalog.sourceUsage();
      const known = archive.catalog
        .listSources()
        .filter((s) => !defined.some((d) => d.id === s.id));
      const space = (id: string) => ({
        bytes: usage.get(id)?.bytes ?? 0,
        editions: usage.get(id)?.editions ?? 0,
      });
      const now = deps.clock.now().getTime();
      const followed = await Promise.all(
        defined.map(async (definition) => ({
          id: definition.id,
          name: definition.name,
          kind: definition.kind,
          definition,
          ...space(definition.id),
          held: planRetention(
            archive,
            definition,
            dateInZone(deps.clock.now(), definition.timezone),
            (id) => clips.keeps(id),
          ).held,
          health: {
            ...(await delivery.health.get(definition.id)),
            nextRun: new Date(nextScheduledAt(definition, now)).toISOString(),
          },
        })),
      );
      return [...followed, ...known.map((source) => ({ ...source, ...space(source.id) }))];
    },
    'sources.presets': async () => loadPresets(deps.resourcesDir),
    'sources.add': async ({ definition }) => {
      const added = await sources.put(definition);
      // A new source may have editions due now, and a folder to watch.
      schedule?.wake();
      if (folders) folders.sync(await sources.list());
      return added;
    },
    'sources.remove': async ({ id }) => {
      await sources.remove(id);
      if (folders) folders.sync(await sources.list());
      return { removed: true };
    },
    'sources.test': async (args, { signal }) => {
      const { date } = args;
      const definition = args.definition ?? (await sources.get(args.id!));
      return previewSource(
        definition,
        date ?? dateInZone(deps.clock.now(), definition.timezone),
        deps.fetch,
        signal,
      );
    },
    'delivery.fetch': (args, { signal }) =>
      track(signal, (combined) => delivery.fetch(args, combined)),
    'archive.info': async () => ({ ...archive.catalog.counts(), version: deps.version }),
    'archive.reindex': (args, { signal }) =>
      track(signal, async (combined) => {
        // A damaged catalog is set aside first: a rebuild must not read from it.
        const repaired = await archive.repairCatalog();
        // The search thread's connection is to the file set aside: it starts again.
        if (repaired) await searches.close();
        const outcome = await archive.reindex({
          verify: args.verify,
          signal: combined,
          onProgress: (done, total) => hub.emit('reindex.progress', { done, total }),
        });
        // The clips' files are their truth too.
        await clips.syncFromFiles();
        return { ...outcome, ...(repaired && { repaired }) };
      }),
    'search.query': (args) => searches.search(args),
    'text.page': async ({ edition, page }, { signal }) => {
      await indexer.ensureIndexed(edition, signal);
      const stored = indexer.store.page(edition, page);
      if (!stored) {
        archive.get(edition);
        throw new ApiError(
          'not-found',
          `No text for page ${page} of ${edition} (not indexed yet, or no such page).`,
        );
      }
      return {
        edition,
        page,
        quality: stored.quality,
        text: indexText(stored.words).text,
        words: stored.words.map((w) => ({
          text: w.text,
          box: [w.x, w.y, w.w, w.h] as [number, number, number, number],
        })),
      };
    },
    'clips.link': async ({ content, name, ...range }, { signal }) => {
      const clipping = await readClipping(
        { content, ...(name !== undefined && { name }) },
        { fetch: deps.fetch, signal },
      );
      // Editions still being indexed are part of the archive the reader expects searched.
      await indexer.catchUp();
      return linkClipping(indexer.store, clipping, range);
    },
    'clips.create': async (input, { signal }) => {
      // A clip keeps the page's text: a page just delivered is read first.
      await indexer.ensureIndexed(input.edition, signal);
      const clip = await createClip(
        { archive, text: indexer.store, clips, clock: deps.clock },
        input,
      );
      hub.emit('clips.changed', { id: clip.id });
      return clip;
    },
    'clips.list': async (filter) => clips.list(filter),
    'clips.get': async ({ id }) => clips.get(id),
    'clips.update': async (changes) => {
      const clip = await clips.update(changes);
      hub.emit('clips.changed', { id: clip.id });
      return clip;
    },
    'clips.remove': async ({ id }) => {
      await clips.remove(id);
      hub.emit('clips.changed', { id });
      return { removed: true as const };
    },
    'settings.get': async () => publicSettings(),
    'reader.position': async ({ edition }) => {
      const saved = deps.settings.get('positions')[edition];
      if (!saved) return null;
      const { at: _at, ...position } = saved;
      return position;
    },
    'reader.remember': async ({ edition, position }) => {
      deps.settings.set(
        'positions',
        rememberPosition(deps.settings.get('positions'), edition, {
          ...position,
          at: deps.clock.now().toISOString(),
        }),
      );
      return { saved: true as const };
    },
    'settings.set': async (patch) => {
      if (patch.theme !== undefined) deps.settings.set('theme', patch.theme);
      if (patch.runInBackground !== undefined)
        deps.settings.set('runInBackground', patch.runInBackground);
      if (patch.openAtLogin !== undefined) deps.settings.set('openAtLogin', patch.openAtLogin);
      if (patch.reader !== undefined) deps.settings.set('reader', patch.reader);
      const now = publicSettings();
      hub.emit('settings.changed', now);
      return now;
    },
  };

  return {
    archive,
    sources,
    delivery,
    indexer,
    ocr,
    clips,
    hub,
    handlers,
    api: createLocalApi(handlers, hub),
    async start() {
      // Editions another process adds (a cron fetch, a CLI import) are announced and
      // read here too: the library shows them, and they are indexed and OCR'd.
      watcher ??= watchCatalog(
        archive.catalog,
        ({ added, removed }) => {
          for (const id of removed) hub.emit('edition.removed', { id });
          for (const id of added) {
            const found = archive.catalog.getEdition(id);
            const summary = found && archive.summary(found.edition);
            if (summary) hub.emit('edition.added', { edition: summary });
          }
        },
        deps.watchMs ?? 2000,
      );
      void indexer.catchUp();
      if (await offerSample(archive, deps.resourcesDir)) {
        for (const edition of archive.list()) hub.emit('edition.added', { edition });
        // The sample comes with a clipping of one of its stories, linked: a new reader sees it at once.
        track(shutdown.signal, () => keepSampleClipping()).catch((error: Error) =>
          console.error(`Paperboy: could not link the sample clipping: ${error.message}`),
        );
      }
    },
    startOcr(onError) {
      ocrInBackground = (edition) => {
        ocr
          .run({
            ...(edition && { edition }),
            onPage: (page) => hub.emit('text.indexed', { edition: page.edition }),
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
      const scheduler = new Scheduler({
        archive,
        sources,
        delivery,
        clock: deps.clock,
      });
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
