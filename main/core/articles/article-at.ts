/** Naming a page's article from outside the articles: what a search hit or a link is in. */
import { type Article, articleId } from '../../common/articles.ts';
import type { Box, PageArticle } from './segment-page.ts';

export type ArticleRef = Pick<Article, 'id' | 'headline' | 'regions'>;

/** A page's article (the n-th, from 0, in its reading order) as the contract names it. */
export function articleRef(
  edition: string,
  page: number,
  articles: PageArticle[],
  index: number,
): ArticleRef {
  const found = articles[index]!;
  return {
    id: articleId(edition, page, index + 1),
    headline: found.headline,
    regions: found.regions.map(([x, y, w, h]) => ({ page, x, y, w, h })),
  };
}

/** The article a box on a page is in: the one whose regions hold the box's centre. */
export function articleAt(
  edition: string,
  page: number,
  articles: PageArticle[],
  box: Box,
): ArticleRef | undefined {
  const [x, y, w, h] = box;
  const cx = x + w / 2;
  const cy = y + h / 2;
  const index = articles.findIndex(
    (a) =>
      a.kind !== 'furniture' &&
      a.regions.some(([rx, ry, rw, rh]) => cx >= rx && cx <= rx + rw && cy >= ry && cy <= ry + rh),
  );
  return index < 0 ? undefined : articleRef(edition, page, articles, index);
}
