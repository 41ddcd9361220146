/**
 * Where the shells serve archive files and clips, declared once: the HTTP
 * server and the paperboy:// protocol answer these paths, and the renderer
 * builds its URLs from them (relative to the page, so the same in both shells).
 * Files are named by ids, never by a path on disk.
 */
export const FILES_PREFIX = '/files/';
export const CLIPS_PREFIX = '/clips/';
/** Front pages as small images, made once and kept (see core/file-answers/picture-file.ts). */
export const COVERS_PREFIX = '/covers/';
/** Pages at a screen's height, shown while pdf.js draws them (see core/file-answers/picture-file.ts). */
export const PREVIEWS_PREFIX = '/previews/';
export const CLIP_FORMATS = ['png', 'pdf', 'md'] as const;
export type ClipFormat = (typeof CLIP_FORMATS)[number];

/** An edition's file, relative to the page: files/<edition-id>/<file>. */
export function filePath(editionId: string, fileName: string): string {
  return `${FILES_PREFIX.slice(1)}${encodeURIComponent(editionId)}/${fileName}`;
}

/** A clip's export, relative to the page: clips/<id>.<format>. */
export function clipPath(id: string, format: ClipFormat): string {
  return `${CLIPS_PREFIX.slice(1)}${id}.${format}`;
}

/** An edition's front page as a small JPEG, relative to the page: covers/<edition-id>.jpg. */
export function coverPath(editionId: string): string {
  return `${COVERS_PREFIX.slice(1)}${encodeURIComponent(editionId)}.jpg`;
}

/** Page n of an edition as a JPEG at a screen's height, relative to the page: previews/<edition-id>/<n>.jpg. */
export function previewPath(editionId: string, n: number): string {
  return `${PREVIEWS_PREFIX.slice(1)}${encodeURIComponent(editionId)}/${n}.jpg`;
}
