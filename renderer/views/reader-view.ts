/**
 * The reader: an edition's pages under one toolbar, with a strip of thumbnails.
 * Keyboard first (every key is also a button, named for screen readers):
 *   → n j / ← p k      next / previous page (a spread in the spread layout)
 *   Space, PgDn / Shift+Space, PgUp   the rest of the page when zoomed, else the next / previous
 *   Home / End         first / last page;  g  go to a page (the page box)
 *   Alt+← / Alt+→      the previous / next edition of this paper
 *   1 2 3              single page, two-page spread (front page alone), continuous scroll
 *   w f                fit width, fit page;  + −  zoom;  0  reset zoom;  Ctrl+wheel, pinch
 *   h t c              pan by dragging, select text, clip a region
 *   i                  pages: day → night → sepia
 *   s                  thumbnails;  Shift+F  full screen
 *   Ctrl+F             find in this edition (Enter / Shift+Enter: next / previous hit)
 *   Escape             stop clipping, else back to the library
 * Where the reader was in each edition (page, zoom, place on the page) is
 * remembered and restored when the edition is opened without a page.
 */
import type { Api } from '../../main/common/api.ts';
import type { ClipRegion } from '../../main/common/clips.ts';
import type { Edition, EditionSummary } from '../../main/common/domain.ts';
import {
  PAGE_THEMES,
  type PageThemeName,
  READER_LAYOUTS,
  type ReaderLayout,
  type ReaderPrefs,
} from '../../main/common/settings.ts';
import { fileUrl } from '../api/connect.ts';
import type { DocumentCache } from '../viewer/documents.ts';
import {
  type Box,
  EditionStage,
  type StageLocation,
  type Tool,
  type Zoom,
} from '../viewer/edition-stage.ts';
import { RegionSelect } from '../viewer/region-select.ts';
import { formatDate, h, icon } from './dom.ts';
import { FindBar } from './find-bar.ts';
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

const LAYOUT_NAMES: Record<ReaderLayout, string> = {
  single: 'Single page',
  spread: 'Two-page spread',
  continuous: 'Continuous scroll',
};
/** Short labels on the buttons, so the toolbar is one row on a 1280-px screen. */
const LAYOUT_LABELS: Record<ReaderLayout, string> = {
  single: 'Single',
  spread: 'Spread',
  continuous: 'Scroll',
};
const LAYOUT_KEYS: Record<ReaderLayout, string> = { single: '1', spread: '2', continuous: '3' };
/** The zoom list's steps (1 = 100 %). */
const ZOOM_STEPS = [0.5, 0.75, 1, 1.5, 2, 3, 4, 6];
const THEME_NAMES: Record<PageThemeName, string> = { day: 'Day', night: 'Night', sepia: 'Sepia' };
/** Where the reader is is saved this long after it stops moving. */
const REMEMBER_AFTER_MS = 600;

function button(text: string, props: Record<string, string> = {}): HTMLButtonElement {
  return h('button', { type: 'button', text, ...props });
}

