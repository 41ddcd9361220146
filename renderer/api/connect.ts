/**
 * Picks the transport at start: the desktop preload's bridge when present,
 * else HTTP to the server that served this page. Nothing else in the renderer
 * knows which shell it runs in.
 */
import type { Api } from '../../main/common/api.ts';
import type { PaperboyBridge } from '../../main/common/bridge.ts';
import { type ClipFormat, clipPath, filePath, previewPath } from '../../main/common/file-urls.ts';
import { createHttpApi } from '../../main/common/http-api.ts';
import { createIpcApi } from '../../main/common/ipc-api.ts';
import { editionLink } from '../../main/common/share-link.ts';

declare global {
  interface Window {
    paperboy?: PaperboyBridge;
  }
}

export function connect(): Api {
  return window.paperboy
    ? createIpcApi(window.paperboy)
    : createHttpApi(new URL('./', document.baseURI));
}

/** Where an archive file is served, relative to the page in both shells. */
export function fileUrl(editionId: string, fileName: string): string {
  return new URL(filePath(editionId, fileName), document.baseURI).href;
}

/** Page n of an edition as a JPEG at a screen's height (core/file-answers/picture-file.ts). */
export function previewUrl(editionId: string, n: number): string {
  return new URL(previewPath(editionId, n), document.baseURI).href;
}

/** A clip's export (png, pdf or md), served by id in both shells. */
export function clipUrl(id: string, format: ClipFormat): string {
  return new URL(clipPath(id, format), document.baseURI).href;
}

/**
 * A link to a page, and regions on it (`page:x,y,w,h` or `x,y,w,h`), to keep or
 * send: paperboy:// on the desktop, this server's address in a browser.
 */
export function shareLink(edition: string, page: number, rects: string[] = []): string {
  return editionLink(
    window.paperboy ? 'paperboy://' : new URL('./', document.baseURI).href,
    edition,
    page,
    rects,
  );
}
