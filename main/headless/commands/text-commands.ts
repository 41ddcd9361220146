/** paperboy search and text. */
import { UsageError } from '../cli-args.ts';
import type { Runners } from './runner.ts';
export const textCommands = {
  async search({ positionals, values }, services, io, json) {
    const limit = values.limit === undefined ? 20 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
      throw new UsageError(`search: --limit ${values.limit}: must be a whole number from 1 to 200`);
    }
    const unindexed = services.indexer.store.unindexed().length;
    if (unindexed > 0) {
      io.stderr(`paperboy: indexing ${unindexed} edition${unindexed === 1 ? '' : 's'} first…\n`);
      await services.indexer.catchUp();
    }
    const result = await services.api.call('search.query', {
      q: positionals[0]!,
      limit,
      ...(values.source !== undefined && { source: values.source as string }),
      ...(values.from !== undefined && { from: values.from as string }),
      ...(values.to !== undefined && { to: values.to as string }),
    });
    if (json) {
      io.stdout(`${JSON.stringify(result)}\n`);
      return 0;
    }
    io.stdout(`${result.total} page${result.total === 1 ? '' : 's'} (${result.tookMs} ms)\n`);
    for (const hit of result.hits) io.stdout(`${hit.edition} p.${hit.page}: ${hit.snippet}\n`);
    return 0;
  },

  async text({ positionals }, services, io, json) {
    const [edition, pageText] = positionals as [string, string];
    const page = Number(pageText);
    if (!Number.isInteger(page) || page < 1)
      throw new UsageError(`text: PAGE must be a page number, not '${pageText}'`);
    const result = await services.api.call('text.page', { edition, page });
    io.stdout(json ? `${JSON.stringify(result)}\n` : `${result.text}\n`);
    return 0;
  },

  async ocr({ positionals }, services, io, json) {
    const edition = positionals[0];
    if (edition) services.archive.get(edition);
    const waiting = services.indexer.store.unindexed().length;
    if (waiting > 0) await services.indexer.catchUp();
    const pages = services.indexer.store
      .unreadable()
      .filter((p) => !edition || p.edition === edition).length;
    if (pages === 0) {
      io.stdout(json ? `${JSON.stringify({ pages: 0 })}\n` : 'No pages are waiting for OCR.\n');
      return 0;
    }
    if (!json) io.stderr(`paperboy: reading ${pages} page${pages === 1 ? '' : 's'} with OCR…\n`);
    const read: { edition: string; page: number; words: number }[] = [];
    const failed: { edition: string; page: number; reason: string }[] = [];
    await services.ocr.run({
      ...(edition && { edition }),
      ...(io.signal && { signal: io.signal }),
      onPage: (page) => {
        read.push(page);
        if (!json) io.stdout(`${page.edition} p.${page.page}: ${page.words} words\n`);
      },
      onFailed: (failure) => {
        failed.push(failure);
        if (!json)
          io.stderr(
            `paperboy: could not read ${failure.edition} p.${failure.page}: ${failure.reason}\n`,
          );
      },
    });
    if (json) io.stdout(`${JSON.stringify({ pages: read.length, read, failed })}\n`);
    return failed.length > 0 ? 1 : 0;
  },
} satisfies Runners<'search' | 'text' | 'ocr'>;
