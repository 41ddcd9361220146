/** paperboy import | list | remove | reindex. */
import type { Runners } from './runner.ts';
export const archiveCommands = {
  async import({ positionals, values }, services, io, json) {
    const { archive } = services;
    const outcome = await archive.import(
      {
        path: positionals[0]!,
        source: values.source as string | undefined,
        sourceName: values['source-name'] as string | undefined,
        date: values.date as string | undefined,
        title: values.title as string | undefined,
        edition: values.edition as string | undefined,
        replace: values.replace === true,
      },
      io.signal,
    );
    const { edition } = outcome;
    // Searchable as soon as the command returns.
    if (outcome.created) await services.indexer.indexEdition(edition.id);
    if (outcome.dateFrom === 'import day') {
      io.stderr(
        `paperboy: no date in the file name or the PDF's metadata; filed under ${edition.date}, the import day (use --date to set it)\n`,
      );
    }
    const summary = {
      id: edition.id,
      source: edition.source.id,
      date: edition.date,
      title: edition.title,
      pages: edition.pages.length,
    };
    if (json) {
      io.stdout(
        `${JSON.stringify({ edition: summary, created: outcome.created, dateFrom: outcome.dateFrom })}\n`,
      );
    } else {
      const verb = !outcome.created
        ? 'Already in the archive:'
        : outcome.replaced
          ? 'Replaced'
          : 'Imported';
      io.stdout(
        `${verb} ${summary.id} — ${summary.title}, ${summary.pages} page${summary.pages === 1 ? '' : 's'}\n`,
      );
    }
    return 0;
  },

  async list({ values }, { api }, io, json) {
    const editions = await api.call('editions.list', {
      ...(values.source !== undefined && { source: values.source as string }),
      ...(values.from !== undefined && { from: values.from as string }),
      ...(values.to !== undefined && { to: values.to as string }),
    });
    const rows = editions.map(({ id, source, date, title, pages }) => ({
      id,
      source,
      date,
      title,
      pages,
    }));
    if (json) {
      io.stdout(`${JSON.stringify(rows)}\n`);
    } else if (rows.length === 0) {
      io.stdout('The archive is empty. Add an edition with: paperboy import <file.pdf>\n');
    } else {
      for (const row of rows)
        io.stdout(
          `${row.date}  ${row.id.padEnd(40)} ${String(row.pages).padStart(4)} pp  ${row.title}\n`,
        );
    }
    return 0;
  },

  async remove({ positionals }, { api }, io, json) {
    await api.call('editions.remove', { id: positionals[0]! });
    io.stdout(
      json ? `${JSON.stringify({ removed: positionals[0] })}\n` : `Removed ${positionals[0]}\n`,
    );
    return 0;
  },

  async reindex({ values }, services, io, json) {
    const outcome = await services.api.call('archive.reindex', { verify: values.verify === true });
    await services.indexer.catchUp();
    if (json) {
      io.stdout(`${JSON.stringify(outcome)}\n`);
    } else {
      if (outcome.repaired) io.stderr(`paperboy: ${outcome.repaired}\n`);
      io.stdout(
        `Catalog rebuilt: ${outcome.editions} edition${outcome.editions === 1 ? '' : 's'}\n`,
      );
      for (const line of outcome.skipped) io.stderr(`paperboy: skipped ${line}\n`);
    }
    return outcome.skipped.length > 0 ? 1 : 0;
  },
} satisfies Runners<'import' | 'list' | 'remove' | 'reindex'>;
