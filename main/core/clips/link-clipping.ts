/**
 * Where a clipped story was printed. The steps:
 *   1. the clipping's body as index tokens (at least MIN_WORDS of them);
 *   2. the editions to search: a window around the clipping's date (a story
 *      filed in the evening runs the next morning; wire copy runs days later),
 *      or the whole archive when it has none, or the caller's range;
 *   3. candidate pages: an FTS5 OR-query of the clipping's rarest words
 *      (document counts from the index's vocabulary), ranked by bm25;
 *   4. each candidate page is aligned with the clipping (align-story.ts);
 *      an edition's pages that each add enough new words, and mostly new
 *      ones, make up the story (a front-page story and its continuation);
 *   5. editions are ranked by their score: the fraction of the clipping they
 *      print, halved when the match does not include the story's first
 *      paragraph — desks trim from the end, so a partial match that misses
 *      the lede is more likely a follow-up reusing a background paragraph
 *      than the story; below FOUND_SCORE the answer is "not found", because
 *      a wrong link is worse than none;
 *   6. the best edition's matched words become regions and a print headline
 *      (story-regions.ts);
 *   7. the web story is diffed against the printed one (word-diff.ts).
 */

import { type Box, boundingBox } from '../../common/boxes.ts';
import { addDays } from '../../common/calendar.ts';
import type { LinkCandidate, LinkResult, ParsedClipping } from '../../common/clips.ts';
import { ApiError } from '../../common/errors.ts';
import { articleRef } from '../articles/article-at.ts';
import { type PageTokens, pageTokens, printedWords } from '../text/page-tokens.ts';
import { tokenize } from '../text/search-query.ts';
import type { PageRow, TextStore } from '../text/text-store.ts';
import { indexText, type Word } from '../words/page-words.ts';
import { alignTokens, type Pairs } from './align-story.ts';
import type { Clipping } from './assemble-clipping.ts';
import { type StoryRegions, storyRegions } from './story-regions.ts';
import { wordDiff } from './word-diff.ts';

export interface LinkRequest {
  source?: string;
  from?: string;
  to?: string;
}

/** Fewer words than this cannot tell one story from another by their share in print alone. */
export const MIN_WORDS = 25;
/**
 * A shorter item (an ad, a brief, a letter) of at least this many words is
 * linked only when nearly all its words are found in one place, and nowhere
 * else comes close: else "not found".
 */
export const MIN_SHORT_WORDS = 8;
/**
 * The share of a short item's words that must be found in print in one place;
 * another place printing that share too makes it ambiguous.
 */
const SHORT_FOUND = 0.85;
const SHORT_RIVAL = SHORT_FOUND;
/** A longer clipping is aligned on its first words only (a story, not a book). */
const MAX_TOKENS = 5000;
/** The share of the clipping that must be found in print for a link (see test/bench/linking). */
export const FOUND_SCORE = 0.2;
/** And at least this many words, whatever the share. */
const FOUND_WORDS = 20;
/** A further page belongs to the story if it prints this many words the first did not. */
const CONTINUATION_WORDS = 12;
const QUERY_TERMS = 40;
const RANKED_PAGES = 40;
const ALIGNED_PAGES = 12;
const DAYS_BEFORE = 1;
const DAYS_AFTER = 7;

/** Words too common to find a story by. */
const STOP = new Set(
  'about after also been before being between could from have into more most other over said says such than that their them then there these they this those through under were what when where which while will with would year years'.split(
    ' ',
  ),
);

interface AlignedPage {
  row: PageRow;
  words: Word[];
  tokens: PageTokens;
  pairs: Pairs;
  story: StoryRegions;
  clipTokens: Set<number>;
}

interface EditionMatch {
  pages: AlignedPage[];
  matched: number;
  score: number;
}

