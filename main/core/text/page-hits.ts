/**
 * Where a search's terms are on a page: the boxes of the printed words that
 * match (a phrase across a hyphenated line end lights up both halves), and a
 * snippet of the text around the first match.
 */
import { indexText, type Word } from './page-words.ts';
import { type QueryTerm, tokenize } from './search-query.ts';

export type Box = [number, number, number, number];

export interface PageHits {
  boxes: Box[];
  snippet: string;
}

const CONTEXT_WORDS = 12;

export function findHits(words: Word[], terms: QueryTerm[]): PageHits {
  const indexed = indexText(words);
  const indexWords = indexed.text.split(' ');
  // Every token of the page with the index word it belongs to.
  const tokens: { token: string; word: number }[] = [];
  indexWords.forEach((word, i) => {
    for (const token of tokenize(word)) tokens.push({ token, word: i });
  });
  const matched = new Set<number>();
  for (const term of terms) {
    for (let start = 0; start + term.tokens.length <= tokens.length; start++) {
      const ok = term.tokens.every((want, k) => {
        const have = tokens[start + k]!.token;
        const last = k === term.tokens.length - 1;
        return last && term.prefix ? have.startsWith(want) : have === want;
      });
      if (!ok) continue;
      for (let k = 0; k < term.tokens.length; k++) matched.add(tokens[start + k]!.word);
    }
  }
  const printed = new Set<number>();
  for (const i of matched) for (const source of indexed.sources[i]!) printed.add(source);
  const boxes = [...printed]
    .sort((a, b) => a - b)
    .map((i) => {
      const w = words[i]!;
      return [w.x, w.y, w.w, w.h] as Box;
    });
  return { boxes, snippet: snippet(indexWords, matched) };
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
