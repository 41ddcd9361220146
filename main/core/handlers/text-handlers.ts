/**
 * search.query, text.page and text.ocr: the archive's text. Each makes sure what
 * it reads is indexed first: the caller never has to.
 */
import type { EventPayload, Result } from '../../common/api.ts';
import { ApiError } from '../../common/errors.ts';
import { articleAt } from '../articles/article-at.ts';
import { indexText } from '../words/page-words.ts';
import type { AreaHandlers, HandlerContext } from './context.ts';

export function textHandlers({
  archive,
  indexer,
  ocr,
  searches,
  hub,
  track,
}: HandlerContext): AreaHandlers<'search.query' | 'text.page' | 'text.ocr'> {
  return {
    'search.query': async (args) => {
      // Every edition in the archive is searched, those just arrived included.
      await indexer.catchUp();
      const result = await searches.search(args);
      // Each hit names the story it is in, where the page's articles are known.
      for (const hit of result.hits) {
        const articles =
          hit.boxes[0] && indexer.store.pageArticles(hit.edition, hit.page)?.articles;
        const article = articles && articleAt(hit.edition, hit.page, articles, hit.boxes[0]!);
        if (article) hit.article = article;
      }
      return result;
    },
    'text.page': async ({ edition, page }, { signal }) => {
      await indexer.ensureIndexed(edition, signal);
      const stored = indexer.store.page(edition, page);
      if (!stored) {
        archive.get(edition);
        throw new ApiError(
          'not-found',
          `No text for page ${page} of ${edition} (not indexed yet, or no such page).`,
        );
      }
      return {
        edition,
        page,
        quality: stored.quality,
        text: indexText(stored.words).text,
        words: stored.words.map((w) => ({
          text: w.text,
          box: [w.x, w.y, w.w, w.h] as [number, number, number, number],
        })),
      };
    },
    'text.ocr': (args, { signal }) =>
      track(signal, async (combined) => {
        if (args.edition) archive.get(args.edition);
        // A page is known to need OCR once its edition is indexed.
        await indexer.catchUp();
        const total = indexer.store
          .unreadable()
          .filter((p) => !args.edition || p.edition === args.edition).length;
        const report: Result<'text.ocr'> = { pages: 0, read: [], failed: [] };
        if (total === 0) return report;
        // A page's step, or its outcome, with how far the run is.
        const told = (page: Omit<EventPayload<'ocr.progress'>, 'done' | 'total'>) =>
          hub.emit('ocr.progress', {
            ...page,
            done: report.read.length + report.failed.length,
            total,
          });
        hub.emit('ocr.progress', { done: 0, total });
        await ocr.run({
          ...(args.edition && { edition: args.edition }),
          signal: combined,
          onStep: told,
          onPage: (page) => {
            report.read.push(page);
            told(page);
          },
          onFailed: (failure) => {
            report.failed.push(failure);
            told(failure);
          },
        });
        report.pages = report.read.length;
        return report;
      }),
  };
}
