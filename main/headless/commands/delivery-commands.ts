/** paperboy sources … and fetch. */
import { readFile } from 'node:fs/promises';
import { ApiError } from '../../common/errors.ts';
import { formatBytes } from '../../common/format-bytes.ts';
import { UsageError } from '../cli-args.ts';
import type { Runners } from './runner.ts';
export const deliveryCommands = {
  async sources({ positionals, values }, { api, io, json }) {
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

  async fetch({ values }, { api, io, json }) {
    const args = {
      ...(values.source !== undefined && { source: values.source as string }),
      ...(values.date !== undefined && { date: values.date as string }),
      ...(values.from !== undefined && { from: values.from as string }),
      ...(values.to !== undefined && { to: values.to as string }),
      ...(values.refetch === true && { refetch: true }),
    };
    if (args.date && (args.from || args.to))
      throw new UsageError('fetch: --date or --from/--to, not both');
    const live = !json && process.stderr.isTTY;
    const off = live
      ? api.on('delivery.progress', (p) => {
          const of = p.pagesTotal === undefined ? '' : ` of ${p.pagesTotal}`;
          io.stderr(`\r\x1b[2K${p.id}: ${p.pagesDone}${of} pages, ${formatBytes(p.bytes)}`);
        })
      : undefined;
    if (live) await api.ready();
    const report = await api
      .call('delivery.fetch', args, io.signal ? { signal: io.signal } : {})
      .finally(() => off?.());
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
} satisfies Runners<'sources' | 'fetch'>;
