/**
 * From pdf.js text items to a page's words, in reading order, with their boxes
 * in PDF space (points, origin bottom-left). A text item is often a whole line,
 * so word boxes are cut from the item's width in proportion to characters.
 * Reading order follows columns: the page is cut recursively at its widest
 * vertical gap (columns) or, failing that, its widest horizontal gap (stories
 * stacked in a column) — the XY-cut of document layout analysis.
 */

export interface TextItem {
  str: string;
  /** Baseline start. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Word {
  /** As printed (original, for display and copying). */
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** The text item the word came from, while the page is laid out (not stored). */
  item?: number;
}

/**
 * Words of the items, each with a box; empty and whitespace-only items give
 * none. An item that begins where the one before ended, on its baseline, in
 * type of its size, with no space between, goes on the same word: producers
 * end a text run at a ligature ("a" "ff" "ec" "ted"), a kerning pair or a
 * place a word may be hyphenated ("Hos" "pi" "tal"), as Chromium's PDF does.
 */
export function itemsToWords(items: TextItem[]): Word[] {
  const words: Word[] = [];
  /** The item before, when it ended on a word (no space after it). */
  let before: TextItem | undefined;
  for (const [index, item] of items.entries()) {
    const text = item.str;
    if (!text.trim() || item.width <= 0) {
      before = undefined;
      continue;
    }
    const perChar = item.width / text.length;
    const height = item.height > 0 ? item.height : perChar * 2;
    const joins =
      before !== undefined &&
      !/^\s/.test(text) &&
      Math.abs(item.y - before.y) <= 0.1 * height &&
      Math.abs(item.height - before.height) <= 0.1 * height &&
      Math.abs(item.x - (before.x + before.width)) <= 0.12 * height;
    for (const match of text.matchAll(/\S+/g)) {
      const x = item.x + perChar * match.index;
      const last = words.at(-1);
      if (joins && match.index === 0 && last) {
        last.text += match[0];
        last.w = x + perChar * match[0].length - last.x;
        continue;
      }
      words.push({
        text: match[0],
        x,
        // The box starts a little below the baseline to hold descenders.
        y: item.y - height * 0.2,
        w: perChar * match[0].length,
        h: height,
        item: index,
      });
    }
    before = /\s$/.test(text) ? undefined : item;
  }
  return words;
}

const MIN_COLUMN_GAP = 6;
const MIN_ROW_GAP = 3;

/** Words in reading order: column by column, top to bottom, left to right within a line. */
export function readingOrder(words: Word[]): Word[] {
  if (words.length < 2) return words;
  const vertical = widestGap(words, 'x', MIN_COLUMN_GAP);
  if (vertical !== undefined) {
    const left = words.filter((w) => w.x + w.w / 2 < vertical);
    const right = words.filter((w) => w.x + w.w / 2 >= vertical);
    if (left.length && right.length) return [...readingOrder(left), ...readingOrder(right)];
  }
  const horizontal = widestGap(words, 'y', MIN_ROW_GAP);
  if (horizontal !== undefined) {
    const top = words.filter((w) => w.y + w.h / 2 >= horizontal);
    const bottom = words.filter((w) => w.y + w.h / 2 < horizontal);
    if (top.length && bottom.length) return [...readingOrder(top), ...readingOrder(bottom)];
  }
  return byLines(words);
}

/**
 * The middle of the widest empty band along an axis, at least `min` wide.
 * Across the page (x) the bands are between text runs (a line is never cut
 * between its words), and must also be wider than a word space at the size of
 * the text on either side.
 */
function widestGap(words: Word[], axis: 'x' | 'y', min: number): number | undefined {
  const spans = (
    axis === 'x' ? runs(words) : words.map((w) => ({ start: w.y, end: w.y + w.h, size: 0 }))
  ).sort((a, b) => a.start - b.start);
  let reach = spans[0]!;
  let best: { size: number; at: number } | undefined;
  for (const span of spans.slice(1)) {
    const gap = span.start - reach.end;
    const needed = Math.max(min, 0.45 * Math.min(reach.size, span.size));
    if (gap >= needed && (!best || gap > best.size))
      best = { size: gap, at: (span.start + reach.end) / 2 };
    if (span.end > reach.end) reach = span;
  }
  return best?.at;
}

/** Horizontal extents of the text items (a run of words is never cut apart), or of lone words. */
function runs(words: Word[]): { start: number; end: number; size: number }[] {
  const byItem = new Map<number | Word, { start: number; end: number; size: number }>();
  for (const word of words) {
    const key = word.item ?? word;
    const run = byItem.get(key);
    if (run) {
      run.start = Math.min(run.start, word.x);
      run.end = Math.max(run.end, word.x + word.w);
      run.size = Math.max(run.size, word.h);
    } else {
      byItem.set(key, { start: word.x, end: word.x + word.w, size: word.h });
    }
  }
  return [...byItem.values()];
}

