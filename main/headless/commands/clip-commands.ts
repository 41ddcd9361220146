/** paperboy link and clip. */
import { Buffer } from 'node:buffer';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Api } from '../../common/api.ts';
import type { LinkResult } from '../../common/clips.ts';
import { ApiError } from '../../common/errors.ts';
import { CLIP_FORMATS, type ClipFormat } from '../../common/file-urls.ts';
import { writeFileAtomic } from '../../node/write-file-atomic.ts';
import { UsageError } from '../cli-args.ts';
import type { CliIo, Runners } from './runner.ts';

export const clipCommands = {
  async link({ positionals, values }, { api, io, json }) {
    const file = positionals[0]!;
    // The file's bytes as they are: the core finds their character set.
    const data = Buffer.from(await readInput(file, io)).toString('base64');
    const result = await api.call(
      'clips.link',
      {
        data,
        ...(file !== '-' && { name: path.basename(file) }),
        ...(values.source !== undefined && { source: values.source as string }),
        ...(values.from !== undefined && { from: values.from as string }),
        ...(values.to !== undefined && { to: values.to as string }),
      },
      io.signal ? { signal: io.signal } : {},
    );
    io.stdout(json ? `${JSON.stringify(flatten(result))}\n` : describe(result));
    return 0;
  },

  async clip({ values }, { api, io, json }) {
    // Required by the grammar (cli-args.ts): the parser has refused the command without them.
    const edition = values.edition as string;
    const pageText = values.page as string;
    const rectTexts = values.rect as string[];
    const page = Number(pageText);
    if (!Number.isInteger(page) || page < 1)
      throw new UsageError(`clip: --page ${pageText}: must be a page number`);
    const rects = rectTexts.map((text) => {
      const parts = text.split(',').map(Number);
      if (
        parts.length !== 4 ||
        parts.some((n) => !Number.isFinite(n)) ||
        parts[2]! <= 0 ||
        parts[3]! <= 0
      )
        throw new UsageError(`clip: --rect ${text}: must be x,y,w,h in points (w and h above 0)`);
      return parts as [number, number, number, number];
    });
    const dpi = values.dpi === undefined ? undefined : Number(values.dpi);
    if (dpi !== undefined && (!Number.isInteger(dpi) || dpi < 36 || dpi > 600))
      throw new UsageError(`clip: --dpi ${values.dpi}: must be a whole number from 36 to 600`);
    const out = values.out as string | undefined;
    const format = out ? (path.extname(out).slice(1).toLowerCase() as ClipFormat) : undefined;
    if (out && !CLIP_FORMATS.includes(format!))
      throw new UsageError(`clip: --out ${out}: the file must end in .png, .pdf or .md`);
    if (out) {
      const folder = await fs.stat(path.dirname(path.resolve(out))).catch(() => undefined);
      if (!folder?.isDirectory())
        throw new UsageError(`clip: --out ${out}: the folder ${path.dirname(out)} does not exist`);
    }
    const clip = await api.call('clips.create', {
      edition,
      page,
      rects,
      ...(values.title !== undefined && { title: values.title as string }),
      ...(dpi !== undefined && { dpi }),
      ...(values.tag !== undefined && { tags: values.tag as string[] }),
    });
    if (out && format) {
      await writeFileAtomic(path.resolve(out), await exported(api, clip.id, format));
      // A Markdown export refers to the image beside it.
      if (format === 'md')
        await writeFileAtomic(
          path.join(path.dirname(path.resolve(out)), `${clip.id}.png`),
          await exported(api, clip.id, 'png'),
        );
    }
    if (json) io.stdout(`${JSON.stringify(clip)}\n`);
    else
      io.stdout(
        `Clipped ${clip.id}: "${clip.title}" — ${clip.edition} page ${clip.page}${out ? `, written to ${out}` : ''}\n${clip.text ? `${clip.text}\n` : ''}`,
      );
    return 0;
  },
} satisfies Runners<'link' | 'clip'>;

async function exported(api: Api, id: string, format: ClipFormat): Promise<Uint8Array> {
  const file = await api.call('clips.export', { id, format });
  return new Uint8Array(Buffer.from(file.data, 'base64'));
}

async function readInput(file: string, io: CliIo): Promise<Uint8Array> {
  if (file === '-') {
    if (!io.stdin) throw new UsageError('link: no standard input to read');
    return io.stdin();
  }
  try {
    return await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ApiError('not-found', `${file}: no such file`);
    if (code === 'EISDIR') throw new ApiError('invalid', `${file} is a folder, not a clipping`);
    throw new ApiError('storage', `${file}: ${(error as Error).message}`);
  }
}

/** The documented JSON shape: the link, then what was parsed and searched. */
function flatten(result: LinkResult) {
  const { found, edition, source, date, page, pages, regions, columns, score, matched, headline } =
    result;
  return {
    found,
    edition,
    source,
    date,
    page,
    pages,
    regions,
    score,
    matched,
    headline,
    candidates: result.candidates.map(({ edition, page, score }) => ({ edition, page, score })),
    parsed: result.parsed,
    searched: result.searched,
    ...(columns && { columns }),
    ...(result.article && { article: result.article }),
    ...(result.diff && { diff: result.diff }),
  };
}

function describe(result: LinkResult): string {
  const percent = (n: number) => `${Math.round(n * 100)} %`;
  if (!result.found) {
    const { from, to, sources, pages, unreadable } = result.searched;
    const range = from && to ? `${from} to ${to}` : 'all dates';
    const where = sources.join(', ');
    if (pages === 0) return `Not found: the archive has no indexed pages from ${range}.\n`;
    const lines = [
      `Not found in your archive (searched ${range} in ${where}: ${pages} page${pages === 1 ? '' : 's'}${unreadable ? `, ${unreadable} without usable text` : ''}).`,
    ];
    const near = result.candidates[0];
    if (near)
      lines.push(
        `  closest: ${near.edition} page ${near.page}, score ${near.score.toFixed(2)} (below the threshold)`,
      );
    return `${lines.join('\n')}\n`;
  }
  const more =
    result.pages.length > 1
      ? ` (continues on page ${result.pages.filter((p) => p !== result.page).join(', ')})`
      : '';
  const columns = result.columns
    ? result.columns[0] === result.columns[1]
      ? `, column ${result.columns[0]}`
      : `, columns ${result.columns[0]}–${result.columns[1]}`
    : '';
  const lines = [
    `Printed on page ${result.page}${columns} of ${result.edition}${more} — score ${result.score.toFixed(2)}, ${percent(result.matched)} of the clipping found in print.`,
  ];
  if (result.headline.print) lines.push(`  print headline: ${result.headline.print}`);
  if (result.diff) {
    const words = (op: string) =>
      result.diff!.filter((d) => d.op === op).reduce((n, d) => n + d.text.split(' ').length, 0);
    lines.push(`  print cut ${words('cut')} words of the web version and added ${words('added')}`);
  }
  if (result.headline.web) lines.push(`  web headline:   ${result.headline.web}`);
  for (const region of result.regions)
    lines.push(
      `  region on page ${region.page}: x ${region.x}, y ${region.y}, ${region.w} × ${region.h} pt`,
    );
  for (const other of result.candidates)
    lines.push(`  also: ${other.edition} page ${other.page}, score ${other.score.toFixed(2)}`);
  return `${lines.join('\n')}\n`;
}
