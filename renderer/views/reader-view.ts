/**
 * The reader: one page at a time, full-bleed, under a thin toolbar. Keyboard
 * first, with the pdf.js viewer's keys where they exist:
 *   ArrowRight, PageDown, n, j = next page; ArrowLeft, PageUp, p, k = previous;
 *   Home / End = first / last; w = fit width; f = fit page; c = clip a region (drag on
 *   the page); Ctrl+F = find in this edition (Enter / Shift+Enter: next / previous hit);
 *   Escape = stop clipping, else back to the library.
 */
import type { Api } from '../../main/common/api.ts';
import type { ClipRegion } from '../../main/common/clips.ts';
import type { Edition } from '../../main/common/domain.ts';
import { fileUrl } from '../api/connect.ts';
import type { DocumentCache } from '../viewer/documents.ts';
import { type FitMode, PageStage } from '../viewer/page-stage.ts';
import { RegionSelect } from '../viewer/region-select.ts';
import { formatDate, h } from './dom.ts';
import { FindBar } from './find-bar.ts';

export interface ReaderOptions {
  api: Api;
  docs: DocumentCache;
  editionId: string;
  page: number;
  /** Called when the page changes, so the address can follow. */
  onPage: (page: number) => void;
  onClose: () => void;
  onError: (message: string) => void;
  /** A search whose hits are marked on the pages. */
  query?: string;
  /** Regions to outline (a linked story, a clip), in PDF space. */
  regions?: ClipRegion[];
}

