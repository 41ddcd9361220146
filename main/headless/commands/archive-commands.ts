/** paperboy import | list | remove | edit | reindex. */
import { UsageError } from '../cli-args.ts';
import type { Runners } from './runner.ts';

const text = (value: string | boolean | string[] | undefined) =>
  typeof value === 'string' ? value : undefined;

/** The text options that were given, by their contract names (those not given left out). */
function givenText(
  values: Record<string, string | boolean | string[] | undefined>,
  names: Record<string, string>,
): Record<string, string> {
  const given: Record<string, string> = {};
  for (const [flag, name] of Object.entries(names)) {
    const value = text(values[flag]);
    if (value !== undefined) given[name] = value;
  }
  return given;
}

/** The flags that name an edition's paper, date, title and edition name, by their contract names. */
const NAMING = {
  source: 'source',
  'source-name': 'sourceName',
  date: 'date',
  title: 'title',
  edition: 'edition',
};

export const archiveCommands = {
  async import({ positionals, values }, { api, io, json, services }) {
    if (!services)
      throw new UsageError(
        'import reads a file on this machine: run it without --server (a running serve sees the new edition within seconds)',
      );
    const outcome = await api.call(
      'editions.import',
      {
        // Local only: the path is read in this process, from where the command was run.
        path: positionals[0]!,
        ...givenText(values, NAMING),
        ...(values.replace === true && { replace: true }),
      },
      io.signal ? { signal: io.signal } : {},
    );
    const { edition } = outcome;
    if (outcome.dateCheck) {
      const suggested = outcome.dateCheck.suggested
        ? ` (paperboy edit ${edition.id} --date ${outcome.dateCheck.suggested} to take that)`
        : ` (paperboy edit ${edition.id} --date YYYY-MM-DD to correct it)`;
      io.stderr(
        `paperboy: filed under ${edition.date}, but the date is uncertain: ${outcome.dateCheck.reason}${suggested}\n`,
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
        `${JSON.stringify({ edition: summary, created: outcome.created, dateFrom: outcome.dateFrom, ...(outcome.dateCheck && { dateCheck: outcome.dateCheck }) })}\n`,
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

  async list({ values }, { api, io, json }) {
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

  async remove({ positionals, values }, { api, io, json }) {
    await api.call('editions.remove', {
      id: positionals[0]!,
      ...(values.clipped === true && { clipped: true }),
    });
    io.stdout(
      json ? `${JSON.stringify({ removed: positionals[0] })}\n` : `Removed ${positionals[0]}\n`,
    );
    return 0;
  },

  async edit({ positionals, values }, { api, io, json }) {
    const given = givenText(values, NAMING);
    if (Object.keys(given).length === 0)
      throw new UsageError(
        'edit needs a change: --source, --source-name, --date, --edition or --title',
      );
    const outcome = await api.call('editions.edit', { id: positionals[0]!, ...given });
    const { edition } = outcome;
    if (json) {
      io.stdout(
        `${JSON.stringify({ id: edition.id, previous: outcome.previous, source: edition.source.id, date: edition.date, title: edition.title, clips: outcome.clips })}\n`,
      );
    } else {
      const moved = edition.id === outcome.previous ? '' : ` (was ${outcome.previous})`;
      const clips =
        outcome.clips > 0
          ? `; ${outcome.clips} clip${outcome.clips === 1 ? '' : 's'} moved with it`
          : '';
      io.stdout(`Edited ${edition.id}${moved} — ${edition.title}${clips}\n`);
    }
    return 0;
  },

  async reindex({ values }, { api, io, json }) {
    const outcome = await api.call('archive.reindex', { verify: values.verify === true });
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
} satisfies Runners<'import' | 'list' | 'remove' | 'edit' | 'reindex'>;
