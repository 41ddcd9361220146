/**
 * A page's articles, found from its positioned words alone (extracted or read
 * by OCR), by explainable rules of newspaper layout:
 * - words make lines (same baseline, no column gap between them, one size),
 *   cut again where a line runs on across a gutter set narrower than a word
 *   space (two heads side by side, or over a byline each; columns of body type
 *   set close);
 * - the body size is the size most of the page's text is set in; lines well
 *   above it are headlines (when they read as words: OCR's reading of a picture
 *   is large too), those between are decks, those below are bylines,
 *   captions and jump lines;
 * - a headline heads the columns it spans, and the next to its right where
 *   nothing is printed beside it but its story's next column (begun where
 *   the column starts, or, read by OCR, on its first column's rows): every
 *   line below it, in those columns, up to the next headline above that line, is
 *   its story (a line takes the nearest headline above it that spans it),
 *   up to a band of white across all its columns or a label set across them
 *   ("CLASSIFIEDS"), under which other text begins;
 * - "Continued from page 2" above a headline belongs to the story below it,
 *   and a photo's caption above a head (the photo over it) to its story;
 * - a justified line's words set far apart in a narrow column are one line
 *   (joinJustified); large type in quotation marks inside a story's column is
 *   its pull quote, not a head; a column headed "In brief" is read brief by
 *   brief, each under its run-in head;
 * - the masthead (the largest type at the top of the page, centred, not a
 *   head's last line, or type six times the body's read by OCR as words far
 *   apart), the folio lines at the very top and bottom (not jump lines) and a
 *   section's label over the page ("NATION & WORLD") are page furniture;
 * - text no headline spans is a story of its own when long (a continuation
 *   set without a head), else a brief; a story's part "continued from" another
 *   page is a story however short;
 * - "Continued on page 6", "See Schools, Page A4", "Fortsetzung Seite 3",
 *   "Suite page 4" and their like name the page the story goes on (and
 *   "Continued from page 1" the page it came from); edition-articles.ts pairs them.
 * Boxes are PDF space: [x, y, width, height], origin bottom-left.
 */
import { type Box, boundingBox } from '../../common/boxes.ts';
import type { Word } from '../words/page-words.ts';

/** Bumped whenever the rules change: pages segmented by an older version are segmented again. */
export const SEGMENTER_VERSION = 12;

export type ArticleKind = 'story' | 'brief' | 'ad' | 'furniture';
export type { Box } from '../../common/boxes.ts';

export interface PageArticle {
  kind: ArticleKind;
  headline: string;
  deck?: string;
  byline?: string;
  paragraphs: string[];
  captions: string[];
  /** Where it is printed: its headline, and its text column by column. */
  regions: Box[];
  /** The page (number or label) it continues on, and the one it comes from, as printed. */
  jumpTo?: string;
  jumpFrom?: string;
  /** Where those jump lines are printed (so a reader can follow them). */
  jumpToAt?: Box;
  jumpFromAt?: Box;
  /** Words of its text (headline and body). */
  words: number;
}

interface Line {
  words: Word[];
  x0: number;
  x1: number;
  /** Top and bottom of the line's boxes. */
  top: number;
  bottom: number;
  /** The line's type size (its words' median height). */
  h: number;
  text: string;
  /** Set in a pull quote: its story's, but not its text. */
  pull?: boolean;
  /** A caption set over its story's head (under the photo over it). */
  caption?: boolean;
}

const JUMP_TO = [
  /\bcontinued\s+on\s+page\s+([A-Z]?\d{1,3}[A-Z]?)\b/i,
  /\bsee\s+[^,.;]{1,40}[,.]?\s+page\s+([A-Z]?\d{1,3}[A-Z]?)\b/i,
  /\b(?:please\s+)?turn\s+to\s+page\s+([A-Z]?\d{1,3}[A-Z]?)\b/i,
  /\b(?:fortsetzung|weiter)\s+(?:auf\s+)?seite\s+(\d{1,3})\b/i,
  /\bsuite\s+(?:en\s+)?page\s+(\d{1,3})\b/i,
  /\bcontin[uú]a\s+(?:en\s+(?:la\s+)?p[aá]gina|a\s+pagina|na\s+p[aá]gina)\s+(\d{1,3})\b/i,
  /\bvervolg\s+op\s+pagina\s+(\d{1,3})\b/i,
];
const JUMP_FROM = [
  /\bcontinued\s+from\s+page\s+([A-Z]?\d{1,3}[A-Z]?)\b/i,
  /\(\s*from\s+page\s+([A-Z]?\d{1,3}[A-Z]?)\s*\)/i,
  /\bfrom\s+page\s+([A-Z]?\d{1,3}[A-Z]?)\s*$/i,
  /\bfortsetzung\s+von\s+seite\s+(\d{1,3})\b/i,
  /\bsuite\s+de\s+la\s+page\s+(\d{1,3})\b/i,
  /\bviene\s+de\s+la\s+p[aá]gina\s+(\d{1,3})\b/i,
];

/** The page a line says the story continues on, or comes from. */
export function jumpIn(text: string): { to?: string; from?: string } {
  for (const pattern of JUMP_FROM) {
    const found = pattern.exec(text);
    if (found) return { from: found[1]!.toUpperCase() };
  }
  for (const pattern of JUMP_TO) {
    const found = pattern.exec(text);
    if (found) return { to: found[1]!.toUpperCase() };
  }
  return {};
}

const median = (values: number[]): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

