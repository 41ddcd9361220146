/**
 * Answers a request for an edition's front page as a small image:
 *   /covers/<edition-id>.jpg
 * drawn from page 1 in a PDF worker the first time it is asked for, and kept
 * under the archive's state folder by the sha256 of the file it was drawn from
 * (so a corrected edition keeps its cover, and a replaced one gets a new one).
 * A cover deleted, or never made, is drawn again from the PDF.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { EditionId } from '../../common/domain.ts';
import { ApiError } from '../../common/errors.ts';
import { COVERS_PREFIX } from '../../common/file-urls.ts';
import { writeFileAtomic } from '../../node/write-file-atomic.ts';
import type { Archive } from '../archive/archive.ts';
import { STATE_DIR } from '../archive/layout.ts';
import { pdfPool } from '../pdf/pdf-pool.ts';
import type { FileAnswer } from './archive-file.ts';

/** A cover's width in pixels: an OPDS reader's grid, a library card of 240 CSS px on a 2× screen. */
export const COVER_PIXELS = 480;
const COVER_FILE = /^([^/]+)\.jpg$/;
/** Covers being drawn, so two asks at once draw one. */
const drawing = new Map<string, Promise<Uint8Array>>();

export async function answerCoverFile(archive: Archive, pathname: string): Promise<FileAnswer> {
  const text = (status: number, message: string): FileAnswer => ({
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    message,
  });
  const match = COVER_FILE.exec(pathname.slice(COVERS_PREFIX.length));
  let id = '';
  try {
    id = decodeURIComponent(match?.[1] ?? '');
  } catch {
    // not an id
  }
  if (!EditionId.safeParse(id).success)
    return text(400, 'Covers are addressed as /covers/<edition-id>.jpg');
  try {
    const bytes = await coverOf(archive, id);
    return {
      status: 200,
      headers: {
        'content-type': 'image/jpeg',
        'content-length': String(bytes.byteLength),
        // Not kept by the browser: a replaced edition's cover changes under the same address.
        'cache-control': 'no-store',
      },
      body: Readable.from([bytes]),
    };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'not-found') return text(404, error.message);
    throw error;
  }
}

/** The edition's cover, from the disk, or drawn and kept there. */
export async function coverOf(archive: Archive, id: string): Promise<Uint8Array> {
  const edition = archive.get(id);
  const first = edition.pages[0]!;
  const file = edition.files.find((f) => f.name === first.file)!;
  const kept = path.join(
    archive.root,
    STATE_DIR,
    'covers',
    `${file.sha256.slice(0, 32)}-${first.index}-${COVER_PIXELS}.jpg`,
  );
  const onDisk = await fs.readFile(kept).catch(() => undefined);
  if (onDisk) return onDisk;
  const running = drawing.get(kept);
  if (running) return running;
  const draw = (async () => {
    const { path: pdf } = await archive.file(id, first.file);
    const bytes = await pdfPool().render(pdf, first.file, {
      index: first.index,
      rect: [0, 0, first.width, first.height],
      dpi: (COVER_PIXELS / first.width) * 72,
      format: 'jpeg',
    });
    await fs.mkdir(path.dirname(kept), { recursive: true });
    // Kept if it can be; served either way.
    await writeFileAtomic(kept, bytes).catch(() => {});
    return bytes;
  })().finally(() => drawing.delete(kept));
  drawing.set(kept, draw);
  return draw;
}