/** Lines top to bottom, each left to right. */
function byLines(words: Word[]): Word[] {
  const sorted = [...words].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Word[][] = [];
  for (const word of sorted) {
    const line = lines.at(-1);
    // Same line: baselines closer than half the smaller size (a byline under a big headline is not).
    if (line && Math.abs(line[0]!.y - word.y) <= Math.min(line[0]!.h, word.h) * 0.5)
      line.push(word);
    else lines.push([word]);
  }
  return lines.flatMap((line) => line.sort((a, b) => a.x - b.x));
}

/** Printable ASCII only, which normalisation leaves as it is (a loop: faster than a regex on short words). */
export function printableAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/**
 * Scripts that unicode61 cannot split into words: written without spaces
 * (Han, kana, Thai, Lao, Khmer, Myanmar, Tibetan) or shaped with combining
 * vowel signs (the Brahmic scripts of South Asia). Text in them is also
 * indexed by trigrams and searched as substrings.
 */
export const UNSEGMENTED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}]/u;

/** Unicode normalisation for the index: NFKC (ligatures, full-width forms), plain quotes and dashes. */
export function normalise(text: string): string {
  // Most words are plain ASCII, which normalisation leaves as they are.
  if (printableAscii(text)) return text;
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[\u2010\u2011\u2012\u2013\u2014\u2015]/g, '-');
}

export interface IndexedText {
  /** What FTS indexes: normalised words, line-end hyphenation undone. */
  readonly text: string;
  /** The same, word by word. */
  words: string[];
  /**
   * Where each indexed word starts among the printed words (indexes into the
   * page's words), and one more entry, the printed word count: indexed word k
   * came from printed words starts[k] to starts[k + 1] − 1 (two when a line-end
   * hyphen was joined). See printedOf.
   */
  starts: number[];
}

/** The printed words (indexes into the page's words) that indexed word k came from. */
export function printedOf(indexed: IndexedText, k: number): number[] {
  const from = indexed.starts[k]!;
  const to = indexed.starts[k + 1]!;
  return to - from === 1 ? [from] : Array.from({ length: to - from }, (_, i) => from + i);
}

/** The indexed word that printed word i is part of. */
export function indexedOf(indexed: IndexedText, i: number): number {
  // The last start at or before i.
  let low = 0;
  let high = indexed.starts.length - 2;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (indexed.starts[mid]! <= i) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * The text to index from words in reading order: a word that ends a line with a
 * hyphen and is followed by a lower-case continuation on the next line is
 * joined with it ("posi-" + "tively" → "positively"); printed words are kept
 * as they are for display.
 */
export function indexText(words: Word[]): IndexedText {
  const out: string[] = [];
  const starts: number[] = [];
  for (let i = 0; i < words.length; i++) {
    starts.push(i);
    const word = normalise(words[i]!.text);
    const next = words[i + 1];
    if (word.charCodeAt(word.length - 1) === 0x2d && next && /[a-zA-Z\u00C0-\u024F]-$/.test(word)) {
      const endsLine = next.y < words[i]!.y - words[i]!.h * 0.5 || next.x < words[i]!.x;
      const continuation = normalise(next.text);
      if (endsLine && /^[a-z\u00DF-\u00FF]/.test(continuation)) {
        out.push(word.slice(0, -1) + continuation);
        i++;
        continue;
      }
    }
    out.push(word);
  }
  starts.push(words.length);
  let text: string | undefined;
  return {
    // Joined when asked for: finding hits on a page never needs it.
    get text() {
      text ??= out.join(' ');
      return text;
    },
    words: out,
    starts,
  };
}

/**
 * Whether a page's text is usable: empty, or garbage such as letter-spaced OCR
 * ("c o tto n") or unmapped glyphs, is not.
 */
export function textQuality(words: Word[]): 'good' | 'none' | 'garbage' {
  if (words.length === 0) return 'none';
  const text = words.map((w) => w.text).join(' ');
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  // U+FFFD and control characters are glyphs the PDF gives no Unicode for.
  const unmapped = [...text].filter((c) => c === '\uFFFD' || c.charCodeAt(0) < 9).length;
  const single = words.filter((w) => /^\p{L}$/u.test(w.text)).length;
  if (unmapped > text.length * 0.05) return 'garbage';
  if (letters < text.length * 0.4) return 'garbage';
  if (words.length >= 20 && single / words.length > 0.45) return 'garbage';
  return 'good';
}
