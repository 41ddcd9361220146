/**
 * Where a search's terms are on a page: the boxes of the printed words that
 * match (a phrase across a hyphenated line end lights up both halves), and a
 * snippet of the text around the first match.
 */

import { indexedOf, normalise, type Word } from '../words/page-words.ts';
import { pageTokens, printedWords } from './page-tokens.ts';
import type { QueryTerm } from './search-query.ts';

export type Box = [number, number, number, number];

export interface PageHits {
  boxes: Box[];
  snippet: string;
}

const CONTEXT_WORDS = 12;

export function findHits(words: Word[], terms: QueryTerm[]): PageHits {
  const page = pageTokens(words);
  const matchedWords = new Set<number>();
  const { tokens } = page;
  const matched = new Set<number>();
  const partial: Box[] = [];
  for (const term of terms) {
    if (term.substring) {
      // Scripts without word breaks: the string inside a printed word, its box cut to it.
      words.forEach((word, i) => {
        const text = normalise(word.text).normalize('NFKC').toLowerCase();
        for (
          let at = text.indexOf(term.substring!);
          at >= 0;
          at = text.indexOf(term.substring!, at + 1)
        ) {
          const perChar = word.w / Math.max(1, text.length);
          partial.push([word.x + perChar * at, word.y, perChar * term.substring!.length, word.h]);
          matchedWords.add(indexedOf(page.indexed, i));
        }
      });
      continue;
    }
    const wanted = term.tokens;
    const last = wanted.length - 1;
    const matches = (have: string, k: number) =>
      k === last && term.prefix ? have.startsWith(wanted[k]!) : have === wanted[k];
    const end = tokens.length - last;
    // Where the first token is a whole word, the places it occurs are found natively.
    const exactFirst = last > 0 || !term.prefix;
    for (
      let start = exactFirst ? tokens.indexOf(wanted[0]!) : 0;
      start >= 0 && start < end;
      start = exactFirst ? tokens.indexOf(wanted[0]!, start + 1) : start + 1
    ) {
      let k = 0;
      while (k <= last && matches(tokens[start + k]!, k)) k++;
      if (k <= last) continue;
      for (k = 0; k <= last; k++) matched.add(start + k);
    }
  }
  const boxes = printedWords(page, matched).map((i) => {
    const w = words[i]!;
    return [w.x, w.y, w.w, w.h] as Box;
  });
  boxes.push(...partial);
  for (const t of matched) matchedWords.add(page.indexWord[t]!);
  return { boxes, snippet: snippet(page.indexed.words, matchedWords) };
}

function snippet(words: string[], matched: Set<number>): string {
  if (words.length === 0) return '';
  const first = matched.size ? Math.min(...matched) : 0;
  const from = Math.max(0, first - CONTEXT_WORDS);
  const to = Math.min(words.length, first + CONTEXT_WORDS + 1);
  const body = words
    .slice(from, to)
    .map((word, i) => (matched.has(from + i) ? `«${word}»` : word))
    .join(' ');
  return `${from > 0 ? '… ' : ''}${body}${to < words.length ? ' …' : ''}`;
}
