/**
 * A page's text items joined into lines for its text layer. Pages read by OCR
 * (Chronicling America's, the archives') position every word, and every space
 * between words, as an item of its own: pdf.js makes a span of each, 6,157 on
 * the 1904 Oregon page's 5,759. Laying out and later removing that many spans
 * cost a page turn 15–25 ms. Joined, the same page has 692, a line each (as
 * its OCR read the lines), which pdf.js stretches to the line's printed width
 * as it does a born-digital page's. Items are joined only when they stand on one line,
 * one after the other, in the same font, upright; anything else is left as it
 * was (marked content, rotated or vertical text, a line's end).
 */
import type { PDFPageProxy } from 'pdfjs-dist';

/** A page's text content, as getTextContent gives it (pdfjs-dist exports not its type by name). */
export type TextContent = Awaited<ReturnType<PDFPageProxy['getTextContent']>>;
type Item = TextContent['items'][number];
/** An item with text. */
export type TextItem = Extract<Item, { str: string }>;

/**
 * A gap wider than this many times the text's size is a gutter, not a space
 * between words (0.25–0.35 em in type; OCR'd pages fill it with a space item).
 */
const MAX_GAP = 1;
/** Baselines further apart than this share of the text's size are different lines. */
const MAX_RISE = 0.35;
/** Words in one line of OCR vary in size (7 and 8 pt beside each other); not more than this. */
const MAX_SIZE_RATIO = 1.6;
/** A gap wider than this share of the size, with no space either side, gets one. */
const SPACE_GAP = 0.15;

export function joinLines(content: TextContent): TextContent {
  const items: Item[] = [];
  let line: TextItem | undefined;
  for (const item of content.items) {
    if (line && isText(item) && continues(line, item)) {
      line = join(line, item);
      continue;
    }
    if (line) items.push(line);
    line = isText(item) && upright(item) ? { ...item } : undefined;
    if (!line) items.push(item);
  }
  if (line) items.push(line);
  return { ...content, items };
}

function isText(item: Item): item is TextItem {
  return 'str' in item;
}

/** Horizontal text, left to right, not mirrored. */
function upright(item: TextItem): boolean {
  const [a, b, c, d] = item.transform as number[];
  return b === 0 && c === 0 && a! > 0 && d! > 0 && item.dir !== 'rtl' && item.dir !== 'ttb';
}

const size = (item: TextItem) => item.transform[3] as number;
const x = (item: TextItem) => item.transform[4] as number;
const y = (item: TextItem) => item.transform[5] as number;

function continues(line: TextItem, next: TextItem): boolean {
  if (line.hasEOL || !upright(next) || next.fontName !== line.fontName) return false;
  if (next.dir !== line.dir) return false;
  const small = Math.min(size(line), size(next));
  if (Math.max(size(line), size(next)) > small * MAX_SIZE_RATIO) return false;
  if (Math.abs(y(next) - y(line)) > small * MAX_RISE) return false;
  const gap = x(next) - (x(line) + line.width);
  return gap >= -small * 0.2 && gap <= small * MAX_GAP;
}

function join(line: TextItem, next: TextItem): TextItem {
  const gap = x(next) - (x(line) + line.width);
  const spaced = /\s$/.test(line.str) || /^\s/.test(next.str) || next.str === '';
  const str = line.str + (!spaced && gap > size(line) * SPACE_GAP ? ' ' : '') + next.str;
  return {
    ...line,
    str,
    width: Math.max(x(line) + line.width, x(next) + next.width) - x(line),
    height: Math.max(line.height, next.height),
    hasEOL: next.hasEOL,
  };
}
