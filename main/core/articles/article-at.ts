/** The article a box on a page is in: the one whose regions hold the box's centre. */
import { type Article, articleId } from '../../common/articles.ts';
import type { Box, PageArticle } from './segment-page.ts';

export function articleAt(
  edition: string,
  page: number,
  articles: PageArticle[],
  box: Box,
): Pick<Article, 'id' | 'headline' | 'regions'> | undefined {
  const [x, y, w, h] = box;
  const cx = x + w / 2;
  const cy = y + h / 2;
  const index = articles.findIndex(
    (a) =>
      a.kind !== 'furniture' &&
      a.regions.some(([rx, ry, rw, rh]) => cx >= rx && cx <= rx + rw && cy >= ry && cy <= ry + rh),
  );
  if (index < 0) return undefined;
  const found = articles[index]!;
  return {
    id: articleId(edition, page, index + 1),
    headline: found.headline,
    regions: found.regions.map(([rx, ry, rw, rh]) => ({ page, x: rx, y: ry, w: rw, h: rh })),
  };
}