export class ReaderView {
  readonly element: HTMLElement;
  readonly #options: ReaderOptions;
  readonly #stage: PageStage;
  #edition: Edition | undefined;
  #page = 1;
  readonly #pageInput: HTMLInputElement;
  readonly #pageCount: HTMLElement;
  readonly #title: HTMLElement;
  readonly #prev: HTMLButtonElement;
  readonly #next: HTMLButtonElement;
  readonly #fitButtons: Record<FitMode, HTMLButtonElement>;
  readonly #onKey = (event: KeyboardEvent) => this.#key(event);
  readonly #clipButton: HTMLButtonElement;
  readonly #clipStatus = h('p', {
    className: 'clip-status',
    role: 'status',
    'aria-live': 'polite',
  });
  readonly #select: RegionSelect;
  readonly #find: FindBar;

  constructor(options: ReaderOptions) {
    this.#options = options;
    const back = h('button', {
      type: 'button',
      className: 'quiet back',
      text: '← Library',
      'aria-label': 'Back to the library',
    });
    back.addEventListener('click', () => options.onClose());
    this.#title = h('h1', { className: 'reader-title' });
    this.#prev = h('button', {
      type: 'button',
      className: 'icon',
      'aria-label': 'Previous page',
      'aria-keyshortcuts': 'ArrowLeft',
      text: '‹',
    });
    this.#next = h('button', {
      type: 'button',
      className: 'icon',
      'aria-label': 'Next page',
      'aria-keyshortcuts': 'ArrowRight',
      text: '›',
    });
    this.#prev.addEventListener('click', () => this.go(this.#page - 1));
    this.#next.addEventListener('click', () => this.go(this.#page + 1));
    this.#pageInput = h('input', {
      type: 'number',
      min: 1,
      className: 'page-input',
      'aria-label': 'Page number',
    });
    this.#pageInput.addEventListener('change', () => this.go(Number(this.#pageInput.value)));
    this.#pageCount = h('span', { className: 'page-count' });
    this.#fitButtons = {
      width: h('button', {
        type: 'button',
        className: 'toggle',
        text: 'Fit width',
        'aria-keyshortcuts': 'W',
      }),
      page: h('button', {
        type: 'button',
        className: 'toggle',
        text: 'Fit page',
        'aria-keyshortcuts': 'F',
      }),
    };
    for (const [mode, button] of Object.entries(this.#fitButtons)) {
      button.addEventListener('click', () => this.setFit(mode as FitMode));
    }
    this.#clipButton = h('button', {
      type: 'button',
      className: 'toggle',
      text: 'Clip',
      title: 'Clip a region: drag a rectangle on the page',
      'aria-pressed': 'false',
      'aria-keyshortcuts': 'C',
    });
    this.#clipButton.addEventListener('click', () => this.setClipping(!this.clipping));
    const toolbar = h(
      'header',
      { className: 'toolbar', role: 'toolbar', 'aria-label': 'Reader' },
      back,
      this.#title,
      h(
        'div',
        { className: 'pager' },
        this.#prev,
        h('label', { className: 'page-label' }, this.#pageInput, this.#pageCount),
        this.#next,
      ),
      h(
        'div',
        { className: 'fit', role: 'group', 'aria-label': 'Zoom' },
        this.#fitButtons.width,
        this.#fitButtons.page,
      ),
      this.#clipButton,
    );
    this.element = h('main', { className: 'reader', id: 'main', 'aria-label': 'Reader' }, toolbar);
    this.#stage = new PageStage(this.element);
    this.#find = new FindBar({
      api: options.api,
      editionId: options.editionId,
      onMarks: (page, boxes) => this.#stage.setMarks(page, 'hits', boxes),
      onCurrent: (hit) => void this.#showHit(hit),
      onClose: () => this.#stage.element.focus(),
    });
    toolbar.after(this.#find.element);
    this.element.append(this.#clipStatus);
    this.#select = new RegionSelect({
      stage: this.#stage.element,
      onSelect: (a, b) => void this.#clip(a, b),
    });
    this.#stage.element.addEventListener('pagerendered', (event) => {
      const { error } = (event as CustomEvent<{ error?: unknown }>).detail;
      if (error) options.onError(`Page ${this.#page} could not be drawn.`);
    });
    this.setFit('page');
    document.addEventListener('keydown', this.#onKey);
  }

  get stage(): PageStage {
    return this.#stage;
  }

  async open(): Promise<void> {
    const edition = await this.#options.api.call('editions.get', { id: this.#options.editionId });
    this.#edition = edition;
    this.#title.textContent = `${edition.title} · ${formatDate(edition.date)}`;
    document.title = `${edition.title}, ${formatDate(edition.date)} — Paperboy`;
    this.#pageInput.max = String(edition.pages.length);
    this.#pageCount.textContent = `of ${edition.pages.length}`;
    this.#stage.setPages(
      edition.pages.map((page) => ({
        n: page.n,
        load: () => this.#options.docs.page(fileUrl(edition.id, page.file), page.index),
      })),
    );
    const regions = this.#options.regions ?? [];
    for (const n of new Set(regions.map((r) => r.page)))
      this.#stage.setMarks(
        n,
        'regions',
        regions.filter((r) => r.page === n).map((r) => [r.x, r.y, r.w, r.h]),
      );
    this.element.dataset.regions = String(regions.length);
    await this.go(this.#options.page);
    if (regions.some((r) => r.page === this.#page)) this.#stage.reveal(this.#page, 'regions');
    if (this.#options.query) await this.#markHits(this.#options.query);
  }

  async #markHits(query: string): Promise<void> {
    try {
      const result = await this.#options.api.call('search.query', {
        q: query,
        edition: this.#options.editionId,
        limit: 200,
      });
      for (const hit of result.hits) this.#stage.setHighlights(hit.page, hit.boxes);
      this.element.dataset.hits = String(result.hits.reduce((n, hit) => n + hit.boxes.length, 0));
    } catch (error) {
      this.#options.onError((error as Error).message);
    }
  }

  async go(n: number): Promise<void> {
    const total = this.#edition?.pages.length ?? 0;
    if (!total || !Number.isInteger(n)) return;
    const page = Math.min(Math.max(n, 1), total);
    this.#page = page;
    this.#pageInput.value = String(page);
    this.#prev.disabled = page === 1;
    this.#next.disabled = page === total;
    this.element.dataset.page = String(page);
    this.#options.onPage(page);
    try {
      await this.#stage.show(page);
    } catch (error) {
      this.#options.onError(`Page ${page} could not be opened: ${(error as Error).message}`);
    }
  }

  #currentHit: number | undefined;

  async #showHit(hit: { page: number; box: [number, number, number, number] } | undefined) {
    if (this.#currentHit !== undefined) this.#stage.setMarks(this.#currentHit, 'current', []);
    this.#currentHit = hit?.page;
    if (!hit) return;
    this.#stage.setMarks(hit.page, 'current', [hit.box]);
    if (hit.page !== this.#page) await this.go(hit.page);
    this.#stage.reveal(hit.page, 'current');
  }

  get find(): FindBar {
    return this.#find;
  }

  get clipping(): boolean {
    return this.#clipButton.getAttribute('aria-pressed') === 'true';
  }

  setClipping(on: boolean): void {
    this.#clipButton.setAttribute('aria-pressed', String(on));
    if (on) {
      this.#select.enable();
      this.#clipStatus.textContent = 'Drag a rectangle on the page to clip it. Esc to stop.';
    } else {
      this.#select.disable();
      if (this.element.dataset.clip !== 'saving') this.#clipStatus.textContent = '';
    }
  }

  async #clip(a: { x: number; y: number }, b: { x: number; y: number }): Promise<void> {
    const rect = this.#stage.toPdfRect(this.#page, a, b);
    this.setClipping(false);
    if (!rect) return;
    this.element.dataset.clip = 'saving';
    this.#clipStatus.textContent = 'Clipping…';
    try {
      const clip = await this.#options.api.call('clips.create', {
        edition: this.#options.editionId,
        page: this.#page,
        rects: [rect],
      });
      this.#clipStatus.replaceChildren(
        `Clipped “${clip.title}”. `,
        h('a', { href: '#/clips', text: 'Open your clips' }),
      );
      this.element.dataset.clip = clip.id;
    } catch (error) {
      this.#clipStatus.textContent = '';
      delete this.element.dataset.clip;
      this.#options.onError((error as Error).message);
    }
  }

  setFit(mode: FitMode): void {
    this.#stage.setFit(mode);
    for (const [name, button] of Object.entries(this.#fitButtons)) {
      button.setAttribute('aria-pressed', String(name === mode));
    }
  }

  destroy(): void {
    document.removeEventListener('keydown', this.#onKey);
    this.#select.disable();
    this.#stage.destroy();
    this.element.remove();
  }

  #key(event: KeyboardEvent): void {
    // Ctrl+F (⌘F) finds in this edition; Ctrl+Shift+F is the archive-wide search.
    if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'f') {
      event.preventDefault();
      this.#find.open();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement | null;
    if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
    const actions: Record<string, () => void> = {
      ArrowRight: () => this.go(this.#page + 1),
      PageDown: () => this.go(this.#page + 1),
      n: () => this.go(this.#page + 1),
      j: () => this.go(this.#page + 1),
      ArrowLeft: () => this.go(this.#page - 1),
      PageUp: () => this.go(this.#page - 1),
      p: () => this.go(this.#page - 1),
      k: () => this.go(this.#page - 1),
      Home: () => this.go(1),
      End: () => this.go(this.#edition?.pages.length ?? 1),
      w: () => this.setFit('width'),
      f: () => this.setFit('page'),
      c: () => this.setClipping(!this.clipping),
      Escape: () => (this.clipping ? this.setClipping(false) : this.#options.onClose()),
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  }
}