/** Words into lines: rows of one baseline, cut where a gap is a column's or the size changes. */
export function pageLines(words: Word[]): Line[] {
  const sorted = words
    .filter((w) => w.h > 0 && w.text.trim())
    .sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: Word[][] = [];
  for (const word of sorted) {
    const row = rows.at(-1);
    const ref = row?.[0];
    if (ref && Math.abs(word.y - ref.y) <= 0.3 * Math.min(word.h, ref.h)) row!.push(word);
    else rows.push([word]);
  }
  const lines: Line[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.x - b.x);
    let current: Word[] = [];
    const flush = () => {
      if (current.length) lines.push(makeLine(current));
      current = [];
    };
    for (const word of row) {
      const last = current.at(-1);
      if (last) {
        const gap = word.x - (last.x + last.w);
        const small = Math.min(word.h, last.h);
        const sizeJump = Math.max(word.h, last.h) / small > 1.3;
        if (gap > 0.9 * small || sizeJump) flush();
      }
      current.push(word);
    }
    flush();
  }
  return lines;
}

function makeLine(words: Word[]): Line {
  const h = median(words.map((w) => w.h));
  return {
    words,
    x0: Math.min(...words.map((w) => w.x)),
    x1: Math.max(...words.map((w) => w.x + w.w)),
    top: Math.max(...words.map((w) => w.y + w.h)),
    bottom: Math.min(...words.map((w) => w.y)),
    h,
    text: words.map((w) => w.text).join(' '),
  };
}

interface Head {
  lines: Line[];
  /** Heads set under it in smaller type, with nothing between (decks). */
  decks: Line[];
  x0: number;
  x1: number;
  top: number;
  bottom: number;
}

interface Draft {
  head?: Head;
  lines: Line[];
}

/** The page's articles, in reading order (by where they start: left to right, top down). */
export function segmentPage(words: Word[], size: { width: number; height: number }): PageArticle[] {
  const read = pageLines(words);
  if (read.length === 0) return [];
  // The body size: the type most of the page's characters are set in.
  const weights = new Map<number, number>();
  for (const line of read) {
    const key = Math.round(line.h * 2) / 2;
    weights.set(key, (weights.get(key) ?? 0) + line.text.length);
  }
  const body = [...weights].sort((a, b) => b[1] - a[1])[0]![0];
  const starts = columnStarts(read, body);
  const lines = splitAtColumns(joinJustified(read, starts, body), starts, body);
  const furniture: Line[] = [];
  const heads: Head[] = [];
  const rest: Line[] = [];
  const topBand = size.height * 0.95;
  const bottomBand = size.height * 0.025;
  const sizes = [...new Set(lines.map((l) => l.h))].sort((a, b) => b - a);
  const left = Math.min(...lines.map((l) => l.x0));
  const right = Math.max(...lines.map((l) => l.x1));
  const [largest = 0, next = 0] = sizes;
  // Nothing else printed just above it, in its columns: a folio, not a column's last line.
  const alone = (line: Line) =>
    !lines.some(
      (l) =>
        l !== line &&
        l.x0 < line.x1 &&
        l.x1 > line.x0 &&
        l.bottom > line.top &&
        l.bottom - line.top < 2 * body,
    );
  const spread = spreadMasthead(lines, body, size);
  for (const line of lines) {
    // ("Continued from page 1" set at the very top of a page is a jump line, not a folio.)
    const jump = jumpIn(line.text);
    const folio =
      line.h <= 1.3 * body &&
      !jump.from &&
      !jump.to &&
      (line.bottom > topBand || (line.top < bottomBand && alone(line)));
    // The masthead: the page's largest type by far, at its top, centred across its middle.
    const centre = (line.x0 + line.x1) / 2;
    const masthead =
      line.h === largest &&
      line.h >= 3 * body &&
      largest >= 1.4 * next &&
      line.top > size.height * 0.8 &&
      Math.abs(centre - size.width / 2) < size.width * 0.12 &&
      // Centred between the text's edges, as a title is (a head runs from its column's start).
      Math.abs(line.x0 - left - (right - line.x1)) < 0.1 * (right - left) &&
      // Not a head's last line, set short near the middle of an inner page.
      !headContinued(heads, line);
    if (folio || masthead || spread.has(line) || sectionLabel(line, lines, body, size))
      furniture.push(line);
    else if (
      (line.h >= 1.4 * body && (readsAsHead(line.text) || headContinued(heads, line))) ||
      capsHead(line, body)
    )
      addToHead(heads, line);
    else rest.push(line);
  }
  // The line under the masthead (its date, volume, price) is furniture too.
  const mastheadLine = furniture.find((l) => l.h >= 3 * body);
  if (mastheadLine) {
    for (let i = rest.length - 1; i >= 0; i--) {
      const line = rest[i]!;
      if (line.top <= mastheadLine.bottom && line.top > mastheadLine.bottom - 3 * body) {
        furniture.push(line);
        rest.splice(i, 1);
      }
    }
  }
  for (const head of heads.filter((h) => pullQuote(h, rest, body))) {
    heads.splice(heads.indexOf(head), 1);
    for (const line of head.lines) rest.push({ ...line, pull: true });
  }
  heads.sort((a, b) => b.top - a.top || a.x0 - b.x0);
  stackDecks(heads, rest, body);
  widenHeads(heads, rest, columnGrid(rest, body), body);
  const drafts: Draft[] = heads.map((head) => ({ head, lines: [] }));
  const orphans: Line[] = [];
  for (const line of rest) {
    const centre = (line.x0 + line.x1) / 2;
    const spans = (d: Draft) => d.head!.x0 - 4 <= centre && centre <= d.head!.x1 + 4;
    const jump = jumpIn(line.text);
    // "Continued from page 1" is set just above the head of the part it begins.
    if (jump.from) {
      const below = drafts
        .filter((d) => spans(d) && d.head!.top <= line.bottom + 0.5 * body)
        .sort((a, b) => b.head!.top - a.head!.top)[0];
      if (below && line.bottom - below.head!.top < 3 * body) {
        below.lines.push(line);
        continue;
      }
    }
    const above = drafts
      .filter((d) => spans(d) && d.head!.bottom >= line.top - 0.5 * body)
      .sort((a, b) => a.head!.bottom - b.head!.bottom)[0];
    // A photo's caption, its photo set over a head no head above spans: that story's.
    const under =
      !above && line.h < 0.93 * body
        ? drafts
            .filter(
              (d) =>
                spans(d) && d.head!.top <= line.bottom && line.bottom - d.head!.top < 2.5 * body,
            )
            .sort((a, b) => b.head!.top - a.head!.top)[0]
        : undefined;
    if (above) above.lines.push(line);
    else if (under) under.lines.push({ ...line, caption: true });
    else orphans.push(line);
  }
  for (const draft of drafts) orphans.push(...endAtBand(draft, body));
  const briefs: PageArticle[] = [];
  for (const group of columnGroups(orphans, body)) {
    const rail = briefsRail(group);
    if (!rail) {
      drafts.push({ lines: group });
      continue;
    }
    furniture.push(rail.label);
    briefs.push(...rail.items.map(brief));
  }
  const articles = [
    ...mergeAds(
      drafts.filter((d) => d.head || d.lines.length > 0).map((d) => finish(d, body)),
      body,
    ),
    ...briefs,
  ];
  const furnitureArticle = furniture.length
    ? [
        {
          kind: 'furniture' as const,
          headline: '',
          paragraphs: furniture.map((l) => l.text),
          captions: [],
          regions: furniture.map(boxOf),
          words: furniture.reduce((n, l) => n + l.words.length, 0),
        },
      ]
    : [];
  // Reading order: by the column an article starts in, then from the top.
  const start = (a: PageArticle) => a.regions[0]!;
  articles.sort((a, b) => {
    const ax = start(a)[0];
    const bx = start(b)[0];
    if (Math.abs(ax - bx) > body) return ax - bx;
    return start(b)[1] + start(b)[3] - (start(a)[1] + start(a)[3]);
  });
  return [...furnitureArticle, ...articles];
}

