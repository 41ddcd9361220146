/**
 * A PDF's positioned words, page by page, read with pdf.js (legacy build, in a
 * worker: see pdf/pdf-worker.ts).
 */
import { ApiError } from '../../common/errors.ts';
import { type PageArticle, segmentPage } from '../articles/segment-page.ts';
import { itemsToWords, readingOrder, textQuality, type Word } from '../words/page-words.ts';
import { asStored } from '../words/stored-words.ts';
import { openPdf, type PdfSource } from './open-pdf.ts';

export interface PageText {
  /** 1-based page within the file. */
  index: number;
  words: Word[];
  quality: 'good' | 'none' | 'garbage';
  /** The page's articles (found here, in the worker, while its words are at hand). */
  articles: PageArticle[];
}

/** Every page's words, or those of pages `from`–`to` (1-based, inclusive). */
export async function extractText(
  source: PdfSource,
  label: string,
  range?: [number, number],
): Promise<PageText[]> {
  const { task, failure } = await openPdf(source);
  try {
    const doc = await task.promise;
    const pages: PageText[] = [];
    const [first, last] = range ?? [1, doc.numPages];
    for (let index = first; index <= Math.min(last, doc.numPages); index++) {
      const page = await doc.getPage(index);
      const content = await page.getTextContent();
      const items = content.items.flatMap((item) => {
        if (!('str' in item)) return [];
        const [, , , d = 0, x = 0, y = 0] = item.transform as number[];
        return [{ str: item.str, x, y, width: item.width, height: item.height || Math.abs(d) }];
      });
      // As they will be stored, so that the articles found from them now are those found
      // again from the stored words (a new segmenter's version, a page's articles asked for).
      const words = asStored(readingOrder(itemsToWords(items)));
      const quality = textQuality(words);
      // The top of the page in its own coordinates (a media box need not start at 0).
      const [, , right = 0, top = 0] = page.view;
      const articles = quality === 'good' ? segmentPage(words, { width: right, height: top }) : [];
      pages.push({ index, words, quality, articles });
      page.cleanup();
    }
    return pages;
  } catch (caught) {
    const error = failure() ?? caught;
    throw new ApiError('invalid', `${label}: text could not be read (${(error as Error).message})`);
  } finally {
    await task.destroy();
  }
}
