/**
 * `paperboy`, the headless shell: the archive from the command line, and `serve`
 * for any browser. Exit codes: 0 ok, 1 failure, 2 bad usage or bad input, each
 * failure with one line on stderr (and `{"error": …}` on stdout with --json).
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ApiError, toErrorData } from '../common/errors.ts';
import { formatBytes } from '../core/archive/write-edition.ts';
import { systemClock } from '../core/clock.ts';
import { archiveDir } from '../core/paths.ts';
import { createServices, type Services } from '../core/services.ts';
import { helpText, type ParsedCommand, parseCommandLine, UsageError } from './cli-args.ts';
import { startServer } from './server.ts';
import { openSettings } from './settings-store.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESOURCES_DIR = `${REPO_ROOT}resources`;
const RENDERER_DIR = `${REPO_ROOT}out/renderer`;
const DEFAULT_PORT = 4817;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Resolves when the process is asked to stop (serve waits on it). */
  stopped: Promise<void>;
  /** Aborted when the process is asked to stop, so long work is cancelled cleanly. */
  signal?: AbortSignal;
}

export function version(): string {
  return (JSON.parse(readFileSync(`${REPO_ROOT}package.json`, 'utf8')) as { version: string })
    .version;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed: ParsedCommand;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    io.stderr(`paperboy: ${(error as Error).message} (see paperboy --help)\n`);
    return 2;
  }
  if (parsed.command === 'help') {
    io.stdout(helpText(parsed.positionals[0]));
    return 0;
  }
  if (parsed.command === 'version') {
    io.stdout(`${version()}\n`);
    return 0;
  }
  const json = parsed.values.json === true;
  let services: Services | undefined;
  try {
    const settings = openSettings();
    services = await createServices({
      archiveDir: archiveDir(
        parsed.values.archive as string | undefined,
        settings.get('archiveDir'),
      ),
      settings,
      clock: systemClock(),
      fetch: globalThis.fetch,
      resourcesDir: RESOURCES_DIR,
      version: version(),
    });
    return await COMMAND_RUNNERS[parsed.command](parsed, services, io, json);
  } catch (error) {
    const data = toErrorData(error);
    if (json) io.stdout(`${JSON.stringify({ error: data })}\n`);
    io.stderr(`paperboy: ${data.message}\n`);
    return error instanceof UsageError || data.code === 'invalid' || data.code === 'not-found'
      ? 2
      : 1;
  } finally {
    await services?.close();
  }
}

type Runner = (
  parsed: ParsedCommand,
  services: Services,
  io: CliIo,
  json: boolean,
) => Promise<number>;

