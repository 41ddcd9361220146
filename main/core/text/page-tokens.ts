/**
 * A page's text as the index sees it, token by token, with the way back to the
 * printed words: token → indexed word → printed words (two when a line-end
 * hyphen was joined). Search highlights and the clip linker both stand on it.
 */
import { type IndexedText, indexText, printedOf, type Word } from '../words/page-words.ts';
import { plainToken, tokenize } from './search-query.ts';

export interface PageTokens {
  tokens: string[];
  /** For each token, the indexed word it belongs to. */
  indexWord: number[];
  indexed: IndexedText;
}

export function pageTokens(words: Word[]): PageTokens {
  const indexed = indexText(words);
  const tokens: string[] = [];
  const indexWord: number[] = [];
  const all = indexed.words;
  for (let i = 0; i < all.length; i++) {
    const word = all[i]!;
    if (plainToken(word)) {
      tokens.push(word.toLowerCase());
      indexWord.push(i);
      continue;
    }
    for (const token of tokenize(word)) {
      tokens.push(token);
      indexWord.push(i);
    }
  }
  return { tokens, indexWord, indexed };
}

/** The printed words (indexes into the page's words) behind a set of tokens, in page order. */
export function printedWords(page: PageTokens, tokenIndexes: Iterable<number>): number[] {
  const printed = new Set<number>();
  for (const t of tokenIndexes)
    for (const source of printedOf(page.indexed, page.indexWord[t]!)) printed.add(source);
  return [...printed].sort((a, b) => a - b);
}
