/**
 * The reader: an edition's pages under one toolbar, with a strip of thumbnails.
 * Keyboard first: every command has its keys and a button, both declared in
 * reader-commands.ts (pages, editions, layouts, zoom, tools, colours, find).
 * Where the reader was in each edition (page, zoom, place on the page) is
 * remembered and restored when the edition is opened without a page.
 */
import type { Api, EventPayload, Result } from '../../main/common/api.ts';
import type { ClipRegion } from '../../main/common/clips.ts';
import type { Edition } from '../../main/common/domain.ts';
import {
  PAGE_THEMES,
  type PageThemeName,
  type ReaderLayout,
  type ReaderPrefs,
} from '../../main/common/settings.ts';
import { fileUrl, previewUrl, shareLink } from '../api/connect.ts';
import type { DocumentCache } from '../viewer/documents.ts';
import {
  type Box,
  EditionStage,
  labelsShown,
  type StageLocation,
  type Tool,
  type Zoom,
} from '../viewer/edition-stage.ts';
import { PagePreview } from '../viewer/page-preview.ts';
import { RegionSelect } from '../viewer/region-select.ts';
import { formatDate, h } from './dom.ts';
import { EditionNav } from './edition-nav.ts';
import { FindBar } from './find-bar.ts';
import { commandFor, type ReaderCommand } from './reader-commands.ts';
import {
  buildReaderToolbar,
  dateFieldReady,
  LAYOUT_BUTTONS,
  type ReaderToolbar,
  ZOOM_STEPS,
} from './reader-toolbar.ts';
import { StoryReader } from './story-reader.ts';
import { ThumbnailStrip } from './thumbnail-strip.ts';

export interface ReaderOptions {
  api: Api;
  docs: DocumentCache;
  editionId: string;
  /** The page to open at; without it, where the reader left this edition (or page 1). */
  page?: number;
  /** Called when the page changes, so the address can follow. */
  onPage: (page: number) => void;
  /** Opens another edition (the previous / next one, or one picked by date). */
  onEdition: (id: string) => void;
  onClose: () => void;
  onError: (message: string) => void;
  /** A search whose hits are marked on the pages. */
  query?: string;
  /** Regions to outline (a linked story, a clip), in PDF space. */
  regions?: ClipRegion[];
}

/** Where the reader is is saved this long after it stops moving. */
const REMEMBER_AFTER_MS = 600;