export class ReaderView {
  readonly element: HTMLElement;
  readonly #options: ReaderOptions;
  readonly #stage: EditionStage;
  #edition: Edition | undefined;
  #siblings: EditionSummary[] = [];
  /** The list above, being fetched: Alt+arrows pressed meanwhile wait for it. */
  #siblingsLoaded: Promise<void> = Promise.resolve();
  #prefs: ReaderPrefs = { layout: 'single', pages: 'day', thumbnails: true };
  #strip: ThumbnailStrip | undefined;
  readonly #body: HTMLElement;
  readonly #title: HTMLElement;
  readonly #date: HTMLInputElement;
  readonly #dates: HTMLDataListElement;
  readonly #olderEdition: HTMLButtonElement;
  readonly #newerEdition: HTMLButtonElement;
  readonly #pageInput: HTMLInputElement;
  readonly #pageCount: HTMLElement;
  readonly #prev: HTMLButtonElement;
  readonly #next: HTMLButtonElement;
  readonly #layoutButtons: Record<ReaderLayout, HTMLButtonElement>;
  readonly #zoomLevel: HTMLSelectElement;
  readonly #toolButtons: Record<'hand' | 'text' | 'clip', HTMLButtonElement>;
  readonly #themeSelect: HTMLSelectElement;
  readonly #stripButton: HTMLButtonElement;
  readonly #fullButton: HTMLButtonElement;
  readonly #status = h('p', { className: 'clip-status', role: 'status', 'aria-live': 'polite' });
  readonly #select: RegionSelect;
  readonly #find: FindBar;
  readonly #onKey = (event: KeyboardEvent) => this.#key(event);
  readonly #onFullscreen = () =>
    this.#fullButton.setAttribute(
      'aria-pressed',
      String(document.fullscreenElement === this.element),
    );
  #rememberTimer: ReturnType<typeof setTimeout> | undefined;
  #pendingLocation: StageLocation | undefined;
  #currentHit: number | undefined;

  constructor(options: ReaderOptions) {
    this.#options = options;
    const back = button('←', {
      className: 'quiet back icon',
      'aria-label': 'Back to the library',
      title: 'Back to the library (Esc)',
    });
    back.addEventListener('click', () => options.onClose());
    this.#title = h('h1', { className: 'reader-title' });

    this.#olderEdition = button('‹', {
      className: 'icon',
      'aria-label': 'Previous edition',
      'aria-keyshortcuts': 'Alt+ArrowLeft',
      title: 'Previous edition (Alt+←)',
    });
    this.#newerEdition = button('›', {
      className: 'icon',
      'aria-label': 'Next edition',
      'aria-keyshortcuts': 'Alt+ArrowRight',
      title: 'Next edition (Alt+→)',
    });
    this.#olderEdition.addEventListener('click', () => this.#sibling(1));
    this.#newerEdition.addEventListener('click', () => this.#sibling(-1));
    this.#dates = h('datalist', { id: `dates-${Math.random().toString(36).slice(2)}` });
    this.#date = h('input', {
      type: 'date',
      className: 'date-input',
      'aria-label': 'Edition date',
      list: this.#dates.id,
    });
    this.#date.addEventListener('change', () => this.#pickDate(this.#date.value));

    this.#prev = button('‹', {
      className: 'icon',
      'aria-label': 'Previous page',
      'aria-keyshortcuts': 'ArrowLeft',
      title: 'Previous page (←)',
    });
    this.#next = button('›', {
      className: 'icon',
      'aria-label': 'Next page',
      'aria-keyshortcuts': 'ArrowRight',
      title: 'Next page (→)',
    });
    this.#prev.addEventListener('click', () => this.#stage.previous());
    this.#next.addEventListener('click', () => this.#stage.next());
    this.#pageInput = h('input', {
      type: 'text',
      inputmode: 'numeric',
      className: 'page-input',
      'aria-label': 'Page',
      'aria-keyshortcuts': 'G',
    });
    this.#pageInput.addEventListener('change', () => this.#goToTyped(this.#pageInput.value));
    this.#pageInput.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        this.#goToTyped(this.#pageInput.value);
        this.#stage.element.focus();
      }
    });
    this.#pageCount = h('span', { className: 'page-count' });

    this.#layoutButtons = Object.fromEntries(
      READER_LAYOUTS.map((layout) => {
        const b = button(LAYOUT_LABELS[layout], {
          className: 'toggle',
          'aria-label': LAYOUT_NAMES[layout],
          'aria-keyshortcuts': LAYOUT_KEYS[layout],
          title: `${LAYOUT_NAMES[layout]} (${LAYOUT_KEYS[layout]})`,
        });
        b.addEventListener('click', () => this.setLayout(layout));
        return [layout, b];
      }),
    ) as Record<ReaderLayout, HTMLButtonElement>;

    const zoomOut = button('−', {
      className: 'icon',
      'aria-label': 'Zoom out',
      'aria-keyshortcuts': '-',
      title: 'Zoom out (−)',
    });
    const zoomIn = button('+', {
      className: 'icon',
      'aria-label': 'Zoom in',
      'aria-keyshortcuts': '+',
      title: 'Zoom in (+)',
    });
    zoomOut.addEventListener('click', () => this.#stage.zoomBy({ steps: -1 }));
    zoomIn.addEventListener('click', () => this.#stage.zoomBy({ steps: 1 }));
    this.#zoomLevel = h(
      'select',
      {
        className: 'zoom-level',
        'aria-label': 'Zoom level',
        'aria-keyshortcuts': 'W F',
        title: 'Zoom (w: fit width, f: fit page)',
      },
      h('option', { value: 'custom', hidden: true }),
      h('option', { value: 'page-width', text: 'Fit width' }),
      h('option', { value: 'page-fit', text: 'Fit page' }),
      ...ZOOM_STEPS.map((z) => h('option', { value: String(z), text: `${z * 100} %` })),
    );
    this.#zoomLevel.addEventListener('change', () => {
      const value = this.#zoomLevel.value;
      this.setZoom(value === 'page-width' || value === 'page-fit' ? value : Number(value));
    });

    this.#toolButtons = {
      hand: button('Pan', {
        className: 'toggle',
        'aria-label': 'Pan: drag to move the page',
        'aria-keyshortcuts': 'H',
        title: 'Pan by dragging (h)',
      }),
      text: button('Select', {
        className: 'toggle',
        'aria-label': 'Select text',
        'aria-keyshortcuts': 'T',
        title: 'Select text to copy (t)',
      }),
      clip: button('Clip', {
        className: 'toggle',
        'aria-keyshortcuts': 'C',
        title: 'Clip a region: drag a rectangle on the page (c)',
      }),
    };
    this.#toolButtons.hand.addEventListener('click', () => this.setTool('hand'));
    this.#toolButtons.text.addEventListener('click', () => this.setTool('text'));
    this.#toolButtons.clip.addEventListener('click', () => this.setClipping(!this.clipping));

    this.#themeSelect = h(
      'select',
      { className: 'theme-select', 'aria-label': 'Page colours', 'aria-keyshortcuts': 'I' },
      ...PAGE_THEMES.map((name) => h('option', { value: name, text: THEME_NAMES[name] })),
    );
    this.#themeSelect.addEventListener('change', () =>
      this.setPageTheme(this.#themeSelect.value as PageThemeName),
    );
    this.#stripButton = button('Pages', {
      className: 'toggle',
      'aria-label': 'Thumbnails',
      'aria-keyshortcuts': 'S',
      title: 'Show or hide the thumbnails (s)',
    });
    this.#stripButton.addEventListener('click', () => this.setThumbnails(!this.#prefs.thumbnails));
    this.#fullButton = h(
      'button',
      {
        type: 'button',
        className: 'toggle glyph-button',
        'aria-label': 'Full screen',
        'aria-pressed': 'false',
        'aria-keyshortcuts': 'Shift+F',
        title: 'Full screen (Shift+F)',
      },
      // Four corners pointing out.
      icon('M2 6V2h4M10 2h4v4M14 10v4h-4M6 14H2v-4'),
    );
    this.#fullButton.addEventListener('click', () => void this.toggleFullscreen());

    const group = (label: string, ...children: HTMLElement[]) =>
      h('div', { className: 'group', role: 'group', 'aria-label': label }, ...children);
    const toolbar = h(
      'header',
      { className: 'toolbar reader-bar', role: 'toolbar', 'aria-label': 'Reader' },
      back,
      h(
        'div',
        { className: 'edition-nav' },
        this.#olderEdition,
        this.#title,
        this.#date,
        this.#dates,
        this.#newerEdition,
      ),
      group(
        'Page',
        this.#prev,
        h('label', { className: 'page-label' }, this.#pageInput, this.#pageCount),
        this.#next,
      ),
      group('Layout', ...Object.values(this.#layoutButtons)),
      // Fit width and fit page are in the zoom list (and on w and f), as in pdf.js's viewer.
      group('Zoom', zoomOut, this.#zoomLevel, zoomIn),
      group('Tool', ...Object.values(this.#toolButtons)),
      group('View', this.#themeSelect, this.#stripButton, this.#fullButton),
    );
    this.#body = h('div', { className: 'reader-body' });
    const pane = h('div', { className: 'stage-pane' });
    this.#body.append(pane);
    this.element = h(
      'main',
      { className: 'reader', id: 'main', 'aria-label': 'Reader' },
      toolbar,
      this.#body,
    );
    this.#stage = new EditionStage(pane, {
      onPage: (page) => this.#pageChanged(page),
      onZoom: (scale, preset) => this.#zoomChanged(scale, preset),
      onLocation: (location) => this.#remember(location),
    });
    this.#find = new FindBar({
      api: options.api,
      editionId: options.editionId,
      onMarks: (page, boxes) => this.#stage.setMarks(page, 'hits', boxes),
      onCurrent: (hit) => this.#showHit(hit),
      onClose: () => this.#stage.element.focus(),
    });
    pane.append(this.#find.element, this.#status);
    this.#select = new RegionSelect({
      stage: this.#stage.element,
      onSelect: (a, b, page) => void this.#clip(page, a, b),
    });
    this.#stage.element.addEventListener('pagerendered', (event) => {
      const { page, error } = (event as CustomEvent<{ page: number; error?: unknown }>).detail;
      if (error) options.onError(`Page ${page} could not be drawn.`);
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
    const { api, editionId } = this.#options;
    const [edition, settings, position] = await Promise.all([
      api.call('editions.get', { id: editionId }),
      api.call('settings.get', {}),
      this.#options.page
        ? Promise.resolve(null)
        : api.call('reader.position', { edition: editionId }),
    ]);
    this.#edition = edition;
    this.#siblingsLoaded = this.#loadSiblings(edition);
    this.#prefs = settings.reader;
    this.#title.textContent = edition.title;
    // The whole name on hover where the bar cuts it short.
    this.#title.title = edition.title;
    this.#date.value = edition.date;
    document.title = `${edition.title}, ${formatDate(edition.date)} — Paperboy`;
    this.#pageCount.textContent = `of ${edition.pages.length}`;
    this.element.dataset.pages = String(edition.pages.length);

    this.#applyLayout(this.#prefs.layout);
    this.setPageTheme(this.#prefs.pages, false);
    const pages = edition.pages.map((page) => ({
      url: fileUrl(edition.id, page.file),
      index: page.index,
    }));
    const start =
      position && !this.#options.page
        ? position
        : { page: this.#options.page ?? 1, zoom: this.#defaultZoom() };
    this.#stage.open(
      pages,
      this.#options.docs,
      start,
      edition.pages.map((page) => page.label),
    );
    if ('left' in start) this.element.dataset.restored = String(start.page);
    const regions = this.#options.regions ?? [];
    for (const n of new Set(regions.map((r) => r.page)))
      this.#stage.setMarks(
        n,
        'regions',
        regions.filter((r) => r.page === n).map((r): Box => [r.x, r.y, r.w, r.h]),
      );
    this.element.dataset.regions = String(regions.length);
    await this.#stage.ready;
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
    this.#body.prepend(this.#strip.element);
    this.setThumbnails(this.#prefs.thumbnails, false);

    this.#pageChanged(this.#stage.page);
    const target = regions.find((r) => r.page === this.#stage.page);
    if (target) this.#stage.reveal(target.page, 'regions');
    if (this.#options.query) await this.#markHits(this.#options.query);
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
    for (const [name, b] of Object.entries(this.#layoutButtons))
      b.setAttribute('aria-pressed', String(name === layout));
    this.#stage.setLayout(layout);
    this.element.dataset.layout = layout;
  }

  setZoom(zoom: Zoom): void {
    this.#stage.setZoom(zoom);
  }

  setTool(tool: Tool): void {
    if (this.clipping) this.setClipping(false);
    this.#stage.setTool(tool);
    this.#toolButtons.hand.setAttribute('aria-pressed', String(tool === 'hand'));
    this.#toolButtons.text.setAttribute('aria-pressed', String(tool === 'text'));
  }

  setPageTheme(name: PageThemeName, save = true): void {
    this.#stage.setTheme(name);
    this.#themeSelect.value = name;
    this.element.dataset.pageTheme = name;
    if (save) this.#savePrefs({ pages: name });
  }

  setThumbnails(on: boolean, save = true): void {
    if (this.#strip) this.#strip.element.hidden = !on;
    this.#stripButton.setAttribute('aria-pressed', String(on));
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
    return this.#toolButtons.clip.getAttribute('aria-pressed') === 'true';
  }

  setClipping(on: boolean): void {
    this.#toolButtons.clip.setAttribute('aria-pressed', String(on));
    if (on) {
      this.#select.enable();
      this.#status.textContent = 'Drag a rectangle on the page to clip it. Esc to stop.';
    } else {
      this.#select.disable();
      if (this.element.dataset.clip !== 'saving') this.#status.textContent = '';
    }
  }

  destroy(): void {
    document.removeEventListener('keydown', this.#onKey);
    document.removeEventListener('fullscreenchange', this.#onFullscreen);
    if (document.fullscreenElement === this.element) void document.exitFullscreen();
    this.#flushRemember();
    this.#select.disable();
    this.#strip?.destroy();
    this.#stage.destroy();
    this.element.remove();
  }

  #defaultZoom(): Zoom {
    return this.#stage.layout === 'continuous' ? 'page-width' : 'page-fit';
  }

  #pageChanged(page: number): void {
    const total = this.#edition?.pages.length ?? 0;
    if (!total) return;
    this.#pageInput.value = this.#stage.label(page);
    this.#prev.disabled = page <= 1;
    this.#next.disabled = page >= total;
    this.element.dataset.page = String(page);
    this.#strip?.setCurrent(page);
    this.#options.onPage(page);
  }

  #zoomChanged(scale: number, preset: Zoom): void {
    const listed =
      typeof preset === 'string' ? preset : ZOOM_STEPS.find((z) => Math.abs(z - scale) < 0.001);
    const custom = this.#zoomLevel.options[0]!;
    custom.textContent = `${Math.round(scale * 100)} %`;
    this.#zoomLevel.value = listed === undefined ? 'custom' : String(listed);
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
    else this.#pageInput.value = this.#stage.label(this.#stage.page);
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

  async #loadSiblings(edition: Edition): Promise<void> {
    try {
      this.#siblings = await this.#options.api.call('editions.list', { source: edition.source.id });
    } catch {
      this.#siblings = [];
    }
    const index = this.#siblings.findIndex((e) => e.id === edition.id);
    this.#olderEdition.disabled = index < 0 || index >= this.#siblings.length - 1;
    this.#newerEdition.disabled = index <= 0;
    const dates = this.#siblings.map((e) => e.date);
    if (dates.length) {
      this.#date.min = dates.at(-1)!;
      this.#date.max = dates[0]!;
    }
    this.#dates.replaceChildren(...[...new Set(dates)].map((d) => h('option', { value: d })));
  }

  /** +1: the older edition; −1: the newer one (the list is newest first). */
  #sibling(step: 1 | -1): void {
    this.#withSiblings((edition) => {
      const index = this.#siblings.findIndex((e) => e.id === edition.id);
      const other = index >= 0 ? this.#siblings[index + step] : undefined;
      if (other) this.#options.onEdition(other.id);
    });
  }

  /** Opens the edition of this date, or the nearest earlier one, saying so. */
  #pickDate(date: string): void {
    if (!date || !this.#edition || date === this.#edition.date) return;
    this.#withSiblings((edition) => {
      const exact = this.#siblings.find((e) => e.date === date);
      const earlier = this.#siblings.find((e) => e.date < date);
      const chosen = exact ?? earlier ?? this.#siblings.at(-1);
      if (!chosen) return;
      if (!exact)
        this.#options.onError(
          `No edition of ${edition.title} on ${formatDate(date)}; showing ${formatDate(chosen.date)}.`,
        );
      if (chosen.id !== edition.id) this.#options.onEdition(chosen.id);
      else this.#date.value = edition.date;
    });
  }

  /**
   * Runs `then` once the paper's list of editions has come (a key or date given
   * while it is still coming waits for it), unless another edition opened meanwhile.
   */
  #withSiblings(then: (edition: Edition) => void): void {
    const edition = this.#edition;
    if (!edition) return;
    void this.#siblingsLoaded.then(() => {
      if (edition === this.#edition) then(edition);
    });
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

  async #clip(page: number, a: { x: number; y: number }, b: { x: number; y: number }) {
    const rect = this.#stage.toPdfRect(page, a, b);
    this.setClipping(false);
    if (!rect) return;
    this.element.dataset.clip = 'saving';
    this.#status.textContent = 'Clipping…';
    try {
      const clip = await this.#options.api.call('clips.create', {
        edition: this.#options.editionId,
        page,
        rects: [rect],
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

  #key(event: KeyboardEvent): void {
    const mod = event.ctrlKey || event.metaKey;
    const key = event.key;
    // Ctrl+F (⌘F) finds in this edition; Ctrl+Shift+F is the archive-wide search.
    if (mod && !event.shiftKey && key.toLowerCase() === 'f') {
      event.preventDefault();
      this.#find.open();
      return;
    }
    const target = event.target instanceof Element ? event.target : null;
    const typing = target?.closest('input, textarea, select, [contenteditable="true"]');
    // Ctrl+plus / minus / 0 stay the interface's zoom (the shells' View menu, the browser's).
    if (mod) return;
    if (event.altKey) {
      if (key === 'ArrowLeft' || key === 'ArrowRight') {
        event.preventDefault();
        this.#sibling(key === 'ArrowLeft' ? 1 : -1);
      }
      return;
    }
    if (typing) return;
    const stage = this.#stage;
    const actions: Record<string, () => void> = {
      ArrowRight: () => stage.next(),
      n: () => stage.next(),
      j: () => stage.next(),
      ArrowLeft: () => stage.previous(),
      p: () => stage.previous(),
      k: () => stage.previous(),
      PageDown: () => stage.scrollOrFlip(1),
      PageUp: () => stage.scrollOrFlip(-1),
      ' ': () => stage.scrollOrFlip(event.shiftKey ? -1 : 1),
      Home: () => stage.go(1),
      End: () => stage.go(stage.pageCount),
      g: () => {
        this.#pageInput.focus();
        this.#pageInput.select();
      },
      '1': () => this.setLayout('single'),
      '2': () => this.setLayout('spread'),
      '3': () => this.setLayout('continuous'),
      w: () => this.setZoom('page-width'),
      f: () => this.setZoom('page-fit'),
      F: () => void this.toggleFullscreen(),
      '+': () => stage.zoomBy({ steps: 1 }),
      '=': () => stage.zoomBy({ steps: 1 }),
      '-': () => stage.zoomBy({ steps: -1 }),
      '0': () => this.setZoom(this.#defaultZoom()),
      h: () => this.setTool('hand'),
      t: () => this.setTool('text'),
      c: () => this.setClipping(!this.clipping),
      i: () => this.#cycleTheme(),
      s: () => this.setThumbnails(!this.#prefs.thumbnails),
      Escape: () => (this.clipping ? this.setClipping(false) : this.#options.onClose()),
    };
    // Buttons and the strip keep Space and Enter for themselves.
    if (key === ' ' && target?.closest('button, a')) return;
    const action = actions[key];
    if (!action) return;
    event.preventDefault();
    action();
  }
}