/**
 * A masthead read as words far apart: OCR reads an old title's great letters
 * word by word, and some not at all ("The" … "Echo." of the Liverpool Echo,
 * 140 pt type, its "Liverpool" missed). Type six times the body's size or more,
 * in the page's top tenth with no large type above it, whose lines together
 * run across the page's middle, is the masthead. (A head is rarely set so
 * large; the largest in the bench's layouts are five times their body.)
 */
function spreadMasthead(
  lines: Line[],
  body: number,
  size: { width: number; height: number },
): Set<Line> {
  const huge = lines.filter((l) => l.h >= 6 * body && l.top > size.height * 0.9);
  if (huge.length < 2) return new Set();
  const top = Math.max(...huge.map((l) => l.top));
  const x0 = Math.min(...huge.map((l) => l.x0));
  const x1 = Math.max(...huge.map((l) => l.x1));
  const above = lines.some((l) => l.h >= 1.4 * body && l.bottom > top && !huge.includes(l));
  const centred = Math.abs((x0 + x1) / 2 - size.width / 2) < size.width * 0.12;
  return !above && centred && x1 - x0 >= 0.4 * size.width ? new Set(huge) : new Set();
}

/**
 * A section's label over the page ("NATION & WORLD", "LOCAL", set on a bar
 * under the folio): a line of a few words in capitals, in display type under
 * three times the body's (a banner's is larger), in the page's top twelfth
 * with no display type above it, over type of another size (the page's first
 * head, or an ad). It is page furniture, not the start of the head under it.
 */
function sectionLabel(
  line: Line,
  lines: Line[],
  body: number,
  size: { width: number; height: number },
): boolean {
  if (line.bottom < size.height * 0.92 || line.h < 1.12 * body || line.h >= 3 * body) return false;
  if (line.words.length > 4 || !inCapitals(line)) return false;
  if (lines.some((l) => l !== line && l.bottom > line.top && l.h >= 1.12 * body)) return false;
  const under = lines
    .filter((l) => l.x0 < line.x1 && l.x1 > line.x0 && l.top <= line.bottom)
    .sort((a, b) => b.top - a.top)[0];
  return (
    under !== undefined &&
    line.bottom - under.top < 3 * body &&
    Math.abs(under.h - line.h) >= 0.15 * line.h
  );
}

/**
 * A pull quote: display type set inside a story's column, a line of its
 * quotation marks first ("“Nobody here wants…”"), with the story's text (or
 * a photo's caption) just above it and its text just below it in the same
 * column. It is not a head: the text around it is one story's.
 */
