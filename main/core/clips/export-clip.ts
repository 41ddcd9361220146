/**
 * A clip exported: PNG (its image), PDF (the page cropped to the clip, so text
 * stays vector and selectable), or Markdown (title, image, text, where it was
 * printed, a deep link back, note and tags).
 */

import fs from 'node:fs/promises';
import { boundingBox } from '../../common/boxes.ts';
import type { Clip } from '../../common/clips.ts';
import { deepLink } from '../../common/deep-link.ts';
import { CLIP_FORMATS, type ClipFormat } from '../../common/file-urls.ts';
import type { Archive } from '../archive/archive.ts';
import type { ClipStore } from './clip-store.ts';

/** The formats a clip is exported in: those its URL may name (file-urls.ts). */
export const EXPORT_FORMATS = CLIP_FORMATS;
export type ExportFormat = ClipFormat;

export const EXPORT_TYPES: Record<ExportFormat, string> = {
  png: 'image/png',
  pdf: 'application/pdf',
  md: 'text/markdown; charset=utf-8',
};

export async function exportClip(
  clip: Clip,
  format: ExportFormat,
  deps: { archive: Archive; clips: ClipStore },
): Promise<Uint8Array> {
  if (format === 'png') return new Uint8Array(await fs.readFile(deps.clips.file(clip.id, 'png')));
  if (format === 'md') return new TextEncoder().encode(clipMarkdown(clip, deps.archive));
  return clipPdf(clip, deps.archive);
}

export function clipMarkdown(clip: Clip, archive: Archive): string {
  const title = editionTitle(clip, archive);
  const rects = clip.rects.map((r) => r.join(','));
  const quoted = clip.text
    ? clip.text.replace(/(.{1,88})(\s+|$)/g, '> $1\n').trimEnd()
    : '> (no text in this region)';
  const lines = [
    `# ${clip.title}`,
    '',
    `![${clip.title.replace(/[[\]]/g, '')}](${clip.id}.png)`,
    '',
    quoted,
    '',
    `— ${title}, ${clip.date}, page ${clip.page}${clip.more?.length ? ` (continued on page ${clip.more.map((p) => p.page).join(', ')})` : ''} · [open in Paperboy](${deepLink(clip.edition, clip.page, rects)})`,
  ];
  if (clip.link?.webHeadline)
    lines.push(
      '',
      `Web headline: ${clip.link.webHeadline}${clip.link.url ? ` (${clip.link.url})` : ''}`,
    );
  if (clip.note) lines.push('', clip.note);
  if (clip.tags.length)
    lines.push('', `Tags: ${clip.tags.map((t) => `#${t.replace(/\s+/g, '-')}`).join(' ')}`);
  return `${lines.join('\n')}\n`;
}

/** The page cropped to the clip's regions, as a PDF: one page a part for a story that jumps. */
async function clipPdf(clip: Clip, archive: Archive): Promise<Uint8Array> {
  const edition = archive.get(clip.edition);
  // pdf-lib is loaded for an export, not at start-up.
  const { PDFDocument } = await import('pdf-lib');
  const out = await PDFDocument.create();
  for (const part of [{ page: clip.page, rects: clip.rects }, ...(clip.more ?? [])]) {
    const page = edition.pages.find((p) => p.n === part.page)!;
    const { path } = await archive.file(edition.id, page.file);
    const source = await PDFDocument.load(await fs.readFile(path), { updateMetadata: false });
    const [copy] = await out.copyPages(source, [page.index - 1]);
    const [x, y, w, h] = boundingBox(part.rects);
    // Regions are in the page's user space, as pdf.js reports it, like the page boxes.
    copy!.setMediaBox(x, y, w, h);
    copy!.setCropBox(x, y, w, h);
    out.addPage(copy!);
  }
  out.setTitle(clip.title);
  out.setSubject(`${edition.title}, ${edition.date}, page ${clip.page}`);
  out.setCreator('Paperboy');
  return out.save();
}

function editionTitle(clip: Clip, archive: Archive): string {
  try {
    return archive.get(clip.edition).title;
  } catch {
    return clip.source;
  }
}
