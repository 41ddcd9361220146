/**
 * Local alignment of a clipping's tokens against a page's tokens (in the
 * page's reading order), in the manner of text-reuse detection: seeds are
 * three consecutive words that match, each seed is extended along its
 * diagonal across small differences, and a run counts when it is long enough
 * not to be a stock phrase. Runs are found independently, so reading order
 * that jumps between columns or stories only breaks a run, never the match.
 * Of the runs, the story is the heaviest chain that keeps its order on both
 * sides (a story reads on down its columns, so its runs come in the same
 * order on the page as in the clipping); runs out of that order are the same
 * sentences in other stories.
 *
 * The differences an extension steps over, tried in this order:
 *   1. one word changed on both sides (an OCR-garbled word, a print edit);
 *   2. one or two clipping words missing from print (trimmed copy);
 *   3. one or two print words missing from the clipping (inserted words,
 *      stray words from a neighbouring column or a caption).
 */
import { FuzzyVocabulary } from './fuzzy-match.ts';

/** Matched pairs of [clipping token, page token], by clipping order. */
export type Pairs = [number, number][];

/** A run shorter than this is taken for a stock phrase ("the presidential office said"). */
export const MIN_RUN = 5;
const SEED = 3;

export function alignTokens(clip: readonly string[], page: readonly string[]): Pairs {
  const vocabulary = new FuzzyVocabulary(page);
  const similar = clip.map((token) => vocabulary.similar(token));
  const positions = new Map<string, number[]>();
  page.forEach((token, j) => {
    const list = positions.get(token);
    if (list) list.push(j);
    else positions.set(token, [j]);
  });
  const pageTaken = new Uint8Array(page.length);
  const eq = (i: number, j: number) =>
    i >= 0 &&
    j >= 0 &&
    i < clip.length &&
    j < page.length &&
    pageTaken[j] === 0 &&
    similar[i]!.has(page[j]!);

  const runs: Pairs[] = [];
  let i = 0;
  while (i + SEED <= clip.length) {
    let best: Pairs | undefined;
    for (const word of similar[i]!) {
      for (const j of positions.get(word) ?? []) {
        if (pageTaken[j] || !eq(i + 1, j + 1) || !eq(i + 2, j + 2)) continue;
        const run = extend(i, j, eq, clip.length, page.length);
        if (!best || run.length > best.length) best = run;
      }
    }
    if (best && best.length >= MIN_RUN) {
      for (const [, j] of best) pageTaken[j] = 1;
      runs.push(best);
      i = best.at(-1)![0] + 1;
    } else {
      i++;
    }
  }
  return orderedChain(runs).flat();
}

/** The runs, in clipping order, that form the heaviest chain increasing on the page too. */
function orderedChain(runs: Pairs[]): Pairs[] {
  const start = (run: Pairs) => run[0]![1];
  const end = (run: Pairs) => run.at(-1)![1];
  const weight: number[] = [];
  const previous: number[] = [];
  runs.forEach((run, k) => {
    weight[k] = run.length;
    previous[k] = -1;
    for (let q = 0; q < k; q++)
      if (end(runs[q]!) < start(run) && weight[q]! + run.length > weight[k]!) {
        weight[k] = weight[q]! + run.length;
        previous[k] = q;
      }
  });
  let last = weight.indexOf(Math.max(...weight));
  const chain: Pairs[] = [];
  for (; last >= 0; last = previous[last]!) chain.unshift(runs[last]!);
  return chain;
}

function extend(
  i0: number,
  j0: number,
  eq: (i: number, j: number) => boolean,
  n: number,
  m: number,
): Pairs {
  const run: Pairs = [];
  let i = i0;
  let j = j0;
  const take = eq;
  while (i < n && j < m) {
    if (take(i, j)) {
      run.push([i, j]);
      i++;
      j++;
      continue;
    }
    // The steps of the header comment, each confirmed by the two words after it.
    if (take(i + 1, j + 1) && take(i + 2, j + 2)) {
      i++;
      j++;
    } else if (take(i + 1, j) && take(i + 2, j + 1)) i += 1;
    else if (take(i + 2, j) && take(i + 3, j + 1)) i += 2;
    else if (take(i, j + 1) && take(i + 1, j + 2)) j += 1;
    else if (take(i, j + 2) && take(i + 1, j + 3)) j += 2;
    else break;
  }
  return run;
}