const COMMAND_RUNNERS: Record<Exclude<ParsedCommand['command'], 'help' | 'version'>, Runner> = {
  async import({ positionals, values }, services, io, json) {
    const { archive } = services;
    const outcome = await archive.import({
      path: positionals[0]!,
      source: values.source as string | undefined,
      sourceName: values['source-name'] as string | undefined,
      date: values.date as string | undefined,
      title: values.title as string | undefined,
      edition: values.edition as string | undefined,
    });
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
      const verb = outcome.created ? 'Imported' : 'Already in the archive:';
      io.stdout(
        `${verb} ${summary.id} — ${summary.title}, ${summary.pages} page${summary.pages === 1 ? '' : 's'}\n`,
      );
    }
    return 0;
  },

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
    if (
      !services.indexer.store.page(edition, page) &&
      services.archive.catalog.getEdition(edition)
    ) {
      await services.indexer.indexEdition(edition);
    }
    const result = await services.api.call('text.page', { edition, page });
    io.stdout(json ? `${JSON.stringify(result)}\n` : `${result.text}\n`);
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
      io.stdout(
        `Catalog rebuilt: ${outcome.editions} edition${outcome.editions === 1 ? '' : 's'}\n`,
      );
      for (const line of outcome.skipped) io.stderr(`paperboy: skipped ${line}\n`);
    }
    return outcome.skipped.length > 0 ? 1 : 0;
  },

  async sources({ positionals, values }, { api }, io, json) {
    const [action, target] = positionals as [string, string | undefined];
    const needs = (what: string) => {
      if (!target)
        throw new UsageError(
          `sources ${action}: missing ${what} (usage: paperboy sources ${action} ${what})`,
        );
      return target;
    };
    const print = (value: unknown, text: string) =>
      io.stdout(json ? `${JSON.stringify(value)}\n` : text);
    switch (action) {
      case 'list': {
        const sources = await api.call('sources.list', {});
        const defined = sources.flatMap((s) => (s.definition ? [s.definition] : []));
        const lines = defined.map(
          (d) =>
            `${d.id.padEnd(28)} ${d.kind.padEnd(9)} ${d.schedule.at} ${d.timezone.padEnd(20)} ${d.name}\n`,
        );
        print(
          defined,
          lines.join('') || 'No sources yet. Add one with: paperboy sources add FILE\n',
        );
        return 0;
      }
      case 'presets': {
        const presets = await api.call('sources.presets', {});
        print(presets, presets.map((p) => `${p.id.padEnd(28)} ${p.name}\n`).join(''));
        return 0;
      }
      case 'add': {
        if (values.preset !== undefined) {
          const preset = (await api.call('sources.presets', {})).find(
            (p) => p.id === values.preset,
          );
          if (!preset)
            throw new ApiError(
              'invalid',
              `No preset ${values.preset} (see paperboy sources presets)`,
            );
          const added = await api.call('sources.add', { definition: preset });
          print(added, `Added source ${added.id} — ${added.name}\n`);
          return 0;
        }
        const file = needs('FILE');
        let definition: unknown;
        try {
          definition = JSON.parse(await readFile(file, 'utf8'));
        } catch (error) {
          const reason =
            (error as NodeJS.ErrnoException).code === 'ENOENT'
              ? 'no such file'
              : (error as Error).message;
          throw new ApiError('invalid', `${file}: ${reason}`);
        }
        const added = await api.call('sources.add', { definition: definition as never });
        print(added, `Added source ${added.id} — ${added.name}\n`);
        return 0;
      }
      case 'remove': {
        const id = needs('ID');
        await api.call('sources.remove', { id });
        print({ removed: id }, `Removed source ${id} (its editions stay in the archive)\n`);
        return 0;
      }
      case 'test': {
        const id = needs('ID');
        const preview = await api.call('sources.test', {
          id,
          ...(values.date !== undefined && { date: values.date as string }),
        });
        const lines = preview.pages.map(
          (p) =>
            `  ${String(p.n).padStart(3)}  ${p.bytes === undefined ? '       ?' : formatBytes(p.bytes).padStart(8)}  ${p.url}\n`,
        );
        const text = preview.reason
          ? `${id} on ${preview.date}: ${preview.reason}\n`
          : `${id} on ${preview.date}: ${preview.pages.length} page${preview.pages.length === 1 ? '' : 's'}\n${lines.join('')}`;
        print(preview, text);
        return 0;
      }
      default:
        throw new UsageError(`unknown sources action '${action}' (list, add, remove, test)`);
    }
  },

  async fetch({ values }, services, io, json) {
    const args = {
      ...(values.source !== undefined && { source: values.source as string }),
      ...(values.date !== undefined && { date: values.date as string }),
      ...(values.from !== undefined && { from: values.from as string }),
      ...(values.to !== undefined && { to: values.to as string }),
    };
    if (args.date && (args.from || args.to))
      throw new UsageError('fetch: --date or --from/--to, not both');
    const live = !json && process.stderr.isTTY;
    const off = live
      ? services.api.on('delivery.progress', (p) => {
          const of = p.pagesTotal === undefined ? '' : ` of ${p.pagesTotal}`;
          io.stderr(`\r\x1b[2K${p.id}: ${p.pagesDone}${of} pages, ${formatBytes(p.bytes)}`);
        })
      : undefined;
    const report = await services.api.call('delivery.fetch', args, { signal: io.signal });
    await services.indexer.idle();
    off?.();
    if (live) io.stderr('\r\x1b[2K');
    if (json) {
      io.stdout(`${JSON.stringify(report)}\n`);
    } else {
      for (const e of report.editions)
        io.stdout(`${e.id}  ${e.pages} pages, ${formatBytes(e.bytes)}\n`);
      for (const date of report.missing) io.stdout(`${date}  no edition\n`);
      for (const e of report.errors) io.stderr(`paperboy: ${e.source} ${e.date}: ${e.reason}\n`);
    }
    return report.errors.length > 0 ? 1 : 0;
  },

  async serve({ values }, services, io, json) {
    const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new ApiError(
        'invalid',
        `--port ${values.port}: must be a whole number from 0 to 65535`,
      );
    }
    await services.start();
    const built = existsSync(`${RENDERER_DIR}/index.html`);
    if (!built)
      io.stderr(
        'paperboy: the reader is not built (run npm run build); serving the API and files only\n',
      );
    const server = await startServer({
      services,
      host: (values.host as string | undefined) ?? '127.0.0.1',
      port,
      ...(built && { rendererDir: RENDERER_DIR }),
    }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE')
        throw new ApiError('invalid', `Port ${port} is in use; pick another with --port`);
      if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
        throw new ApiError('invalid', `Cannot listen on ${values.host}: no such address here`);
      }
      throw error;
    });
    const archive = services.archive.root;
    io.stdout(
      json
        ? `${JSON.stringify({ url: server.url, archive })}\n`
        : `Paperboy is serving ${archive} at ${server.url}\n`,
    );
    await io.stopped;
    await server.close();
    return 0;
  },
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}

export async function main(): Promise<void> {
  // Output piped into `head` and closed early is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
  });
  const controller = new AbortController();
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      controller.abort();
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  const code = await runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stopped,
    signal: controller.signal,
  });
  process.exitCode = code;
  if (code !== 0 || process.argv[2] === 'serve') process.exit(code);
}
