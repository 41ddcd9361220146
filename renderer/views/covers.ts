/**
 * Front pages drawn as they scroll into view (and a screen ahead), a few at a
 * time, each once: the library's grid and a paper's calendar can hold hundreds
 * of covers without opening hundreds of PDFs at start.
 */
import type { EditionSummary } from '../../main/common/domain.ts';
import { fileUrl } from '../api/connect.ts';
import type { DocumentCache } from '../viewer/documents.ts';
import { renderThumbnail } from '../viewer/thumbnail.ts';
import { h } from './dom.ts';

/** Covers drawn at once: each opens a PDF, and the document cache keeps six. */
const AT_ONCE = 3;
/** Drawn covers kept for the view's next drawing (a refresh, a filter), newest last. */
const KEPT = 150;

export class CoverLoader {
  readonly #docs: DocumentCache;
  readonly #observer: IntersectionObserver;
  readonly #pending = new Map<Element, () => Promise<void>>();
  readonly #queue: (() => Promise<void>)[] = [];
  /** Covers drawn, by edition and page: a view drawn again shows them at once. */
  readonly #drawn = new Map<string, HTMLCanvasElement>();
  #running = 0;

  constructor(docs: DocumentCache) {
    this.#docs = docs;
    this.#observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          const draw = this.#pending.get(entry.target);
          this.#pending.delete(entry.target);
          this.#observer.unobserve(entry.target);
          if (draw) this.#enqueue(draw);
        }
      },
      { rootMargin: '100% 0px' },
    );
  }

  /** A canvas for the edition's front page at `width` CSS pixels, drawn when it comes into view. */
  cover(edition: EditionSummary, width: number): HTMLCanvasElement {
    const key = `${edition.id} ${edition.cover.file} ${edition.cover.index}`;
    const kept = this.#drawn.get(key);
    // One drawn as large, or nearly, is shown again (scaled down if need be, never far up).
    if (kept && Number(kept.dataset.width) >= width * 0.8) {
      this.#drawn.delete(key);
      this.#drawn.set(key, kept);
      return kept;
    }
    const canvas = h('canvas', { className: 'cover', 'aria-hidden': 'true' });
    canvas.style.aspectRatio = String(edition.aspect);
    this.#pending.set(canvas, async () => {
      try {
        await this.#docs.withPage(
          fileUrl(edition.id, edition.cover.file),
          edition.cover.index,
          (page) => renderThumbnail(page, canvas, width),
        );
        canvas.dataset.rendered = 'true';
        canvas.dataset.width = String(width);
        this.#drawn.delete(key);
        this.#drawn.set(key, canvas);
        for (const old of this.#drawn.keys()) {
          if (this.#drawn.size <= KEPT) break;
          this.#drawn.delete(old);
        }
      } catch {
        canvas.dataset.rendered = 'failed';
        canvas.title = 'This page could not be drawn.';
      }
    });
    this.#observer.observe(canvas);
    return canvas;
  }

  /** Forgets every cover not drawn yet (the view is drawn anew). */
  reset(): void {
    this.#pending.clear();
    this.#queue.length = 0;
    this.#observer.disconnect();
  }

  #enqueue(draw: () => Promise<void>): void {
    this.#queue.push(draw);
    this.#next();
  }

  #next(): void {
    while (this.#running < AT_ONCE && this.#queue.length > 0) {
      const draw = this.#queue.shift()!;
      this.#running++;
      void draw().finally(() => {
        this.#running--;
        this.#next();
      });
    }
  }
}

/** The median width/height of the editions' front pages: what a grid of their covers lays out by. */
export function typicalAspect(editions: readonly EditionSummary[]): number {
  if (editions.length === 0) return 0.7;
  const sorted = editions.map((e) => e.aspect).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
