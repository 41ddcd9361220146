/**
 * An edition's articles from its pages' (segment-page.ts): each given its id,
 * and the two parts of a story that jumps paired — "Continued on page 6" on
 * page 1 with "Continued from page 1" on page 6 (or, where the second part
 * does not say where it came from, the story there whose headline shares the
 * most words with the first's).
 */
import type { Article } from '../../common/articles.ts';
import { articleRef } from './article-at.ts';
import type { PageArticle } from './segment-page.ts';

export interface PageArticles {
  page: number;
  /** The page's printed label (A3), when it has one. */
  label?: string;
  articles: PageArticle[];
}

const STOP = new Set([
  'the',
  'a',
  'an',
  'of',
  'in',
  'on',
  'for',
  'to',
  'and',
  'at',
  'from',
  'with',
  'by',
]);
const headWords = (headline: string) =>
  new Set(
    headline
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 1 && !STOP.has(w)),
  );

export function editionArticles(edition: string, pages: PageArticles[]): Article[] {
  const byLabel = new Map<string, number>();
  for (const { page, label } of pages) {
    byLabel.set(String(page), page);
    if (label) byLabel.set(label.toUpperCase(), page);
  }
  const labelOf = new Map(
    pages.map(({ page, label }) => [page, (label ?? String(page)).toUpperCase()]),
  );
  const all: (Article & { source: PageArticle })[] = pages.flatMap(({ page, articles }) =>
    articles.map((source, i) => {
      const { id, headline, regions } = articleRef(edition, page, articles, i);
      // In the order the contract documents its fields.
      return {
        id,
        edition,
        page,
        kind: source.kind,
        headline,
        ...(source.deck && { deck: source.deck }),
        ...(source.byline && { byline: source.byline }),
        paragraphs: source.paragraphs,
        captions: source.captions,
        regions,
        source,
      };
    }),
  );
  for (const first of all) {
    const to = first.source.jumpTo;
    if (!to) continue;
    const target = byLabel.get(to);
    const there = all.filter(
      (a) => a.page === target && a.kind !== 'furniture' && !a.continuedFrom,
    );
    const from = labelOf.get(first.page);
    const saying = there.filter(
      (a) => a.source.jumpFrom && byLabel.get(a.source.jumpFrom) === first.page,
    );
    const mine = headWords(first.headline);
    const overlap = (a: Article) => [...headWords(a.headline)].filter((w) => mine.has(w)).length;
    const best = (list: typeof there) =>
      list.length <= 1 ? list[0] : [...list].sort((a, b) => overlap(b) - overlap(a))[0];
    const second = best(saying) ?? best(there.filter((a) => !a.source.jumpFrom && overlap(a) > 0));
    if (!second || !from) continue;
    const at = (page: number, box?: [number, number, number, number]) =>
      box ? { at: { page, x: box[0], y: box[1], w: box[2], h: box[3] } } : {};
    first.continues = {
      page: second.page,
      article: second.id,
      ...at(first.page, first.source.jumpToAt),
    };
    second.continuedFrom = {
      page: first.page,
      article: first.id,
      ...at(second.page, second.source.jumpFromAt),
    };
  }
  return all.map(({ source, ...article }) => {
    const unpaired = {
      ...(source.jumpTo && !article.continues && { to: source.jumpTo }),
      ...(source.jumpFrom && !article.continuedFrom && { from: source.jumpFrom }),
    };
    return Object.keys(unpaired).length ? { ...article, jump: unpaired } : article;
  });
}
