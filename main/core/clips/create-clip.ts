/**
 * A clip from a region of a page: its image rendered from the page itself
 * (pdf.js in the worker pool, at the chosen dpi), the printed text inside the
 * region from the index, and where it came from. Nothing is written unless
 * the edition, the page and the region are real.
 */

import { boundingBox } from '../../common/boxes.ts';
import type { Clip, NewClip, Rect } from '../../common/clips.ts';
import { ApiError } from '../../common/errors.ts';
import type { Archive } from '../archive/archive.ts';
import type { Clock } from '../clock.ts';
import { pdfPool } from '../pdf/pdf-pool.ts';
import type { TextStore } from '../text/text-store.ts';
import { indexText, type Word } from '../words/page-words.ts';
import { type ClipStore, newClipId } from './clip-store.ts';

export const DEFAULT_DPI = 150;
const TITLE_WORDS = 10;

export interface ClipDeps {
  archive: Archive;
  text: TextStore;
  clips: ClipStore;
  clock: Clock;
}

export async function createClip(deps: ClipDeps, input: NewClip): Promise<Clip> {
  const edition = deps.archive.get(input.edition);
  const dpi = input.dpi ?? DEFAULT_DPI;
  // The first part, then the story's others (where it jumps), each on its page.
  const parts = [{ page: input.page, rects: input.rects }, ...(input.more ?? [])].map((part) => {
    const page = edition.pages.find((p) => p.n === part.page);
    if (!page)
      throw new ApiError(
        'not-found',
        `${edition.id} has no page ${part.page} (it has ${edition.pages.length}).`,
      );
    return { page, rects: part.rects.map((rect) => clampToPage(rect, page.width, page.height)) };
  });
  const images = await Promise.all(
    parts.map(async ({ page, rects }) => {
      const { path } = await deps.archive.file(edition.id, page.file);
      return pdfPool().render(path, page.file, {
        index: page.index,
        rect: boundingBox(rects),
        dpi,
      });
    }),
  );
  const png = images.length === 1 ? images[0]! : await pdfPool().stack(images, edition.id);
  const words = parts.map(({ page, rects }) =>
    wordsInside(deps.text.page(edition.id, page.n)?.words ?? [], rects),
  );
  const text = words
    .map((w) => indexText(w).text)
    .filter(Boolean)
    .join('\n\n');
  const [first] = parts as [(typeof parts)[number]];
  const clip: Clip = {
    id: newClipId(),
    created: deps.clock.now().toISOString(),
    title:
      input.title ||
      input.link?.printHeadline ||
      titleFrom(words[0]!) ||
      `${edition.title}, page ${first.page.label ?? first.page.n}`,
    edition: edition.id,
    source: edition.source.id,
    date: edition.date,
    page: first.page.n,
    rects: first.rects,
    ...(parts.length > 1 && {
      more: parts.slice(1).map(({ page, rects }) => ({ page: page.n, rects })),
    }),
    dpi,
    text,
    note: input.note ?? '',
    tags: [...new Set(input.tags ?? [])],
    ...(input.link && { link: input.link }),
  };
  return deps.clips.save(clip, png);
}

/** The part of a rectangle on the page; a region wholly off the page is refused. */
function clampToPage(rect: Rect, width: number, height: number): Rect {
  const [x, y, w, h] = rect;
  const x0 = Math.max(0, x);
  const y0 = Math.max(0, y);
  const x1 = Math.min(width, x + w);
  const y1 = Math.min(height, y + h);
  if (x1 - x0 < 1 || y1 - y0 < 1)
    throw new ApiError(
      'invalid',
      `The region ${rect.join(',')} is not on the page (${Math.round(width)} × ${Math.round(height)} pt).`,
    );
  const round = (n: number) => Math.round(n * 10) / 10;
  return [round(x0), round(y0), round(x1 - x0), round(y1 - y0)];
}

/** The words whose centres lie in the regions, in the page's reading order. */
function wordsInside(words: Word[], rects: Rect[]): Word[] {
  return words.filter((w) => {
    const cx = w.x + w.w / 2;
    const cy = w.y + w.h / 2;
    return rects.some(([x, y, rw, rh]) => cx >= x && cx <= x + rw && cy >= y && cy <= y + rh);
  });
}

/** A headline in the region (words set larger than its body text), else its first words. */
function titleFrom(words: Word[]): string {
  if (words.length === 0) return '';
  const sizes = words.map((w) => w.h).sort((a, b) => a - b);
  const body = sizes[Math.floor(sizes.length / 2)]!;
  const large = words.filter((w) => w.h >= body * 1.4);
  const text = indexText(large.length >= 2 ? large : words).words;
  return text.length > TITLE_WORDS ? `${text.slice(0, TITLE_WORDS).join(' ')}…` : text.join(' ');
}