export class ReaderView {
  readonly element: HTMLElement;
  readonly #options: ReaderOptions;
  readonly #stage: EditionStage;
  #edition: Edition | undefined;
  readonly #nav: EditionNav;
  #prefs: ReaderPrefs = { layout: 'single', pages: 'day', thumbnails: true };
  #strip: ThumbnailStrip | undefined;
  /** The thumbnails' room, kept from the start so the page does not move when they come. */
  readonly #stripRoom = h('div', { className: 'strip', 'aria-hidden': 'true' });
  /** The first page shown from its preview until pdf.js has drawn it (page-preview.ts). */
  #preview: PagePreview | undefined;
  /** Set once pdf.js has laid the pages out at the start's zoom. */
  #laidOut = false;
  readonly #body: HTMLElement;
  readonly #bar: ReaderToolbar;
  readonly #status = h('p', { className: 'clip-status', role: 'status', 'aria-live': 'polite' });
  /** How far OCR is with this edition's scans, while it reads them. */
  readonly #ocr = h('p', { className: 'ocr-status', role: 'status' });
  readonly #offOcr: () => void;
  #ocrDone: ReturnType<typeof setTimeout> | undefined;
  readonly #select: RegionSelect;
  readonly #stories: StoryReader;
  readonly #find: FindBar;
  readonly #onKey = (event: KeyboardEvent) => this.#key(event);
  readonly #onFullscreen = () =>
    this.#bar.buttons.fullScreen.setAttribute(
      'aria-pressed',
      String(document.fullscreenElement === this.element),
    );
  #rememberTimer: ReturnType<typeof setTimeout> | undefined;
  #pendingLocation: StageLocation | undefined;
  #currentHit: number | undefined;

  /** The edition, the settings and where the reader left it, asked for before anything is built. */
  readonly #asked: Promise<[Edition, Result<'settings.get'>, Result<'reader.position'>]>;

  constructor(options: ReaderOptions) {
    this.#options = options;
    const { api, editionId } = options;
    this.#asked = Promise.all([
      api.call('editions.get', { id: editionId }),
      api.call('settings.get', {}),
      options.page ? Promise.resolve(null) : api.call('reader.position', { edition: editionId }),
    ]);
    // Fetched and decoded while the edition is asked for: page 1 unless told, the page
    // most editions open at.
    const first = options.page ?? 1;
    this.#preview = new PagePreview(previewUrl(editionId, first), first);
    this.#bar = buildReaderToolbar((command) => this.#run(command));
    const bar = this.#bar;
    this.#nav = new EditionNav({
      api: options.api,
      bar,
      onEdition: options.onEdition,
      onError: options.onError,
    });
    bar.pageInput.addEventListener('change', () => this.#goToTyped(bar.pageInput.value));
    bar.pageInput.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        this.#goToTyped(bar.pageInput.value);
        this.#stage.element.focus();
      }
    });
    bar.zoomLevel.addEventListener('change', () => {
      const value = bar.zoomLevel.value;
      this.setZoom(value === 'page-width' || value === 'page-fit' ? value : Number(value));
    });
    bar.theme.addEventListener('change', () => this.setPageTheme(bar.theme.value as PageThemeName));
    this.#body = h('div', { className: 'reader-body' });
    const pane = h('div', { className: 'stage-pane' });
    this.#body.append(this.#stripRoom, pane);
    this.element = h(
      'main',
      { className: 'reader', id: 'main', 'aria-label': 'Reader' },
      bar.element,
      this.#body,
    );
    this.#stage = new EditionStage(pane, {
      onPage: (page) => this.#pageChanged(page),
      onZoom: (scale, preset, ownFit) => this.#zoomChanged(scale, preset, ownFit),
      onLocation: (location) => this.#remember(location),
    });
    this.#find = new FindBar({
      api: options.api,
      editionId: options.editionId,
      onMarks: (page, boxes) => this.#stage.setMarks(page, 'hits', boxes),
      onCurrent: (hit) => this.#showHit(hit),
      onClose: () => this.#stage.element.focus(),
    });
    pane.append(this.#find.element, this.#status, this.#ocr);
    this.#offOcr = options.api.on('ocr.progress', (progress) => this.#ocrProgress(progress));
    this.#select = new RegionSelect({
      stage: this.#stage.element,
      onSelect: (a, b, page) => {
        const rect = this.#stage.toPdfRect(page, a, b);
        this.setClipping(false);
        if (rect) void this.#clip(page, [rect]);
      },
    });
    this.#stories = new StoryReader({
      api: options.api,
      editionId: options.editionId,
      stage: this.#stage,
      onClip: (page, rects, more) => void this.#clip(page, rects, more),
      onLink: (page, rects) => void this.#copyLink(page, rects),
      onError: options.onError,
    });
    this.#body.append(this.#stories.view.element);
    this.#stage.element.addEventListener('pagerendered', (event) => {
      const { page, error } = (event as CustomEvent<{ page: number; error?: unknown }>).detail;
      if (error) options.onError(`Page ${page} could not be drawn.`);
      if (page === this.#preview?.page) this.#dropPreview();
      this.#strip?.start();
    });
    this.setTool('hand');
    document.addEventListener('keydown', this.#onKey);
    document.addEventListener('fullscreenchange', this.#onFullscreen);
  }

  get stage(): EditionStage {
    return this.#stage;
  }

  get find(): FindBar {
    return this.#find;
  }

  async open(): Promise<void> {
    const [edition, settings, position] = await this.#asked;
    this.#edition = edition;
    this.#prefs = settings.reader;
    const start =
      position && !this.#options.page
        ? position
        : { page: this.#options.page ?? 1, zoom: this.#defaultZoom() };
    const regions = this.#options.regions ?? [];
    if (!this.#prefs.thumbnails) this.#stripRoom.hidden = true;
    // The preview first, before anything else is laid out or formatted, and before
    // pdf.js is loaded: evaluating it holds the main thread for a fifth of a second.
    if (await this.#showPreview(start, edition, regions))
      // Painted before pdf.js and the rest are set up, which hold the main thread.
      await framePainted();
    // The page and zoom boxes say where the reader is from the start, while pdf.js loads.
    this.#bar.pageInput.value =
      labelsShown(edition.pages.map((page) => page.label))?.[start.page - 1] ?? String(start.page);
    if (typeof start.zoom === 'string') this.#bar.zoomLevel.value = start.zoom;
    this.#nav.show(edition);
    this.#bar.title.textContent = edition.title;
    // The whole name on hover where the bar cuts it short.
    this.#bar.title.title = edition.title;
    document.title = `${edition.title}, ${formatDate(edition.date)} — Paperboy`;
    this.#bar.pageCount.textContent = `of ${edition.pages.length}`;
    this.element.dataset.pages = String(edition.pages.length);

    this.#applyLayout(this.#prefs.layout);
    this.setPageTheme(this.#prefs.pages, false);
    const pages = edition.pages.map((page) => ({
      url: fileUrl(edition.id, page.file),
      index: page.index,
    }));
    this.#stage.open(
      pages,
      this.#options.docs,
      start,
      edition.pages.map((page) => page.label),
    );
    if ('left' in start) this.element.dataset.restored = String(start.page);
    for (const n of new Set(regions.map((r) => r.page)))
      this.#stage.setMarks(
        n,
        'regions',
        regions.filter((r) => r.page === n).map((r): Box => [r.x, r.y, r.w, r.h]),
      );
    this.element.dataset.regions = String(regions.length);
    await this.#stage.ready;
    this.#laidOut = true;
    // Off the way to the first paint, when the main thread has a moment (pdf.js draws the page).
    requestIdleCallback(() => dateFieldReady(this.#bar), { timeout: 1000 });
    // Where pdf.js has laid the page out, to the pixel.
    const box = this.#preview && this.#stage.pageBox(this.#preview.page);
    if (box) this.#preview?.placeOn(this.#stage.element, box);
    // A page not loaded yet has no box of its own: the preview stays where it is seen.
    else this.#preview?.keepPlace(this.#stage.element);
    await this.#stage.labelled;

    this.#strip = new ThumbnailStrip({
      pages: edition.pages.map((page) => ({
        n: page.n,
        label: this.#stage.label(page.n),
        ...(page.section && { section: page.section }),
        aspect: page.width / page.height,
      })),
      getPage: (n) => this.#options.docs.page(pages[n - 1]!.url, pages[n - 1]!.index),
      onOpen: (n) => {
        this.#stage.go(n);
        this.#stage.element.focus();
      },
    });
    this.#stripRoom.replaceWith(this.#strip.element);
    this.setThumbnails(this.#prefs.thumbnails, false);

    this.#pageChanged(this.#stage.page);
    // A linked story, a search hit's story or a clip opens zoomed to be read, not as the whole page.
    const here = regions.filter((r) => r.page === this.#stage.page);
    if (here.length)
      this.#stage.fitStory(
        this.#stage.page,
        here.map((r): Box => [r.x, r.y, r.w, r.h]),
      );
    if (this.#options.query) {
      await this.#markHits(this.#options.query);
      // The search's terms stay in the find bar: Enter steps through their hits.
      this.#find.prime(this.#options.query);
    }
    await this.#stories.load();
  }

  /**
   * Shows the start page's preview while pdf.js draws it, where it can stand for
   * the page as drawn: the page fitted (to the view or its width) in a one-page
   * layout, with no story to zoom to.
   */
  async #showPreview(
    start: StageLocation | { page: number; zoom: Zoom },
    edition: Edition,
    regions: ClipRegion[],
  ): Promise<boolean> {
    const preview = this.#preview;
    const page = edition.pages[start.page - 1];
    if (
      !preview ||
      !page ||
      preview.page !== start.page ||
      typeof start.zoom !== 'string' ||
      this.#prefs.layout === 'spread' ||
      regions.some((r) => r.page === start.page)
    ) {
      this.#dropPreview();
      return false;
    }
    if (await preview.show(this.#stage.element, page, start.zoom, this.#prefs.pages)) return true;
    this.#dropPreview();
    return false;
  }

  #dropPreview(): void {
    this.#preview?.remove();
    this.#preview = undefined;
  }

  /** Goes to page n (1-based). */
  go(n: number): void {
    this.#stage.go(n);
  }

  setLayout(layout: ReaderLayout): void {
    this.#applyLayout(layout);
    this.#savePrefs({ layout });
  }

  #applyLayout(layout: ReaderLayout): void {
    for (const [name, id] of Object.entries(LAYOUT_BUTTONS))
      this.#bar.buttons[id].setAttribute('aria-pressed', String(name === layout));
    this.#stage.setLayout(layout);
    this.element.dataset.layout = layout;
  }

  setZoom(zoom: Zoom): void {
    this.#stage.setZoom(zoom);
  }

  setTool(tool: Tool): void {
    if (this.clipping) this.setClipping(false);
    this.#stage.setTool(tool);
    this.#bar.buttons.hand.setAttribute('aria-pressed', String(tool === 'hand'));
    this.#bar.buttons.text.setAttribute('aria-pressed', String(tool === 'text'));
  }

  setPageTheme(name: PageThemeName, save = true): void {
    this.#stage.setTheme(name);
    this.#stories.setTheme(name);
    this.#bar.theme.value = name;
    this.element.dataset.pageTheme = name;
    if (save) this.#savePrefs({ pages: name });
  }

  setThumbnails(on: boolean, save = true): void {
    if (this.#strip) this.#strip.element.hidden = !on;
    this.#bar.buttons.thumbnails.setAttribute('aria-pressed', String(on));
    if (on) this.#strip?.setCurrent(this.#stage.page);
    if (save) this.#savePrefs({ thumbnails: on });
  }

  async toggleFullscreen(): Promise<void> {
    try {
      if (document.fullscreenElement) await document.exitFullscreen();
      else await this.element.requestFullscreen();
    } catch (error) {
      this.#options.onError(`Full screen is not available: ${(error as Error).message}`);
    }
  }

  get clipping(): boolean {
    return this.#bar.buttons.clip.getAttribute('aria-pressed') === 'true';
  }

  setClipping(on: boolean): void {
    this.#bar.buttons.clip.setAttribute('aria-pressed', String(on));
    if (on) {
      this.#select.enable();
      this.#status.textContent = 'Drag a rectangle on the page to clip it. Esc to stop.';
    } else {
      this.#select.disable();
      if (this.element.dataset.clip !== 'saving') this.#status.textContent = '';
    }
  }

  destroy(): void {
    this.#dropPreview();
    this.#offOcr();
    clearTimeout(this.#ocrDone);
    document.removeEventListener('keydown', this.#onKey);
    document.removeEventListener('fullscreenchange', this.#onFullscreen);
    if (document.fullscreenElement === this.element) void document.exitFullscreen();
    this.#flushRemember();
    this.#select.disable();
    this.#stories.view.stopReading();
    this.#strip?.destroy();
    this.#stage.destroy();
    this.element.remove();
  }

  /** A scan of this edition being read by OCR: how far, then what it found. */
  #ocrProgress(progress: EventPayload<'ocr.progress'>): void {
    const { edition, page } = progress;
    if (edition !== this.#options.editionId || page === undefined) return;
    clearTimeout(this.#ocrDone);
    if (progress.step === 'drawing') this.#ocr.textContent = `Reading page ${page} with OCR…`;
    else if (progress.step === 'reading')
      this.#ocr.textContent = `Reading page ${page} with OCR… ${Math.round((progress.fraction ?? 0) * 100)} %`;
    else {
      this.#ocr.textContent =
        progress.reason === undefined
          ? `Page ${page} read with OCR: ${progress.words} words, now searchable.`
          : `OCR could not read page ${page}: ${progress.reason}`;
      this.#ocrDone = setTimeout(() => {
        this.#ocr.textContent = '';
      }, 6000);
    }
  }

  #defaultZoom(): Zoom {
    return this.#stage.layout === 'continuous' ? 'page-width' : 'page-fit';
  }

  #pageChanged(page: number): void {
    if (this.#preview && page !== this.#preview.page) this.#dropPreview();
    const total = this.#edition?.pages.length ?? 0;
    if (!total) return;
    this.#bar.pageInput.value = this.#stage.label(page);
    this.#bar.buttons.previous.disabled = page <= 1;
    this.#bar.buttons.next.disabled = page >= total;
    this.element.dataset.page = String(page);
    this.#strip?.setCurrent(page);
    this.#options.onPage(page);
  }

  #zoomChanged(scale: number, preset: Zoom, ownFit = false): void {
    // Zoomed once laid out, the page is drawn at another size than the preview's (a
    // page fitted on its own is drawn where its preview was fitted).
    if (this.#laidOut && !ownFit) this.#dropPreview();
    const listed =
      typeof preset === 'string' ? preset : ZOOM_STEPS.find((z) => Math.abs(z - scale) < 0.001);
    const custom = this.#bar.zoomLevel.options[0]!;
    custom.textContent = `${Math.round(scale * 100)} %`;
    this.#bar.zoomLevel.value = listed === undefined ? 'custom' : String(listed);
  }

  /** A page label (A3) or number typed in the page box. */
  #goToTyped(typed: string): void {
    const value = typed.trim();
    const total = this.#edition?.pages.length ?? 0;
    let n = 0;
    for (let i = 1; i <= total && !n; i++)
      if (this.#stage.label(i).toLowerCase() === value.toLowerCase()) n = i;
    n ||= Number(value);
    if (Number.isInteger(n) && n >= 1) this.#stage.go(n);
    else this.#bar.pageInput.value = this.#stage.label(this.#stage.page);
  }

  #remember(location: StageLocation): void {
    this.#pendingLocation = location;
    clearTimeout(this.#rememberTimer);
    this.#rememberTimer = setTimeout(() => this.#flushRemember(), REMEMBER_AFTER_MS);
  }

  #flushRemember(): void {
    clearTimeout(this.#rememberTimer);
    const location = this.#pendingLocation;
    this.#pendingLocation = undefined;
    if (!location || !this.#edition) return;
    const zoom =
      typeof location.zoom === 'number' ? Math.round(location.zoom * 1000) / 1000 : location.zoom;
    this.#options.api
      .call('reader.remember', {
        edition: this.#edition.id,
        position: { page: location.page, zoom, left: location.left, top: location.top },
      })
      .then(
        () => {
          this.element.dataset.remembered = `${location.page}@${zoom}`;
        },
        () => {},
      );
  }

  #savePrefs(change: Partial<ReaderPrefs>): void {
    this.#prefs = { ...this.#prefs, ...change };
    this.#options.api
      .call('settings.set', { reader: this.#prefs })
      .catch((error: Error) => this.#options.onError(error.message));
  }

  async #markHits(query: string): Promise<void> {
    try {
      const result = await this.#options.api.call('search.query', {
        q: query,
        edition: this.#options.editionId,
        limit: 200,
      });
      for (const hit of result.hits) this.#stage.setMarks(hit.page, 'hits', hit.boxes);
      this.element.dataset.hits = String(result.hits.reduce((n, hit) => n + hit.boxes.length, 0));
    } catch (error) {
      this.#options.onError((error as Error).message);
    }
  }

  #showHit(hit: { page: number; box: Box } | undefined): void {
    if (this.#currentHit !== undefined) this.#stage.setMarks(this.#currentHit, 'current', []);
    this.#currentHit = hit?.page;
    if (!hit) return;
    this.#stage.setMarks(hit.page, 'current', [hit.box]);
    this.#stage.reveal(hit.page, 'current');
  }

  /** Copies a link to a page (and regions on it): paperboy:// on the desktop, serve's address in a browser. */
  async #copyLink(page: number, rects: Box[]): Promise<void> {
    const link = shareLink(
      this.#options.editionId,
      page,
      rects.map((r) => r.map((v) => Math.round(v * 10) / 10).join(',')),
    );
    this.element.dataset.link = link;
    try {
      await navigator.clipboard.writeText(link);
      this.#status.textContent = 'Link copied.';
    } catch {
      // No clipboard (a page not served securely): the link is shown to copy by hand.
      this.#status.textContent = link;
    }
  }

  /** Keeps regions of a page (a rectangle drawn, a story and its other parts) in the clips library. */
  async #clip(page: number, rects: Box[], more: { page: number; rects: Box[] }[] = []) {
    this.element.dataset.clip = 'saving';
    this.#status.textContent = 'Clipping…';
    try {
      const clip = await this.#options.api.call('clips.create', {
        edition: this.#options.editionId,
        page,
        rects,
        ...(more.length && { more }),
      });
      this.#status.replaceChildren(
        `Clipped “${clip.title}”. `,
        h('a', { href: '#/clips', text: 'Open your clips' }),
      );
      this.element.dataset.clip = clip.id;
    } catch (error) {
      this.#status.textContent = '';
      delete this.element.dataset.clip;
      this.#options.onError((error as Error).message);
    }
  }

  #cycleTheme(): void {
    const next = PAGE_THEMES[(PAGE_THEMES.indexOf(this.#stage.theme) + 1) % PAGE_THEMES.length]!;
    this.setPageTheme(next);
  }

  /** What each command does here; its keys and buttons are in reader-commands.ts. */
  #run(command: ReaderCommand): void {
    const stage = this.#stage;
    const commands: Record<ReaderCommand, () => void> = {
      next: () => stage.next(),
      previous: () => stage.previous(),
      pageDown: () => stage.scrollOrFlip(1),
      pageUp: () => stage.scrollOrFlip(-1),
      first: () => stage.go(1),
      last: () => stage.go(stage.pageCount),
      goTo: () => {
        this.#bar.pageInput.focus();
        this.#bar.pageInput.select();
      },
      olderEdition: () => this.#nav.step(1),
      newerEdition: () => this.#nav.step(-1),
      single: () => this.setLayout('single'),
      spread: () => this.setLayout('spread'),
      continuous: () => this.setLayout('continuous'),
      fitWidth: () => this.setZoom('page-width'),
      fitPage: () => this.setZoom('page-fit'),
      zoomIn: () => stage.zoomBy({ steps: 1 }),
      zoomOut: () => stage.zoomBy({ steps: -1 }),
      resetZoom: () => this.setZoom(this.#defaultZoom()),
      hand: () => this.setTool('hand'),
      text: () => this.setTool('text'),
      clip: () => this.setClipping(!this.clipping),
      pageColours: () => this.#cycleTheme(),
      thumbnails: () => this.setThumbnails(!this.#prefs.thumbnails),
      fullScreen: () => void this.toggleFullscreen(),
      find: () => this.#find.open(),
      nextHit: () => this.#find.next(),
      article: () => this.#stories.openCurrent(),
      copyLink: () => {
        const article = this.#stories.view.article;
        if (article)
          void this.#copyLink(
            article.page,
            article.regions.map((r): Box => [r.x, r.y, r.w, r.h]),
          );
        else void this.#copyLink(this.#stage.page, []);
      },
      nextArticle: () => this.#stories.step(1),
      previousArticle: () => this.#stories.step(-1),
      // The back button always goes back; Escape stops clipping first.
      close: () => this.#options.onClose(),
    };
    commands[command]();
  }

  #key(event: KeyboardEvent): void {
    const command = commandFor(event);
    if (!command) return;
    const target = event.target instanceof Element ? event.target : null;
    const typing = target?.closest('input, textarea, select, [contenteditable="true"]');
    const chord = event.ctrlKey || event.metaKey || event.altKey;
    // Plain keys are the field's while typing; Space and Enter are a button's or a link's.
    if (!chord && typing) return;
    if ((event.key === ' ' || event.key === 'Enter') && target?.closest('button, a')) return;
    event.preventDefault();
    if (command === 'close' && this.clipping) this.setClipping(false);
    else if (command === 'close' && this.#stories.open) this.#stories.close();
    else this.#run(command);
  }
}

/** Resolves once the browser has painted a frame with what the page holds now. */
function framePainted(): Promise<void> {
  // A tab out of sight paints no frames (and runs no frame callbacks): nothing to wait for.
  if (document.visibilityState === 'hidden') return Promise.resolve();
  // A task queued from a frame's callback runs after that frame is painted.
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
