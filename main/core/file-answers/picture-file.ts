/**
 * An edition's pages as images, drawn in a PDF worker and kept under the
 * archive's state folder by the sha256 of the file they were drawn from (so a
 * corrected edition keeps them, and a replaced one gets new ones):
 *   /covers/<edition-id>.jpg      page 1, small: the library's cards, OPDS
 *                                 thumbnails; drawn when first asked for.
 *   /previews/<edition-id>/<n>.jpg page n at a screen's height: what the reader
 *                                 shows at once while pdf.js starts and draws the
 *                                 page.
 * A running shell (serve, the desktop app) draws an edition's cover and page 1's
 * preview once the edition it delivered or imported is indexed (drawPictures),
 * so they are there when first asked for. A picture deleted, or never made (an
 * edition the CLI imported), is drawn from the PDF when first asked for.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { type EditionFile, EditionId, type Page } from '../../common/domain.ts';
import { ApiError } from '../../common/errors.ts';
import { COVERS_PREFIX, PREVIEWS_PREFIX } from '../../common/file-urls.ts';
import { writeFileAtomic } from '../../node/write-file-atomic.ts';
import type { Archive } from '../archive/archive.ts';
import { STATE_DIR } from '../archive/layout.ts';
import { pdfPool } from '../pdf/pdf-pool.ts';
import type { FileAnswer } from './archive-file.ts';

/** A cover's width in pixels: an OPDS reader's grid, a library card of 240 CSS px on a 2× screen. */
export const COVER_PIXELS = 480;
/**
 * A preview's height in pixels: a page fitted to a 1600-pixel-high view (a
 * 1080p screen at 1.5×, a laptop's at 2×) is drawn from it at its own
 * resolution or finer. A spread is held to PREVIEW_MAX_WIDTH.
 */
export const PREVIEW_PIXELS = 1600;
const PREVIEW_MAX_WIDTH = 2400;
const COVER_FILE = /^([^/]+)\.jpg$/;
const PREVIEW_FILE = /^([^/]+)\/([1-9]\d{0,4})\.jpg$/;
/** Pictures being drawn, so two asks at once draw one. */
const drawing = new Map<string, Promise<Uint8Array>>();
/** Pictures being drawn because a reader asked for them: drawing ahead waits for them. */
const asked = new Set<Promise<unknown>>();

type Picture = 'cover' | 'preview';

export async function answerPictureFile(archive: Archive, pathname: string): Promise<FileAnswer> {
  const text = (status: number, message: string): FileAnswer => ({
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    message,
  });
  const cover = pathname.startsWith(COVERS_PREFIX);
  const match = cover
    ? COVER_FILE.exec(pathname.slice(COVERS_PREFIX.length))
    : PREVIEW_FILE.exec(pathname.slice(PREVIEWS_PREFIX.length));
  let id = '';
  try {
    id = decodeURIComponent(match?.[1] ?? '');
  } catch {
    // not an id
  }
  if (!EditionId.safeParse(id).success)
    return text(
      400,
      cover
        ? 'Covers are addressed as /covers/<edition-id>.jpg'
        : 'Previews are addressed as /previews/<edition-id>/<page>.jpg',
    );
  try {
    const wanted = pictureOf(
      archive,
      id,
      cover ? 1 : Number(match![2]),
      cover ? 'cover' : 'preview',
    );
    asked.add(wanted);
    const bytes = await wanted.finally(() => asked.delete(wanted));
    return {
      status: 200,
      headers: {
        'content-type': 'image/jpeg',
        'content-length': String(bytes.byteLength),
        // Not kept by the browser: a replaced edition's pictures change under the same address.
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
  return pictureOf(archive, id, 1, 'cover');
}

/**
 * Draws what an edition shows first, its cover and page 1's preview, where not
 * kept already. Pictures a reader is waiting for (a library of covers coming
 * into view) are drawn first: each picture here waits until none is.
 */
export async function drawPictures(archive: Archive, id: string): Promise<void> {
  const place = placeOf(archive, id, 1);
  for (const kind of ['cover', 'preview'] as const) {
    while (asked.size > 0) await Promise.allSettled([...asked]);
    const kept = await fs.access(keptAt(archive, place, kind)).then(
      () => true,
      () => false,
    );
    if (!kept) await pictureOf(archive, id, 1, kind);
  }
}

/**
 * Deletes the pictures of files no edition is made of any more (an edition
 * removed, or replaced by other files): they are kept by their file's hash, so
 * nothing else would. A picture being drawn is left. Resolves with how many went.
 */
export async function sweepPictures(archive: Archive): Promise<number> {
  const dir = path.join(archive.root, STATE_DIR, 'covers');
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  if (names.length === 0) return 0;
  const held = new Set([...archive.catalog.fileHashes()].map((sha) => sha.slice(0, 32)));
  let swept = 0;
  for (const name of names) {
    const hash = /^([0-9a-f]{32})-\d+-(?:\d+|h\d+)\.jpg$/.exec(name)?.[1];
    const file = path.join(dir, name);
    if (!hash || held.has(hash) || drawing.has(file)) continue;
    await fs.rm(file, { force: true });
    swept++;
  }
  return swept;
}

/** Page n of an edition, and the file that holds it. */
interface Place {
  page: Page;
  file: EditionFile;
}

function placeOf(archive: Archive, id: string, n: number): Place {
  const edition = archive.get(id);
  const page = edition.pages[n - 1];
  if (!page) throw new ApiError('not-found', `${id} has no page ${n}.`);
  return { page, file: edition.files.find((f) => f.name === page.file)! };
}

function keptAt(archive: Archive, { page, file }: Place, kind: Picture): string {
  const size = kind === 'cover' ? `${COVER_PIXELS}` : `h${PREVIEW_PIXELS}`;
  return path.join(
    archive.root,
    STATE_DIR,
    'covers',
    `${file.sha256.slice(0, 32)}-${page.index}-${size}.jpg`,
  );
}

/** Page n as a picture, from the disk, or drawn and kept there. */
async function pictureOf(
  archive: Archive,
  id: string,
  n: number,
  kind: Picture,
): Promise<Uint8Array> {
  const place = placeOf(archive, id, n);
  const { page } = place;
  const kept = keptAt(archive, place, kind);
  const onDisk = await fs.readFile(kept).catch(() => undefined);
  if (onDisk) return onDisk;
  const running = drawing.get(kept);
  if (running) return running;
  const draw = (async () => {
    const { path: pdf } = await archive.file(id, page.file);
    const scale =
      kind === 'cover'
        ? COVER_PIXELS / page.width
        : Math.min(PREVIEW_PIXELS / page.height, PREVIEW_MAX_WIDTH / page.width);
    const bytes = await pdfPool().render(pdf, page.file, {
      index: page.index,
      dpi: scale * 72,
      format: 'jpeg',
    });
    // Kept if it can be, and if the edition still holds the file (it may have been
    // removed while the page was drawn, and swept: sweepPictures); served either way.
    const still = archive.catalog
      .getEdition(id)
      ?.edition.files.some((f) => f.sha256 === place.file.sha256);
    if (still) {
      await fs.mkdir(path.dirname(kept), { recursive: true });
      await writeFileAtomic(kept, bytes).catch(() => {});
    }
    return bytes;
  })().finally(() => drawing.delete(kept));
  drawing.set(kept, draw);
  return draw;
}
