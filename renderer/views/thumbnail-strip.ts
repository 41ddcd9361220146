/**
 * The edition's pages as a strip of small pictures with their labels (A1, B3…)
 * and section names. Thumbnails are drawn at low resolution only when their slot
 * scrolls into view, one at a time and only once the reader's page is on screen,
 * and the canvases of slots far from view are released: a 100-page edition holds
 * a few dozen small bitmaps, not a hundred.
 */
import type { PDFPageProxy } from 'pdfjs-dist';
import { renderThumbnail } from '../viewer/thumbnail.ts';
import { h } from './dom.ts';

export interface StripPage {
  n: number;
  label: string;
  section?: string;
  /** Width / height. */
  aspect: number;
}

export interface StripOptions {
  pages: StripPage[];
  getPage: (n: number) => Promise<PDFPageProxy>;
  onOpen: (n: number) => void;
}

const WIDTH = 88;
/** After a page turn, thumbnails wait this long: the frames then are the turned-to page's. */
const QUIET_MS = 400;
/** Drawn thumbnails kept; the ones furthest from the visible slots are released first. */
const KEEP = 40;

export class ThumbnailStrip {
  readonly element: HTMLElement;
  readonly #options: StripOptions;
  readonly #slots: HTMLButtonElement[] = [];
  readonly #visible = new Set<number>();
  readonly #drawn = new Set<number>();
  readonly #observer: IntersectionObserver;
  #started = false;
  #pending = false;
  #drawing = false;
  #current = 0;
  #turnedAt = -Infinity;

  constructor(options: StripOptions) {
    this.#options = options;
    const list = h('ol', { className: 'strip-list' });
    this.element = h('nav', { className: 'strip', 'aria-label': 'Pages of this edition' }, list);
    this.#observer = new IntersectionObserver((entries) => this.#seen(entries), {
      root: this.element,
      rootMargin: '300px 0px',
    });
    let section: string | undefined;
    for (const page of options.pages) {
      const canvas = h('canvas', { className: 'strip-canvas' });
      // No bitmap until drawn: a blank canvas keeps a 300×150 one, and its copy in
      // the compositor, for every page of the edition.
      canvas.width = 0;
      canvas.height = 0;
      canvas.style.aspectRatio = String(page.aspect);
      const name = page.section && page.section !== section ? page.section : undefined;
      section = page.section ?? section;
      const slot = h(
        'button',
        {
          type: 'button',
          className: 'strip-page',
          'aria-label': `Page ${page.label}${page.section ? `, ${page.section}` : ''}`,
        },
        canvas,
        h('span', { className: 'strip-label', text: page.label }),
      );
      slot.dataset.page = String(page.n);
      slot.addEventListener('click', () => options.onOpen(page.n));
      const item = h('li', {});
      if (name) item.append(h('span', { className: 'strip-section', text: name }));
      item.append(slot);
      list.append(item);
      this.#slots.push(slot);
      this.#observer.observe(slot);
    }
  }

  /** Starts drawing thumbnails (after the reader's first page is on screen). */
  start(): void {
    this.#started = true;
    this.#schedule();
  }

  /** Thumbnails are drawn when the browser is idle, never in the frame a page turns in. */
  #schedule(): void {
    if (!this.#started || this.#drawing || this.#pending) return;
    this.#pending = true;
    requestIdleCallback(
      () => {
        this.#pending = false;
        void this.#drawNext();
      },
      { timeout: 1000 },
    );
  }

  setCurrent(n: number): void {
    this.#turnedAt = performance.now();
    const previous = this.#slots[this.#current - 1];
    previous?.removeAttribute('aria-current');
    this.#current = n;
    const slot = this.#slots[n - 1];
    if (!slot) return;
    slot.setAttribute('aria-current', 'page');
    if (!this.element.hidden) {
      // Scrolled into view after the page has been painted, not in the same frame.
      requestAnimationFrame(() => slot.scrollIntoView({ block: 'nearest' }));
    }
  }

  destroy(): void {
    // Nothing more is drawn: a strip left with pages in view went on drawing them
    // after its reader had closed, holding up the next view on two cores.
    this.#started = false;
    this.#visible.clear();
    this.#observer.disconnect();
    for (const n of this.#drawn) this.#release(n);
  }

  #seen(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const n = Number((entry.target as HTMLElement).dataset.page);
      if (entry.isIntersecting) this.#visible.add(n);
      else this.#visible.delete(n);
    }
    this.#schedule();
  }

  async #drawNext(): Promise<void> {
    if (!this.#started || this.#drawing) return;
    const quiet = this.#turnedAt + QUIET_MS - performance.now();
    if (quiet > 0) {
      this.#pending = true;
      setTimeout(() => {
        this.#pending = false;
        this.#schedule();
      }, quiet);
      return;
    }
    const n = [...this.#visible]
      .filter((page) => !this.#drawn.has(page))
      .sort((a, b) => Math.abs(a - this.#current) - Math.abs(b - this.#current))[0];
    if (n === undefined) return;
    this.#drawing = true;
    try {
      const slot = this.#slots[n - 1]!;
      const canvas = slot.querySelector('canvas')!;
      await renderThumbnail(await this.#options.getPage(n), canvas, WIDTH);
      canvas.dataset.rendered = 'true';
      this.#drawn.add(n);
      this.#trim();
    } catch {
      // A page that cannot be drawn keeps its blank slot; the reader says why when opened.
      this.#drawn.add(n);
    } finally {
      this.#drawing = false;
    }
    this.#schedule();
  }

  #trim(): void {
    if (this.#drawn.size <= KEEP) return;
    const centre = [...this.#visible];
    const distance = (n: number) => Math.min(...centre.map((v) => Math.abs(v - n)), 1e9);
    const far = [...this.#drawn]
      .filter((n) => !this.#visible.has(n))
      .sort((a, b) => distance(b) - distance(a));
    while (this.#drawn.size > KEEP && far.length) this.#release(far.shift()!);
  }

  #release(n: number): void {
    const canvas = this.#slots[n - 1]?.querySelector('canvas');
    if (canvas) {
      canvas.width = 0;
      canvas.height = 0;
      delete canvas.dataset.rendered;
    }
    this.#drawn.delete(n);
  }
}
