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
import type { LinkCandidate, LinkResult, ParsedClipping } from '../../common/clips.ts';
import { ApiError } from '../../common/errors.ts';
import { addDays } from '../dates.ts';
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

/** Fewer words than this cannot tell one story from another. */
export const MIN_WORDS = 25;
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
  const body = tokenize(clipping.paragraphs.join('\n'));
  const parsed = parsedFields(clipping, body.length);
  if (body.length < MIN_WORDS) {
    // A few words may have been read as a headline; they are still the clipping's words.
    const words = body.length || tokenize(clipping.headline ?? '').length;
    throw new ApiError(
      'invalid',
      words === 0
        ? 'The clipping has no article text to link.'
        : `The clipping is too short to link (${words} word${words === 1 ? '' : 's'}; at least ${MIN_WORDS} are needed).`,
    );
  }
  const clip = body.slice(0, MAX_TOKENS);
  const lede = tokenize(clipping.paragraphs[0] ?? '').length;

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
  const aligned = ranked
    .filter((row, i) => i < ALIGNED_PAGES || topEditions.has(row.edition))
    .map((row): AlignedPage => {
      const words = store.words(row.id);
      const tokens = pageTokens(words);
      const aligned = alignTokens(clip, tokens.tokens);
      // Only what lies in the story's regions counts: not the same sentences elsewhere on the page.
      const story = storyRegions(
        words,
        printedWords(
          tokens,
          aligned.map(([, j]) => j),
        ),
      );
      const inStory = new Set(story.words);
      const pairs = aligned.filter(([, j]) =>
        printedWords(tokens, [j]).some((w) => inStory.has(w)),
      );
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
  if (!best || score < FOUND_SCORE || best.matched < FOUND_WORDS)
    return notFound(candidates, (best?.matched ?? 0) / clip.length);

  // 6
  const regions: LinkResult['regions'] = [];
  let printHeadline: string | undefined;
  for (const page of best.pages) {
    printHeadline ??= page.story.headline;
    for (const rect of page.story.regions)
      regions.push({ page: page.row.page, ...roundRect(rect) });
  }
  const main = best.pages[0]!.row;
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

function parsedFields(clipping: Clipping, words: number): ParsedClipping {
  const { paragraphs: _, ...fields } = clipping;
  return { ...fields, words };
}

const round = (n: number) => Math.round(n * 1000) / 1000;
const roundRect = (r: { x: number; y: number; w: number; h: number }) => ({
  x: Math.round(r.x * 10) / 10,
  y: Math.round(r.y * 10) / 10,
  w: Math.round(r.w * 10) / 10,
  h: Math.round(r.h * 10) / 10,
});