function pullQuote(head: Head, lines: Line[], body: number): boolean {
  if (!/^[“"‘'«„]/.test(head.lines[0]!.text)) return false;
  const over = (l: Line) => l.x0 < head.x1 && l.x1 > head.x0;
  // Above it, the story's text or a caption (a photo over the column); below, its text.
  const above = lines.some(
    (l) => over(l) && l.h < 1.12 * body && l.bottom >= head.top && l.bottom - head.top <= 2 * body,
  );
  const below = lines.some(
    (l) =>
      over(l) && inBodySize(l, body) && l.top <= head.bottom && head.bottom - l.top <= 2 * body,
  );
  return above && below;
}

/**
 * A head in smaller type right under another, with no text between them, is
 * the first's deck ("MORE ARE INDICTED" over "FRAUD CASES."): one story.
 * Heads come sorted top down.
 */
function stackDecks(heads: Head[], lines: Line[], body: number): void {
  for (let i = 0; i < heads.length; i++) {
    const head = heads[i]!;
    for (;;) {
      const next = heads.find(
        (h) =>
          h !== head &&
          h.top <= head.bottom + 0.5 * body &&
          head.bottom - h.top < 2.5 * body &&
          h.x0 < head.x1 &&
          h.x1 > head.x0 &&
          h.lines[0]!.h < head.lines[0]!.h * 0.95,
      );
      if (!next) break;
      const between = lines.some(
        (l) => l.x0 < next.x1 && l.x1 > next.x0 && l.top <= head.bottom && l.bottom >= next.top,
      );
      if (between) break;
      head.decks.push(...next.lines, ...next.decks);
      head.bottom = next.bottom;
      head.x0 = Math.min(head.x0, next.x0);
      head.x1 = Math.max(head.x1, next.x1);
      heads.splice(heads.indexOf(next), 1);
      if (heads.indexOf(head) !== i) i = heads.indexOf(head);
    }
  }
}

/** Set at the body's size (a tenth under it, an eighth over), as a column's text is. */
const inBodySize = (line: Line, body: number) => line.h >= 0.9 * body && line.h <= 1.12 * body;

/** A byline: "By Maria Ferreira | AP", "Von …", "Par …", "Por …", "Door …", "Di …", "Av …". */
const BYLINE = /^(?:by|von|par|por|door|di|av|af)\s+\p{Lu}/iu;

/**
 * Lines that run on across a gutter: two heads set side by side over
 * neighbouring columns (a 16 pt gutter between 28 pt heads is narrower than
 * their word spaces would suggest), or two columns of body type set 8 pt apart
 * (the gap at the gutter narrower than 0.9 em). A line is cut before a word
 * that starts where one of the page's columns starts (columnStarts), where the
 * gap is half an em of the body or more and wider than any of the line's
 * spaces before it: by half a point in large type (a head's spaces are set
 * evenly, so a head over several columns keeps its words wherever a column
 * starts under them), by a fifth in body type. Two bylines under a head, one
 * under its start and one under the word, tell two heads however close they
 * are set (44 pt heads 17 pt apart, with 20 pt word spaces). In body type,
 * what comes before the cut must be as wide as a column (as most lines of body
 * type are, once cut): OCR's spaces are uneven, and its words, placed on a
 * grid of pixels, meet a column's start here and there.
 */
function splitAtColumns(lines: Line[], starts: number[], body: number): Line[] {
  if (starts.length < 2) return lines;
  // Two bylines under a line of large type (within two more lines of it), one
  // under its start and one under this word: the heads of two stories, however
  // close they are set.
  const bylines = lines.filter((l) => BYLINE.test(l.text));
  const bylinesUnder = (line: Line, x: number) => {
    const under = (at: number) =>
      bylines.find(
        (b) =>
          Math.abs(b.x0 - at) <= 1 && b.top <= line.bottom && b.top >= line.bottom - 3 * line.h,
      );
    return under(line.x0) !== undefined && under(x) !== undefined;
  };
  const candidates = lines.map((line) => {
    const words = line.words;
    const wider = (space: number) => (line.h >= 1.4 * body ? space + 0.5 : 1.2 * space);
    const gaps = words.slice(1).map((w, i) => w.x - (words[i]!.x + words[i]!.w));
    const cuts: number[] = [];
    gaps.forEach((gap, i) => {
      if (gap < 0.5 * body || !starts.some((x) => Math.abs(words[i + 1]!.x - x) <= 0.5)) return;
      const from = cuts.at(-1) ?? 0;
      if (i > from && gap > wider(Math.max(...gaps.slice(from, i)))) cuts.push(i + 1);
      else if (line.h >= 1.4 * body && bylinesUnder(line, words[i + 1]!.x)) cuts.push(i + 1);
    });
    return cuts;
  });
  const pieces = (line: Line, cuts: number[]) =>
    [0, ...cuts].map((from, k) => line.words.slice(from, cuts[k] ?? line.words.length));
  const width = (words: Word[]) => words.at(-1)!.x + words.at(-1)!.w - words[0]!.x;
  const column = median(
    lines.flatMap((line, k) =>
      inBodySize(line, body) ? pieces(line, candidates[k]!).map(width) : [],
    ),
  );
  return lines.flatMap((line, k) => {
    let cuts = candidates[k]!;
    if (line.h < 1.4 * body)
      cuts = cuts.filter(
        (cut, j) => width(line.words.slice(cuts[j - 1] ?? 0, cut)) >= 0.8 * column,
      );
    return cuts.length ? pieces(line, cuts).map(makeLine) : [line];
  });
}

/**
 * A justified line set in a narrow column spaces its words far apart (a
 * briefs rail: "City", 40 pt, "approves"), and pageLines cuts it there as if
 * at a gutter. Pieces of one row in body type are joined again where together
 * they run no wider than the column the first starts in (the widest width
 * three of that column's lines are set to): a justified line never runs past
 * its column, and the next column's text starts past the gutter. (Words set
 * in line on rows of repeated text may look like a column's start; the
 * measure, not the starts, decides.)
 */
function joinJustified(lines: Line[], starts: number[], body: number): Line[] {
  const widths = new Map<number, Map<number, number>>();
  for (const line of lines) {
    if (!inBodySize(line, body)) continue;
    const start = starts.find((x) => Math.abs(line.x0 - x) <= 0.5);
    if (start === undefined) continue;
    const counts = widths.get(start) ?? new Map<number, number>();
    const width = Math.round((line.x1 - line.x0) * 2) / 2;
    counts.set(width, (counts.get(width) ?? 0) + 1);
    widths.set(start, counts);
  }
  /** A column's measure: the width at least three of its lines are set to, the widest such. */
  const measure = new Map<number, number>();
  for (const [start, counts] of widths) {
    const set = [...counts].filter(([, n]) => n >= 3).map(([w]) => w);
    if (set.length) measure.set(start, Math.max(...set));
  }
  /** Where the column a line starts in ends: its start's measure, or (set in) its edge's. */
  const columnEnd = (x: number) => {
    const ends = starts
      .filter((s) => s <= x + 0.5 && x - s < 2 * body && measure.has(s))
      .map((s) => s + measure.get(s)!);
    return ends.length ? Math.max(...ends) : undefined;
  };
  const out: Line[] = [];
  for (const line of lines) {
    const last = out.at(-1);
    const end = last && columnEnd(last.x0);
    if (
      last &&
      end !== undefined &&
      inBodySize(last, body) &&
      inBodySize(line, body) &&
      Math.abs(line.bottom - last.bottom) <= 0.3 * body &&
      line.x0 > last.x1 &&
      line.x1 <= end + 0.5
    )
      out[out.length - 1] = makeLine([...last.words, ...line.words]);
    else out.push(line);
  }
  return out;
}

/**
 * Where the page's columns start: where words of body type start a line, or
 * follow a gap of half an em or more, in line (to 0.3 pt) on five rows or
 * more. Words, not lines: where a story runs across columns set close, each of
 * its rows is read as one line, and only its words show where the second
 * column starts.
 */
function columnStarts(lines: Line[], body: number): number[] {
  const xs: number[] = [];
  for (const line of lines) {
    if (!inBodySize(line, body)) continue;
    line.words.forEach((word, i) => {
      const before = line.words[i - 1];
      if (!before || word.x - (before.x + before.w) >= 0.5 * body) xs.push(word.x);
    });
  }
  const clusters: { x: number; n: number }[] = [];
  for (const x of xs.sort((a, b) => a - b)) {
    const last = clusters.at(-1);
    if (last && x - last.x <= 0.3) last.n++;
    else clusters.push({ x, n: 1 });
  }
  return clusters.filter((c) => c.n >= 5).map((c) => c.x);
}

/** The page's text columns: where body lines start, and how wide they run. */
function columnGrid(lines: Line[], body: number): { x0: number; x1: number }[] {
  const starts: { x0: number; x1: number; n: number }[] = [];
  for (const line of lines) {
    if (!inBodySize(line, body)) continue;
    const column = starts.find((c) => Math.abs(c.x0 - line.x0) < body);
    if (column) {
      column.x1 = Math.max(column.x1, line.x1);
      column.n++;
    } else starts.push({ x0: line.x0, x1: line.x1, n: 1 });
  }
  // A column is where several lines start; a stray indented line is not one.
  return starts
    .filter((c) => c.n >= 3)
    .sort((a, b) => a.x0 - b.x0)
    .map(({ x0, x1 }) => ({ x0, x1 }));
}

/**
 * A headline heads whole columns, also where it is set shorter than they run:
 * it takes the columns it overlaps, then each next column to the right that
 * holds nothing level with it (nothing else is printed beside a headline over
 * its own story).
 */
function widenHeads(
  heads: Head[],
  lines: Line[],
  columns: { x0: number; x1: number }[],
  body: number,
): void {
  const within = (
    b: { x0: number; x1: number; top: number; bottom: number },
    column: { x0: number; x1: number },
    top: number,
    bottom: number,
  ) => b.x0 < column.x1 && b.x1 > column.x0 && b.bottom < top && b.top > bottom;
  for (const head of heads) {
    const over = columns.filter((c) => c.x0 < head.x1 - body && c.x1 > head.x0 + body);
    if (over.length === 0) continue;
    head.x0 = Math.min(head.x0, over[0]!.x0);
    let right = Math.max(head.x1, over.at(-1)!.x1);
    // The top of the story's first line of text under the head (a byline, set
    // smaller, is above it in the first column only).
    const first = Math.max(
      ...lines
        .filter(
          (l) =>
            l.x0 < right &&
            l.x1 > head.x0 &&
            l.h >= 0.93 * body &&
            l.top <= head.bottom + 0.5 * body &&
            l.top >= head.bottom - 3.5 * body,
        )
        .map((l) => l.top),
    );
    const top = head.top;
    const bottom = head.bottom - 1.5 * body;
    // Read by OCR (whose starts are ragged), a column is its story's next when set on
    // the rows of the head's first column: five of its first six lines on a baseline
    // of that column's.
    const rows = lines.filter(
      (l) => inBodySize(l, body) && l.x0 < over[0]!.x1 && l.x1 > over[0]!.x0 && l.top < head.bottom,
    );
    const sameRows = (column: { x0: number; x1: number }) => {
      const down = lines
        .filter(
          (l) =>
            inBodySize(l, body) &&
            l.x0 >= column.x0 - body &&
            l.x1 <= column.x1 + body &&
            l.top < head.bottom,
        )
        .sort((a, b) => b.top - a.top)
        .slice(0, 6);
      const level = down.filter((l) =>
        rows.some((r) => Math.abs(r.bottom - l.bottom) <= 0.3 * body),
      ).length;
      return down.length === 6 && level >= 5;
    };
    // A column is free when nothing is printed beside the head but the story's
    // next column, begun level with its first line.
    const free = (column: { x0: number; x1: number }) => {
      // (Another head reaching an em into it: display type set wider than its own column.)
      const into = { x0: column.x0 + body, x1: column.x1 - body };
      if (heads.some((h) => h !== head && within(h, into, top, bottom))) return false;
      const beside = lines.filter((l) => within(l, column, top, bottom));
      if (beside.length === 0) return true;
      const highest = beside.reduce((a, b) => (b.top > a.top ? b : a));
      // Begun where the column begins, as set type is, or at a paragraph's indent into
      // it where other lines start too (OCR's ragged starts are not taken for a column
      // beginning level with the story).
      const begun = (x: number) =>
        Math.abs(x - column.x0) <= 1 ||
        columns.some(
          (c) => c.x0 > column.x0 && c.x0 - column.x0 < 2 * body && Math.abs(x - c.x0) <= 1,
        );
      return (
        highest.top < head.bottom &&
        Math.abs(highest.top - first) <= 0.5 * body &&
        (begun(highest.x0) || sameRows(column))
      );
    };
    let last = over.at(-1)!;
    for (const column of columns.filter((c) => c.x0 > over.at(-1)!.x0)) {
      // (Where a column's paragraphs are set in, their first lines start another
      // "column" an em or so in, to the same right edge: the one taken already.)
      if (column.x0 - last.x0 < 1.5 * body && Math.abs(column.x1 - last.x1) <= 1) continue;
      if (!free(column)) break;
      right = column.x1;
      last = column;
    }
    head.x1 = right;
  }
}

/**
 * A headline set in capitals at the body's size, as older papers set their
 * heads ("MORE ARE INDICTED"): a short line of two words or more, nearly all
 * capitals; not a byline in capitals ("BY ANNA BERG", set smaller, but read
 * by OCR it may measure as tall as the text).
 */
function capsHead(line: Line, body: number): boolean {
  if (line.h < 0.9 * body || line.words.length < 2 || line.words.length > 8) return false;
  if (BYLINE.test(line.text)) return false;
  return inCapitals(line, 8);
}

/**
 * An ad is set as several blocks of display type, one under another ("GRAND
 * SALE", the offer, the shop's name): blocks taken for ads that touch, in the
 * same columns, are one ad.
 */
function mergeAds(articles: PageArticle[], body: number): PageArticle[] {
  const box = (a: PageArticle) => {
    const [x, y, w, h] = boundingBox(a.regions);
    return { x0: x, x1: x + w, bottom: y, top: y + h };
  };
  const out: PageArticle[] = [];
  for (const article of [...articles].sort((a, b) => box(b).top - box(a).top)) {
    const b = box(article);
    const above =
      article.kind === 'ad'
        ? out.find((o) => {
            if (o.kind !== 'ad') return false;
            const a = box(o);
            return (
              a.x0 < b.x1 && a.x1 > b.x0 && a.bottom - b.top < 3 * body && a.bottom >= b.top - body
            );
          })
        : undefined;
    if (!above) {
      out.push(article);
      continue;
    }
    above.paragraphs.push(...[article.headline, ...article.paragraphs].filter(Boolean));
    above.captions.push(...article.captions);
    above.regions.push(...article.regions);
    above.words += article.words;
  }
  return articles.filter((a) => out.includes(a));
}

/** The head a line goes on (a headline of several lines: the next starts close below and overlaps it). */
function headContinued(heads: Head[], line: Line): Head | undefined {
  return heads.find(
    (h) =>
      h.bottom - line.top < 0.8 * line.h &&
      h.bottom >= line.top - 0.8 * line.h &&
      line.x0 < h.x1 &&
      line.x1 > h.x0 &&
      Math.abs(h.lines[0]!.h - line.h) / line.h < 0.35,
  );
}

/**
 * Whether large type reads as the first line of a head: some words, mostly
 * letters, and in a script with capitals, one at least. What OCR makes of a
 * picture, a rule or an ornament ("..", "lwls", "f — with", "t It — J" on the
 * 1904 Oregon page) is large too, and is none of these.
 */
export function readsAsHead(text: string): boolean {
  const visible = text.replace(/\s/gu, '');
  // Marks count with their letters (Devanagari's vowel signs, say).
  const letters = visible.replace(/[^\p{L}\p{M}]/gu, '');
  if (letters.length < 3 || letters.length < 0.6 * visible.length) return false;
  if (!/[\p{L}\p{M}]{3}/u.test(text)) return false;
  const cased = /[\p{Lu}\p{Ll}]/u.test(letters);
  return !cased || /\p{Lu}/u.test(letters);
}

function addToHead(heads: Head[], line: Line): void {
  const head = headContinued(heads, line);
  if (head) {
    head.lines.push(line);
    head.x0 = Math.min(head.x0, line.x0);
    head.x1 = Math.max(head.x1, line.x1);
    head.bottom = Math.min(head.bottom, line.bottom);
    head.top = Math.max(head.top, line.top);
  } else
    heads.push({
      lines: [line],
      decks: [],
      x0: line.x0,
      x1: line.x1,
      top: line.top,
      bottom: line.bottom,
    });
}

/** Lines no headline spans, grouped into blocks: a column's lines that follow one another. */
function columnGroups(lines: Line[], body: number): Line[][] {
  const groups: Line[][] = [];
  const sorted = [...lines].sort((a, b) => b.top - a.top);
  for (const line of sorted) {
    const group = groups.find((g) => {
      const last = g.at(-1)!;
      return (
        Math.abs(last.x0 - line.x0) < 2 * body &&
        last.bottom - line.top < 2.5 * body &&
        last.bottom >= line.top - body
      );
    });
    if (group) group.push(line);
    else groups.push([line]);
  }
  return groups;
}

/** Nearly all capitals, `least` letters or more ("NATION & WORLD", "CLASSIFIEDS"). */
function inCapitals(line: Line, least = 4): boolean {
  const letters = line.text.replace(/[^\p{L}]/gu, '');
  return (
    letters.length >= least && letters.replace(/[^\p{Lu}]/gu, '').length >= 0.85 * letters.length
  );
}

/**
 * A story ends where a band of white runs across all its columns, its text
 * above it and other text below, or at a label set across it (a word or three
 * in capitals, larger than the text but smaller than a head: "CLASSIFIEDS",
 * "LETTERS"): classified ads set under a story's head that spans the page are
 * not the story's. Not where what follows is a caption (a photo across its
 * columns), nor above the story's own text (a photo between head and text).
 * Answers the lines taken off the story.
 */
function endAtBand(draft: Draft, body: number): Line[] {
  if (!draft.head) return [];
  const lines = [...draft.lines].sort((a, b) => b.top - a.top);
  let reach = Infinity;
  let text = 0;
  const label = (line: Line) =>
    line.h >= 1.12 * body && line.h < 1.4 * body && line.words.length <= 3 && inCapitals(line);
  for (const [i, line] of lines.entries()) {
    const band = reach - line.top >= 2 * body && line.h >= 0.93 * body;
    if (i > 0 && text >= 3 && (band || label(line))) {
      draft.lines = lines.slice(0, i);
      return lines.slice(i);
    }
    reach = Math.min(reach, line.bottom);
    if (inBodySize(line, body)) text++;
  }
  return [];
}

/** A column of briefs' label: "In brief", "News in brief", "Briefly", "Digest", "Kurz notiert"… */
const BRIEFS_LABEL =
  /^(?:(?:news\s+)?in\s+brief|briefly|briefs|news\s+briefs|digest|in\s+short|round-?up|kurz\s+notiert|en\s+bref|in\s+breve|en\s+breve)$/iu;

/**
 * A column of briefs under its label (text no head spans): each item begins
 * a paragraph (set in from the column's edge, or after a wider space than
 * the lines' own), its head run in ("City approves budget. The committee…").
 */
function briefsRail(group: Line[]): { label: Line; items: Line[][] } | undefined {
  const [label, ...lines] = group;
  if (
    !label ||
    lines.length < 2 ||
    !BRIEFS_LABEL.test(label.text.replace(/[^\p{L}\s-]/gu, '').trim())
  )
    return undefined;
  const left = Math.min(...lines.map((l) => l.x0));
  const steps = lines.slice(1).map((l, i) => lines[i]!.bottom - l.bottom);
  const step = median(steps);
  const items: Line[][] = [];
  lines.forEach((line, i) => {
    const indented = line.x0 - left > 0.5 * line.h;
    const spaced = i > 0 && steps[i - 1]! > step + 0.25 * line.h;
    if (i === 0 || indented || spaced) items.push([line]);
    else items.at(-1)!.push(line);
  });
  return { label, items };
}

/** A brief of a column of briefs: its run-in head (to its first full stop, twelve words at most), then its text. */
function brief(lines: Line[]): PageArticle {
  const text = joinLines(lines.map((l) => l.text));
  const runIn = /^(\S+(?:\s+\S+){0,11}?[.:])\s+(.*)$/su.exec(text);
  const headline = runIn ? runIn[1]!.replace(/[.:]$/, '') : '';
  const rest = runIn ? runIn[2]! : text;
  return {
    kind: 'brief',
    headline,
    paragraphs: [rest],
    captions: [],
    regions: [unionOf(lines)],
    words: text.split(/\s+/).length,
  };
}

/**
 * The columns of an article's lines, left to right, each top down: a line is
 * in the column it overlaps by most of its width (indents and ragged OCR
 * lines included).
 */
function columnsOf(lines: Line[]): Line[][] {
  const columns: { x0: number; x1: number; lines: Line[] }[] = [];
  for (const line of [...lines].sort((a, b) => b.x1 - b.x0 - (a.x1 - a.x0))) {
    const width = line.x1 - line.x0;
    const column = columns.find(
      (c) =>
        Math.min(c.x1, line.x1) - Math.max(c.x0, line.x0) >= 0.5 * Math.min(width, c.x1 - c.x0),
    );
    if (column) {
      column.lines.push(line);
      column.x0 = Math.min(column.x0, line.x0);
      column.x1 = Math.max(column.x1, line.x1);
    } else columns.push({ x0: line.x0, x1: line.x1, lines: [line] });
  }
  for (const column of columns) column.lines.sort((a, b) => b.top - a.top);
  return columns.sort((a, b) => a.x0 - b.x0).map((c) => c.lines);
}

function boxOf(line: Pick<Line, 'x0' | 'x1' | 'top' | 'bottom'>): Box {
  return round([line.x0, line.bottom, line.x1 - line.x0, line.top - line.bottom]);
}

function unionOf(lines: Pick<Line, 'x0' | 'x1' | 'top' | 'bottom'>[]): Box {
  return boxOf({
    x0: Math.min(...lines.map((l) => l.x0)),
    x1: Math.max(...lines.map((l) => l.x1)),
    top: Math.max(...lines.map((l) => l.top)),
    bottom: Math.min(...lines.map((l) => l.bottom)),
  });
}

const round = (box: Box): Box => box.map((v) => Math.round(v * 10) / 10) as Box;

function finish(draft: Draft, body: number): PageArticle {
  const head = draft.head;
  let jumpTo: string | undefined;
  let jumpFrom: string | undefined;
  let jumpToAt: Box | undefined;
  let jumpFromAt: Box | undefined;
  let byline: string | undefined;
  let deck: string[] = head ? head.decks.map((l) => l.text) : [];
  const captions: string[] = [];
  const text: Line[] = [];
  // (A caption over the head is a region of its own, not a column's top.)
  const over = draft.lines.filter((l) => l.caption);
  const columns = columnsOf(draft.lines.filter((l) => !l.caption));
  const ordered = columns.flat();
  captions.push(...over.map((l) => l.text));
  for (const line of ordered) {
    const jump = jumpIn(line.text);
    if ((jump.to || jump.from) && line.words.length <= 12) {
      if (jump.to && !jumpTo) {
        jumpTo = jump.to;
        jumpToAt = boxOf(line);
      }
      if (jump.from && !jumpFrom) {
        jumpFrom = jump.from;
        jumpFromAt = boxOf(line);
      }
      continue;
    }
    if (line.pull) continue;
    if (line.h >= 1.12 * body) {
      deck.push(line.text);
      continue;
    }
    // (A byline in capitals read by OCR measures as tall as the text: "BY ANNA BERG".)
    const capsByline = BYLINE.test(line.text) && inCapitals(line) && line.words.length <= 8;
    if (line.h < 0.93 * body || (capsByline && !byline && text.length === 0)) {
      if (!byline && text.length === 0 && (/^by\b/i.test(line.text) || line.words.length <= 8)) {
        byline = line.text;
        continue;
      }
      captions.push(line.text);
      continue;
    }
    text.push(line);
  }
  // A deck is set under the headline, before the text; bigger type further down is not one.
  if (deck.join(' ').split(/\s+/).length > 40) deck = [];
  const paragraphs = paragraphsOf(columnsOf(text));
  const headline = head ? joinLines(head.lines.map((l) => l.text)) : '';
  const bodyWords = paragraphs.reduce((n, p) => n + p.split(/\s+/).length, 0);
  const regions: Box[] = [];
  if (head) regions.push(unionOf([...head.lines, ...head.decks]));
  if (over.length) regions.push(unionOf(over));
  for (const column of columns) regions.push(unionOf(column));
  return {
    kind: kindOf(draft, bodyWords, body, jumpFrom !== undefined),
    headline,
    ...(deck.length && { deck: joinLines(deck) }),
    ...(byline && { byline }),
    paragraphs,
    captions,
    regions: regions.length ? regions : [unionOf(draft.lines)],
    ...(jumpTo && { jumpTo, jumpToAt }),
    ...(jumpFrom && { jumpFrom, jumpFromAt }),
    words: bodyWords + headline.split(/\s+/).filter(Boolean).length,
  };
}

const SELLING =
  /\$\s?\d|\b\d+\s?(?:cents|c\.)\b|\bprices?\b|\bfor sale\b|\bsale\b|\bcheap(?:est)?\b|\bcall\b|\bphone\b|\btel\.|\bdealers?\b|\bstore\b|\bgoods\b|\bbargains?\b|\bdiscount\b|\boffers?\b|\bfree\b/gi;

/**
 * What a block is. A story: 60 words of text and more, set mostly in the body
 * type. An ad: set mostly in display type (sizes far from the body's, the
 * signs of an advertisement), or short and selling (prices, "for sale", a
 * phone). A brief: a short item under its own headline. Short text with
 * neither is taken for an ad's fragment.
 */
function kindOf(draft: Draft, bodyWords: number, body: number, continued: boolean): ArticleKind {
  // A story's part on another page is a story however short ("Continued from page 1").
  if (continued && draft.head && bodyWords >= 20) return 'story';
  const lines = [...(draft.head?.lines ?? []), ...draft.lines];
  const display = lines.filter((l) => l.h >= 1.12 * body || l.h < 0.8 * body).length;
  const text = lines.map((l) => l.text).join(' ');
  const selling = text.match(SELLING)?.length ?? 0;
  if (display / lines.length >= 0.5 && bodyWords < 150) return 'ad';
  if (bodyWords >= 60) return selling >= Math.max(3, bodyWords / 40) ? 'ad' : 'story';
  if (selling >= 1) return 'ad';
  return draft.head && bodyWords >= 20 ? 'brief' : 'ad';
}

/** Lines joined into text, a word broken at a line's end made whole again. */
function joinLines(lines: string[]): string {
  let out = '';
  for (const line of lines) {
    if (!out) out = line;
    else if (/[a-zà-ÿ][-\u2010\u00ad]$/i.test(out) && /^[a-zà-ÿ]/.test(line))
      out = out.slice(0, -1) + line;
    else out = `${out} ${line}`;
  }
  return out;
}

/**
 * The text's paragraphs: a paragraph ends at a line that stops well short of
 * its column's width, or before a line set in from the column's edge.
 */
function paragraphsOf(columns: Line[][]): string[] {
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (const column of columns) {
    if (column.length === 0) continue;
    const left = Math.min(...column.map((l) => l.x0));
    const right = Math.max(...column.map((l) => l.x1));
    const width = right - left;
    column.forEach((line, i) => {
      const indented = line.x0 - left > 0.8 * line.h && i > 0;
      if (indented && current.length) {
        paragraphs.push(joinLines(current));
        current = [];
      }
      current.push(line.text);
      // Set ragged, a line stops short of the column anywhere: only one that ends a
      // sentence well short of the edge ends a paragraph.
      const short =
        right - line.x1 > Math.max(0.15 * width, 1.5 * line.h) && /[.!?:;"”’)]$/.test(line.text);
      if (short) {
        paragraphs.push(joinLines(current));
        current = [];
      }
    });
  }
  if (current.length) paragraphs.push(joinLines(current));
  return paragraphs;
}