export function linkClipping(
  store: TextStore,
  clipping: Clipping,
  request: LinkRequest = {},
): LinkResult {
  // 1
  let body = tokenize(clipping.paragraphs.join('\n'));
  let parsed = parsedFields(clipping, body.length);
  // A short item (an ad, a brief, a letter) is all the words it was given, headline and
  // lines that are not sentences included: an ad is set in neither.
  const short = body.length < MIN_WORDS;
  if (short) {
    const given = tokenize(
      (clipping.blocks ?? [clipping.headline ?? '', ...clipping.paragraphs]).join('\n'),
    );
    const words = given.length;
    if (words === 0) throw new ApiError('invalid', 'The clipping has no article text to link.');
    if (words < MIN_SHORT_WORDS)
      throw new ApiError(
        'invalid',
        `The clipping is too short to link (${words} word${words === 1 ? '' : 's'}; at least ${MIN_SHORT_WORDS} are needed).`,
      );
    body = given;
    parsed = { ...parsed, words: given.length };
  }
  const clip = body.slice(0, MAX_TOKENS);
  const lede = short ? clip.length : tokenize(clipping.paragraphs[0] ?? '').length;

  // 2
  const day = clipping.published?.slice(0, 10);
  const from = request.from ?? (day && addDays(day, -DAYS_BEFORE));
  const to = request.to ?? (day && addDays(day, DAYS_AFTER));
  const filter = {
    ...(request.source && { source: request.source }),
    ...(from && { from }),
    ...(to && { to }),
  };
  const coverage = store.coverage(filter);
  const searched: LinkResult['searched'] = {
    sources: coverage.sources,
    pages: coverage.pages,
    unreadable: coverage.unreadable,
    ...((from ?? coverage.from) && { from: from ?? coverage.from }),
    ...((to ?? coverage.to) && { to: to ?? coverage.to }),
  };
  const notFound = (candidates: LinkCandidate[] = [], matched = 0): LinkResult => ({
    found: false,
    pages: [],
    regions: [],
    score: candidates[0]?.score ?? 0,
    matched: round(matched),
    headline: { ...(clipping.headline && { web: clipping.headline }) },
    candidates,
    parsed,
    searched,
  });

  // 3
  const counts = store.documentCounts(
    clip.filter((token) => token.length >= 4 && !STOP.has(token) && !/^\d+$/.test(token)),
  );
  const terms = [...counts]
    .filter(([, count]) => count > 0)
    .sort((a, b) => a[1] - b[1])
    .slice(0, QUERY_TERMS)
    .map(([term]) => `"${term}"`);
  if (terms.length === 0) return notFound();
  const ranked = store.rank(terms.join(' OR '), filter, RANKED_PAGES);

  // 4: the top pages, and every ranked page of the editions they are in.
  const topEditions = new Set(ranked.slice(0, ALIGNED_PAGES).map((row) => row.edition));
  const alignable = ranked.filter((row, i) => i < ALIGNED_PAGES || topEditions.has(row.edition));
  // Their words read in one statement (test/bench/search: 3 ms cold for 20 pages, 7–11 one by one).
  const pages = store.wordsOf(alignable.map((row) => row.id));
  const aligned = alignable.map((row): AlignedPage => {
    const words = pages.get(row.id)!;
    const tokens = pageTokens(words);
    const aligned = alignTokens(clip, tokens.tokens);
    const printed = printedWords(
      tokens,
      aligned.map(([, j]) => j),
    );
    // Only what lies in the story's regions counts: not the same sentences elsewhere on the
    // page. A short item is too few words to make regions of: it is where its words are
    // (and, at step 6, the article they sit in).
    const story = short ? wordsRegion(words, printed) : storyRegions(words, printed);
    const inStory = new Set(story.words);
    const pairs = aligned.filter(([, j]) => printedWords(tokens, [j]).some((w) => inStory.has(w)));
    return { row, words, tokens, pairs, story, clipTokens: new Set(pairs.map(([i]) => i)) };
  });
  const editions = new Map<string, AlignedPage[]>();
  for (const page of aligned) {
    if (page.pairs.length === 0) continue;
    const list = editions.get(page.row.edition) ?? [];
    list.push(page);
    editions.set(page.row.edition, list);
  }
  const matches: EditionMatch[] = [...editions.values()].map((pages) => {
    pages.sort((a, b) => b.pairs.length - a.pairs.length);
    const covered = new Set<number>();
    const story: AlignedPage[] = [];
    for (const page of pages) {
      const fresh = [...page.clipTokens].filter((i) => !covered.has(i)).length;
      // A continuation prints what the first page did not; a page that mostly repeats
      // covered words (stock sentences shared with other stories) is not one.
      if (story.length > 0 && (fresh < CONTINUATION_WORDS || fresh < page.clipTokens.size / 2))
        continue;
      story.push(page);
      for (const i of page.clipTokens) covered.add(i);
    }
    // The story starts on the page that prints the clipping's beginning (a jump goes on elsewhere).
    const first = (page: AlignedPage) => Math.min(...page.clipTokens);
    story.sort((a, b) => first(a) - first(b));
    const fraction = covered.size / clip.length;
    const hasLede = [...covered].some((i) => i < lede);
    return { pages: story, matched: covered.size, score: hasLede ? fraction : fraction / 2 };
  });
  matches.sort((a, b) => b.score - a.score);
  const at = (page: AlignedPage) =>
    page.story.regions.map((r) => ({ page: page.row.page, x: r.x, y: r.y, w: r.w, h: r.h }));
  /**
   * Whether a short item's words are found nearly as well somewhere else: on
   * another page of its edition, or in another edition at another place (the
   * same ad in the same place of another paper's same pages is the same item).
   */
  const rivalled = (best: EditionMatch) => {
    const place = best.pages[0]!;
    // A rival prints the item's words in one run, as the item does: scattered pieces
    // (its headline repeated over a jump, stock phrases) are not the item again.
    const elsewhere = aligned.filter(
      (page) =>
        page.row.edition === place.row.edition &&
        page !== place &&
        longestRun(page.pairs) / clip.length >= SHORT_RIVAL,
    );
    const other = matches.find(
      (m) =>
        m !== best &&
        longestRun(m.pages[0]!.pairs) / clip.length >= SHORT_RIVAL &&
        !(m.pages[0]!.row.page === place.row.page && overlap(at(m.pages[0]!), at(place)) >= 0.5),
    );
    return elsewhere.length > 0 || other !== undefined;
  };

  // 5
  const candidates = matches.map(
    (match): LinkCandidate => ({
      edition: match.pages[0]!.row.edition,
      source: match.pages[0]!.row.source,
      date: match.pages[0]!.row.date,
      page: match.pages[0]!.row.page,
      pages: match.pages.map((p) => p.row.page).sort((a, b) => a - b),
      score: round(match.score),
      linked: match.score >= FOUND_SCORE && match.matched >= FOUND_WORDS,
    }),
  );
  const best = matches[0];
  const score = candidates[0]?.score ?? 0;
  const found = short
    ? best !== undefined && best.matched / clip.length >= SHORT_FOUND && !rivalled(best)
    : best !== undefined && score >= FOUND_SCORE && best.matched >= FOUND_WORDS;
  if (!best || !found) return notFound(candidates, (best?.matched ?? 0) / clip.length);

  // 6
  const regions: LinkResult['regions'] = [];
  let printHeadline: string | undefined;
  for (const page of best.pages) {
    printHeadline ??= page.story.headline;
    for (const rect of page.story.regions)
      regions.push({ page: page.row.page, ...roundRect(rect) });
  }
  const main = best.pages[0]!.row;
  // The article the story was found in, where the page's articles are known: it names the
  // link, and where it agrees with the matched words its regions are the story's (a short
  // item's are the block it sits in).
  const mainRegions = regions.filter((r) => r.page === main.page);
  const article = articleOfRegions(store, main.edition, main.page, mainRegions);
  if (article && (short || agrees(article.regions, mainRegions))) {
    regions.splice(
      0,
      regions.length,
      ...article.regions,
      ...regions.filter((r) => r.page !== main.page),
    );
  }
  // 7: what print changed, against the story's printed body in reading order.
  const printed = best.pages.flatMap(
    (page) => indexText(page.story.body.map((i) => page.words[i]!)).words,
  );
  const diff = wordDiff(clipping.paragraphs.join(' ').split(/\s+/), printed);
  return {
    found: true,
    edition: main.edition,
    source: main.source,
    date: main.date,
    page: main.page,
    pages: candidates[0]!.pages,
    regions,
    ...(article && { article: { id: article.id, headline: article.headline } }),
    ...(best.pages[0]!.story.columns && { columns: best.pages[0]!.story.columns }),
    score,
    matched: round(best.matched / clip.length),
    headline: {
      ...(clipping.headline && { web: clipping.headline }),
      ...(printHeadline && { print: printHeadline }),
    },
    diff,
    candidates: candidates.slice(1, 6),
    parsed,
    searched,
  };
}

