/**
 * From the printed words a clipping matched on a page to the story's regions:
 * its column blocks, and the headline (with byline) above them, as rectangles
 * in PDF space (points, origin bottom-left).
 *
 *   1. matched words are grouped into columns by overlapping horizontal extents;
 *   2. a column is cut into blocks where the matched words leave a vertical gap
 *      of several lines (another story in between); tiny blocks are stray
 *      matches of stock phrases and are dropped;
 *   3. each block takes every word of its column between its first and last
 *      matched line, so lines the clipping does not have (print edits, OCR
 *      noise) are inside it;
 *   4. a story's blocks touch: one under another in a column, or side by side
 *      in neighbouring columns; of the groups of touching blocks the one with
 *      most matched words is the story, the others are the same sentences
 *      printed in other stories;
 *   5. above the highest block, within the story's width, lines set larger than
 *      the body are its print headline; small lines between (byline, dateline,
 *      "Continued from page 1") join the headline's region.
 */
import type { Word } from '../words/page-words.ts';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface StoryRegions {
  regions: Rect[];
  headline?: string;
  /** The printed words inside the regions, in page order. */
  words: number[];
  /** The same, without the headline's: the story's body. */
  body: number[];
  /** The page's columns the story's body spans (1-based, estimated from the page's text). */
  columns?: [number, number];
}

/** A block needs this many matched words, or it is a stray phrase. */
const MIN_BLOCK_WORDS = 6;
/** Lines of vertical gap between matched words that separate two blocks. */
const BLOCK_GAP_LINES = 4;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

function bounds(words: Word[]): Rect {
  const x = Math.min(...words.map((w) => w.x));
  const y = Math.min(...words.map((w) => w.y));
  const right = Math.max(...words.map((w) => w.x + w.w));
  const top = Math.max(...words.map((w) => w.y + w.h));
  return { x, y, w: right - x, h: top - y };
}

export function storyRegions(words: readonly Word[], matched: readonly number[]): StoryRegions {
  const hits = matched.map((i) => words[i]!);
  if (hits.length === 0) return { regions: [], words: [], body: [] };
  const bodySize = median(hits.map((w) => w.h));
  const leading = bodySize * 1.2;

  // 1: columns.
  const sorted = [...hits].sort((a, b) => a.x - b.x);
  const columns: { x0: number; x1: number; words: Word[] }[] = [];
  for (const word of sorted) {
    const column = columns.at(-1);
    if (column && word.x <= column.x1 + 0.5) {
      column.x1 = Math.max(column.x1, word.x + word.w);
      column.words.push(word);
    } else columns.push({ x0: word.x, x1: word.x + word.w, words: [word] });
  }

  // 2–3: blocks.
  let blocks: { rect: Rect; words: number[]; matched: number }[] = [];
  for (const column of columns) {
    const byHeight = column.words.sort((a, b) => b.y - a.y);
    let run: Word[] = [];
    const close = () => {
      if (run.length >= MIN_BLOCK_WORDS) {
        const top = run[0]!.y + run[0]!.h;
        const bottom = run.at(-1)!.y;
        const inside: number[] = [];
        words.forEach((w, i) => {
          const cx = w.x + w.w / 2;
          const cy = w.y + w.h / 2;
          if (cx >= column.x0 && cx <= column.x1 && cy <= top && cy >= bottom) inside.push(i);
        });
        blocks.push({
          rect: bounds(inside.map((i) => words[i]!)),
          words: inside,
          matched: run.length,
        });
      }
      run = [];
    };
    for (const word of byHeight) {
      const previous = run.at(-1);
      if (previous && previous.y - word.y > BLOCK_GAP_LINES * leading) close();
      run.push(word);
    }
    close();
  }
  if (blocks.length === 0) return { regions: [], words: [], body: [] };

  // 4: the group of touching blocks with most matched words.
  blocks = largestGroup(blocks, leading);

  // 5: the headline above the blocks.
  const left = Math.min(...blocks.map((b) => b.rect.x));
  const right = Math.max(...blocks.map((b) => b.rect.x + b.rect.w));
  const top = Math.max(...blocks.map((b) => b.rect.y + b.rect.h));
  const inBlocks = new Set(blocks.flatMap((b) => b.words));
  const above = words
    .map((w, i) => ({ w, i }))
    .filter(({ w, i }) => {
      const cx = w.x + w.w / 2;
      return !inBlocks.has(i) && w.y >= top - w.h * 0.3 && cx >= left && cx <= right;
    });
  const lines: { y: number; h: number; items: { w: Word; i: number }[] }[] = [];
  for (const item of above.sort((a, b) => a.w.y - b.w.y)) {
    const line = lines.at(-1);
    if (line && Math.abs(item.w.y - line.y) < Math.min(line.h, item.w.h) * 0.5)
      line.items.push(item);
    else lines.push({ y: item.w.y, h: item.w.h, items: [item] });
  }
  const head: { y: number; h: number; items: { w: Word; i: number }[] }[] = [];
  let reach = top;
  let headlineSeen = false;
  for (const line of lines) {
    const size = Math.max(...line.items.map((item) => item.w.h));
    const gap = line.y - reach;
    const big = size >= bodySize * 1.4;
    if (gap > Math.max(size, bodySize) * 1.6) break;
    if (headlineSeen && !big && !/continued from/i.test(lineText(line))) break;
    if (!big && head.length >= 3) break;
    head.push(line);
    headlineSeen ||= big;
    reach = Math.max(...line.items.map((item) => item.w.y + item.w.h));
  }
  // Without a headline the small lines above are not the story's.
  const headLines = headlineSeen ? head : [];
  const regions = blocks.map((b) => b.rect);
  const body = [...inBlocks].sort((a, b) => a - b);
  const storyWords = [...body];
  if (headLines.length) {
    const items = headLines.flatMap((line) => line.items);
    const box = bounds(items.map((item) => item.w));
    const bottom = Math.min(box.y, top);
    regions.unshift({ x: left, y: bottom, w: right - left, h: box.y + box.h - bottom });
    storyWords.push(...items.map((item) => item.i));
  }
  const headline = headLines
    .filter((line) => Math.max(...line.items.map((item) => item.w.h)) >= bodySize * 1.4)
    .reverse()
    .map(lineText)
    .join(' ');
  const span = columnSpan(
    words,
    blocks.map((b) => b.rect),
  );
  return {
    regions: mergeRegions(regions),
    ...(headline && { headline }),
    ...(span && { columns: span }),
    words: storyWords.sort((a, b) => a - b),
    body,
  };
}

