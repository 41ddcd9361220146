/**
 * Answers a request for a clip's export, named by id and format only:
 *   /clips/<clip-id>.png | .pdf | .md
 * Both shells serve clips through this, as they serve archive files.
 */

import { Readable } from 'node:stream';
import { ApiError } from '../../common/errors.ts';
import { CLIP_FORMATS, CLIPS_PREFIX } from '../../common/file-urls.ts';
import type { Archive } from '../archive/archive.ts';
import type { ClipStore } from '../clips/clip-store.ts';
import { EXPORT_TYPES, type ExportFormat, exportClip } from '../clips/export-clip.ts';
import type { FileAnswer } from './archive-file.ts';

const CLIP_FILE = new RegExp(`^${CLIPS_PREFIX}([a-z0-9]{12})\\.(${CLIP_FORMATS.join('|')})$`);

export async function answerClipFile(
  deps: { archive: Archive; clips: ClipStore },
  pathname: string,
): Promise<FileAnswer> {
  const text = (status: number, message: string): FileAnswer => ({
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    message,
  });
  const match = CLIP_FILE.exec(pathname);
  if (!match) return text(404, 'Not a clip.');
  const [, id, format] = match as unknown as [string, string, ExportFormat];
  try {
    const clip = deps.clips.get(id);
    const bytes = await exportClip(clip, format, deps);
    const name =
      clip.title
        .replace(/[^\p{L}\p{N}]+/gu, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 60) || id;
    return {
      status: 200,
      headers: {
        'content-type': EXPORT_TYPES[format],
        'content-length': String(bytes.byteLength),
        'content-disposition': `inline; filename="${encodeURIComponent(name)}.${format}"`,
        'cache-control': 'no-cache',
      },
      body: Readable.from([bytes]),
    };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'not-found') return text(404, error.message);
    throw error;
  }
}