type Region = LinkResult['regions'][number];

/** The most clipping words aligned one after another, in print as in the clipping. */
function longestRun(pairs: Pairs): number {
  const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
  let best = 0;
  let run = 0;
  sorted.forEach(([i, j], k) => {
    const prev = sorted[k - 1];
    run = prev && prev[0] === i - 1 && j > prev[1] && j - prev[1] <= 2 ? run + 1 : 1;
    best = Math.max(best, run);
  });
  return best;
}

/** A short item's place: the box of the words it matched, as one region. */
function wordsRegion(words: Word[], printed: number[]): StoryRegions {
  const at = printed.map((i) => words[i]!).filter(Boolean);
  if (at.length === 0) return { regions: [], words: [], body: [] };
  const [x, y, w, h] = boundingBox(at.map((word): Box => [word.x, word.y, word.w, word.h]));
  return { regions: [{ x, y, w, h }], words: printed, body: printed };
}

const unionOf = (rs: Region[]) => {
  const [x, y, w, h] = boundingBox(rs.map((r): Box => [r.x, r.y, r.w, r.h]));
  return { x, y, w, h };
};

function intersection(a: Region[], b: Region[]): { inter: number; a: number; b: number } {
  const [p, q] = [unionOf(a), unionOf(b)];
  const w = Math.min(p.x + p.w, q.x + q.w) - Math.max(p.x, q.x);
  const h = Math.min(p.y + p.h, q.y + q.h) - Math.max(p.y, q.y);
  return { inter: Math.max(0, w) * Math.max(0, h), a: p.w * p.h, b: q.w * q.h };
}

