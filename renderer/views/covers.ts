/**
 * Front pages as they scroll into view (and a little ahead): small images the
 * core draws once from each edition's page 1 and keeps on disk (/covers/…), so
 * a library of hundreds of covers opens no PDF at all. A cover already shown is
 * kept for the view's next drawing (a refresh, a filter), so it never blanks.
 * A card approached has its edition's first page fetched ahead for the
 * reader (preview-cache.ts).
 */
import type { EditionSummary } from '../../main/common/domain.ts';
import { coverPath } from '../../main/common/file-urls.ts';
import { previewUrl } from '../api/connect.ts';
import { previews } from '../viewer/preview-cache.ts';
import { h } from './dom.ts';

/** Covers shown, kept for the view's next drawing, newest last. */
const KEPT = 300;

export class CoverLoader {
  /** Covers by edition and page: a view drawn again shows them at once. */
  readonly #shown = new Map<string, HTMLImageElement>();

  /** The edition's front page at `width` CSS pixels, loaded when it nears the view. */
  cover(edition: EditionSummary, width: number): HTMLImageElement {
    const key = `${edition.id} ${edition.cover.file} ${edition.cover.index}`;
    const kept = this.#shown.get(key);
    if (kept) {
      this.#shown.delete(key);
      this.#shown.set(key, kept);
      return kept;
    }
    const image = h('img', {
      className: 'cover',
      alt: '',
      loading: 'lazy',
      decoding: 'async',
      width: Math.round(width),
      height: Math.round(width / edition.aspect),
    });
    image.style.aspectRatio = String(edition.aspect);
    image.addEventListener('load', () => {
      image.dataset.rendered = 'true';
      this.#shown.set(key, image);
      for (const old of this.#shown.keys()) {
        if (this.#shown.size <= KEPT) break;
        this.#shown.delete(old);
      }
    });
    image.addEventListener('error', () => {
      image.dataset.rendered = 'failed';
      image.title = 'This page could not be drawn.';
    });
    image.src = new URL(coverPath(edition.id), document.baseURI).href;
    return image;
  }
}

/**
 * Page 1's preview of the edition a card opens (an element with
 * `data-edition`), fetched as the pointer or the keyboard's focus comes to it:
 * by the click, the reader has it. (Fetching every shown cover's ahead, when
 * idle, made the core draw the pictures it had not yet drawn while the reader
 * was opening one: an open from the library took 105 ms against 74.)
 */
export function previewOnApproach(root: HTMLElement): void {
  const approach = (event: Event) => {
    const card = (event.target as Element).closest<HTMLElement>('[data-edition]');
    if (card?.dataset.edition) void previews.get(previewUrl(card.dataset.edition, 1));
  };
  root.addEventListener('pointerover', approach);
  root.addEventListener('focusin', approach);
}

/** The median width/height of the editions' front pages: what a grid of their covers lays out by. */
export function typicalAspect(editions: readonly EditionSummary[]): number {
  if (editions.length === 0) return 0.7;
  const sorted = editions.map((e) => e.aspect).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
