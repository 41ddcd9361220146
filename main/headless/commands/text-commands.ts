/** paperboy search and text. */
import { UsageError } from '../cli-args.ts';
import type { Runners } from './runner.ts';
export const textCommands = {
  async search({ positionals, values }, { api, io, json }) {
    const limit = values.limit === undefined ? 20 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
      throw new UsageError(`search: --limit ${values.limit}: must be a whole number from 1 to 200`);
    }
    const result = await api.call('search.query', {
      q: positionals[0]!,
      limit,
      ...(values.source !== undefined && { source: values.source as string }),
      ...(values.from !== undefined && { from: values.from as string }),
      ...(values.to !== undefined && { to: values.to as string }),
      ...(values.newest === true && { sort: 'newest' as const }),
    });
    if (json) {
      io.stdout(`${JSON.stringify(result)}\n`);
      return 0;
    }
    io.stdout(`${result.total} page${result.total === 1 ? '' : 's'} (${result.tookMs} ms)\n`);
    for (const hit of result.hits) io.stdout(`${hit.edition} p.${hit.page}: ${hit.snippet}\n`);
    return 0;
  },

  async text({ positionals }, { api, io, json }) {
    const [edition, pageText] = positionals as [string, string];
    const page = Number(pageText);
    if (!Number.isInteger(page) || page < 1)
      throw new UsageError(`text: PAGE must be a page number, not '${pageText}'`);
    const result = await api.call('text.page', { edition, page });
    io.stdout(json ? `${JSON.stringify(result)}\n` : `${result.text}\n`);
    return 0;
  },

  async ocr({ positionals, values }, { api, io, json, services }) {
    if (!services && values.lang !== undefined)
      throw new UsageError(
        'ocr --lang: a running serve reads with the languages it was started with',
      );
    const edition = positionals[0];
    let told = false;
    const shown = new Map<string, number>();
    const off = api.on('ocr.progress', (progress) => {
      // A run's events have its total; the background's (in a running serve) are not this run's.
      const { total } = progress;
      if (json || total === undefined) return;
      if (edition && progress.edition !== undefined && progress.edition !== edition) return;
      if (!told) {
        told = true;
        io.stderr(`paperboy: reading ${total} page${total === 1 ? '' : 's'} with OCR…\n`);
      }
      if (progress.page === undefined) return;
      if (progress.step !== undefined) {
        // A line as each tenth of the page is read (the engine says how far it is).
        const tenth = progress.step === 'drawing' ? -1 : Math.floor((progress.fraction ?? 0) * 10);
        const key = `${progress.edition}:${progress.page}`;
        if (shown.get(key) === tenth) return;
        shown.set(key, tenth);
        io.stderr(
          `paperboy: ${progress.edition} p.${progress.page}: ${tenth < 0 ? 'drawing the page' : `${tenth * 10} % read`}\n`,
        );
        return;
      }
      if (progress.reason === undefined)
        io.stdout(`${progress.edition} p.${progress.page}: ${progress.words} words\n`);
      else
        io.stderr(
          `paperboy: could not read ${progress.edition} p.${progress.page}: ${progress.reason}\n`,
        );
    });
    try {
      // Progress comes as events: they must be flowing before the run starts.
      await api.ready();
      const report = await api.call(
        'text.ocr',
        edition ? { edition } : {},
        io.signal ? { signal: io.signal } : {},
      );
      if (json) io.stdout(`${JSON.stringify(report)}\n`);
      else if (report.read.length + report.failed.length === 0)
        io.stdout('No pages are waiting for OCR.\n');
      return report.failed.length > 0 ? 1 : 0;
    } finally {
      off();
    }
  },

  async articles({ positionals }, { api, io, json }) {
    const [edition, pageText] = positionals as [string, string | undefined];
    const page = pageText === undefined ? undefined : Number(pageText);
    if (page !== undefined && (!Number.isInteger(page) || page < 1))
      throw new UsageError(`articles: PAGE must be a page number, not '${pageText}'`);
    const result = await api.call('articles.list', {
      edition,
      ...(page !== undefined && { page }),
    });
    if (json) {
      io.stdout(`${JSON.stringify(result)}\n`);
      return 0;
    }
    for (const article of result.articles) {
      if (article.kind === 'furniture') continue;
      const words = article.paragraphs.reduce((n, p) => n + p.split(/\s+/).length, 0);
      const jump = article.continues
        ? ` → continues on page ${article.continues.page}`
        : article.continuedFrom
          ? ` ← from page ${article.continuedFrom.page}`
          : '';
      io.stdout(
        `${article.id}  ${article.kind.padEnd(5)}  ${article.headline || '(no headline)'}${article.byline ? ` — ${article.byline}` : ''} (${words} words)${jump}\n`,
      );
    }
    return 0;
  },
} satisfies Runners<'search' | 'text' | 'ocr' | 'articles'>;