/** IoU of the two sets' bounding boxes. */
function overlap(a: Region[], b: Region[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const { inter, a: areaA, b: areaB } = intersection(a, b);
  return inter / (areaA + areaB - inter);
}

/** How much of `inner`'s bounding box lies in `outer`'s regions. */
function inside(inner: Region[], outer: Region[]): number {
  if (inner.length === 0 || outer.length === 0) return 0;
  const box = unionOf(inner);
  const area = Math.max(box.w * box.h, 1e-6);
  let covered = 0;
  for (const region of outer) covered += intersection([box as Region], [region]).inter;
  return Math.min(1, covered / area);
}

/** Whether an article's regions and the matched words' are the same story's (IoU ≥ 0.5). */
const agrees = (article: Region[], matched: Region[]) => overlap(article, matched) >= 0.5;

/** The article on a page the matched words lie in (the most of them). */
function articleOfRegions(store: TextStore, edition: string, page: number, matched: Region[]) {
  const articles = store.pageArticles(edition, page)?.articles;
  if (!articles || matched.length === 0) return undefined;
  let best: { index: number; score: number } | undefined;
  articles.forEach((a, index) => {
    if (a.kind === 'furniture') return;
    // The article that holds the matched words: their box lies mostly in its regions.
    const score = inside(
      matched,
      a.regions.map(([x, y, w, h]) => ({ page, x, y, w, h })),
    );
    if (score >= 0.5 && (!best || score > best.score)) best = { index, score };
  });
  return best && articleRef(edition, page, articles, best.index);
}

function parsedFields(clipping: Clipping, words: number): ParsedClipping {
  const { paragraphs: _, blocks: __, ...fields } = clipping;
  return { ...fields, words };
}

const round = (n: number) => Math.round(n * 1000) / 1000;
const roundRect = (r: { x: number; y: number; w: number; h: number }) => ({
  x: Math.round(r.x * 10) / 10,
  y: Math.round(r.y * 10) / 10,
  w: Math.round(r.w * 10) / 10,
  h: Math.round(r.h * 10) / 10,
});