/**
 * Which of the page's columns the blocks stand in: the column pitch is a block's
 * width plus the gutter between neighbouring blocks (or a typical gutter), from
 * the page's left text edge.
 */
function columnSpan(words: readonly Word[], blocks: Rect[]): [number, number] | undefined {
  if (words.length === 0 || blocks.length === 0) return undefined;
  const left = Math.min(...words.map((w) => w.x));
  const sorted = [...blocks].sort((a, b) => a.x - b.x);
  const width = median(sorted.map((b) => b.w));
  const gaps = sorted
    .slice(1)
    .map((b, i) => b.x - (sorted[i]!.x + sorted[i]!.w))
    .filter((gap) => gap > 0 && gap < width);
  const pitch = width + (gaps.length ? median(gaps) : width * 0.09);
  const column = (x: number) => Math.max(1, Math.round((x - left) / pitch) + 1);
  return [column(sorted[0]!.x), column(sorted.at(-1)!.x)];
}

function largestGroup<B extends { rect: Rect; matched: number }>(
  blocks: B[],
  leading: number,
): B[] {
  const touch = (a: Rect, b: Rect) => {
    const xGap = Math.max(a.x, b.x) - Math.min(a.x + a.w, b.x + b.w);
    const yGap = Math.max(a.y, b.y) - Math.min(a.y + a.h, b.y + b.h);
    const sameColumn = xGap < 0;
    if (sameColumn) return yGap <= BLOCK_GAP_LINES * leading;
    // Neighbouring columns: a gutter apart, side by side.
    return xGap <= 3 * leading && yGap < 0;
  };
  const group = blocks.map((_, i) => i);
  const root = (i: number): number => {
    let r = i;
    while (group[r] !== r) r = group[r]!;
    return r;
  };
  for (let a = 0; a < blocks.length; a++)
    for (let b = a + 1; b < blocks.length; b++)
      if (touch(blocks[a]!.rect, blocks[b]!.rect)) group[root(a)] = root(b);
  const totals = new Map<number, number>();
  for (const [i, block] of blocks.entries())
    totals.set(root(i), (totals.get(root(i)) ?? 0) + block.matched);
  const best = [...totals].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  return blocks.filter((_, i) => root(i) === best);
}

function lineText(line: { items: { w: Word }[] }): string {
  return [...line.items]
    .sort((a, b) => a.w.x - b.w.x)
    .map((item) => item.w.text)
    .join(' ');
}

/** Rectangles that overlap are one region. */
function mergeRegions(regions: Rect[]): Rect[] {
  const out = [...regions];
  for (let changed = true; changed; ) {
    changed = false;
    outer: for (let a = 0; a < out.length; a++)
      for (let b = a + 1; b < out.length; b++) {
        const r = out[a]!;
        const s = out[b]!;
        if (r.x < s.x + s.w && s.x < r.x + r.w && r.y < s.y + s.h && s.y < r.y + r.h) {
          const x = Math.min(r.x, s.x);
          const y = Math.min(r.y, s.y);
          out[a] = {
            x,
            y,
            w: Math.max(r.x + r.w, s.x + s.w) - x,
            h: Math.max(r.y + r.h, s.y + s.h) - y,
          };
          out.splice(b, 1);
          changed = true;
          break outer;
        }
      }
  }
  return out;
}
