/**
 * articles.*: an edition's articles. A page's are found when it is indexed (in
 * the PDF workers, with its words); a page read by OCR, or segmented by an
 * older version of the rules, has them found again here, in a worker, and kept.
 */
import type { Article } from '../../common/articles.ts';
import { parseArticleId } from '../../common/articles.ts';
import type { Edition } from '../../common/domain.ts';
import { ApiError } from '../../common/errors.ts';
import { editionArticles, type PageArticles } from '../articles/edition-articles.ts';
import { pdfPool } from '../pdf/pdf-pool.ts';
import type { AreaHandlers, HandlerContext } from './context.ts';

export function articleHandlers({
  archive,
  indexer,
}: HandlerContext): AreaHandlers<'articles.list' | 'articles.get'> {
  async function pageArticles(edition: Edition, n: number): Promise<PageArticles> {
    const page = edition.pages.find((p) => p.n === n)!;
    const stored = indexer.store.pageArticles(edition.id, n);
    const label = page.label ? { label: page.label } : {};
    if (!stored) return { page: n, ...label, articles: [] };
    if (stored.articles) return { page: n, ...label, articles: stored.articles };
    const words = indexer.store.page(edition.id, n)?.words ?? [];
    const articles =
      words.length === 0
        ? []
        : await pdfPool().segment(
            words,
            { width: page.width, height: page.height },
            `${edition.id} p.${n}`,
          );
    indexer.store.setPageArticles(edition.id, n, articles);
    return { page: n, ...label, articles };
  }

  async function articlesOf(id: string, signal: AbortSignal): Promise<Article[]> {
    await indexer.ensureIndexed(id, signal);
    const edition = archive.get(id);
    const pages: PageArticles[] = [];
    // One page at a time: a page to segment again goes to a worker, not the event loop.
    for (const page of edition.pages) {
      signal.throwIfAborted();
      pages.push(await pageArticles(edition, page.n));
    }
    return editionArticles(id, pages);
  }

  return {
    'articles.list': async ({ edition, page }, { signal }) => {
      const articles = await articlesOf(edition, signal);
      if (page === undefined) return { articles };
      if (!archive.get(edition).pages.some((p) => p.n === page))
        throw new ApiError('not-found', `${edition} has no page ${page}.`);
      return { articles: articles.filter((a) => a.page === page) };
    },
    'articles.get': async ({ id }, { signal }) => {
      const { edition } = parseArticleId(id);
      const found = (await articlesOf(edition, signal)).find((a) => a.id === id);
      if (!found) throw new ApiError('not-found', `No article ${id}.`);
      return found;
    },
  };
}
