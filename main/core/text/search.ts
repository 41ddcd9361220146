/**
 * Search across the archive: pages ranked by bm25, with each result page's hit
 * boxes and a snippet computed only for the page of results shown.
 */

import type { Article } from '../../common/articles.ts';
import type { Word } from '../words/page-words.ts';
import { type Box, findHits } from './page-hits.ts';
import { parseQuery } from './search-query.ts';
import type { MatchFilter, TextStore } from './text-store.ts';

export interface SearchRequest extends MatchFilter {
  q: string;
  limit?: number;
  offset?: number;
  /** Best matches first (the default), or the newest editions first. */
  sort?: 'relevance' | 'newest';
}

export interface SearchHit {
  edition: string;
  source: string;
  date: string;
  page: number;
  snippet: string;
  boxes: Box[];
  /** The story the first hit is in (named by the handler, from the page's articles). */
  article?: Pick<Article, 'id' | 'headline' | 'regions'>;
}

export interface SearchResult {
  total: number;
  /** False when more pages match than were counted (total is then a lower bound). */
  exact: boolean;
  tookMs: number;
  hits: SearchHit[];
}

export function searchArchive(store: TextStore, request: SearchRequest): SearchResult {
  const started = performance.now();
  const query = parseQuery(request.q);
  const limit = request.limit ?? 20;
  const offset = request.offset ?? 0;
  const { total, exact, rows } = query.substring
    ? store.matchSubstring(query.substring, request, limit, offset)
    : store.match(query.fts, request, limit, offset, request.sort);
  const pages = store.wordsOf(rows.map((row) => row.id));
  const hits = rows.map((row) => {
    const words: Word[] = pages.get(row.id)!;
    const { boxes, snippet } = findHits(words, query.terms);
    return {
      edition: row.edition,
      source: row.source,
      date: row.date,
      page: row.page,
      snippet,
      boxes,
    };
  });
  return { total, exact, tookMs: Math.round((performance.now() - started) * 10) / 10, hits };
}
