/**
 * Deep links to a page, and to a region on it (a clip, a linked story):
 *   paperboy://edition/<edition-id>/page/<n>?rect=x,y,w,h   (the desktop app)
 *   http://127.0.0.1:4817/edition/<edition-id>/page/<n>?rect=…  (paperboy serve)
 * Both become the renderer's route #/read/<edition-id>/<n>?rect=…. Anything
 * else is not a deep link; the parts are validated, never passed through.
 */
import { EditionId } from './domain.ts';
import { readerRoute } from './reader-route.ts';
import { editionLink } from './share-link.ts';

const RECT = /^(?:\d+:)?-?\d+(?:\.\d+)?,-?\d+(?:\.\d+)?,\d+(?:\.\d+)?,\d+(?:\.\d+)?$/;

export function routeForDeepLink(link: string): string | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  // paperboy://edition/… has "edition" as its host; on the server it is the first path segment.
  const parts = [
    ...(url.protocol === 'paperboy:' ? [url.hostname] : []),
    ...url.pathname.split('/').filter(Boolean),
  ];
  if (parts.length !== 4 || parts[0] !== 'edition' || parts[2] !== 'page') return undefined;
  let id: string;
  try {
    id = decodeURIComponent(parts[1]!);
  } catch {
    return undefined;
  }
  const page = Number(parts[3]);
  if (!EditionId.safeParse(id).success || !Number.isInteger(page) || page < 1) return undefined;
  const rects = url.searchParams.getAll('rect').filter((rect) => RECT.test(rect));
  return readerRoute({ edition: id, page, rects });
}

/** The deep link to a page, and regions on it, for the desktop app. */
export function deepLink(edition: string, page: number, rects: string[] = []): string {
  return editionLink('paperboy://', edition, page, rects);
}
