/**
 * The reader's address in the renderer, declared once: every link to an edition
 * builds it here, and the router and deep links read it here.
 *   #/read/<edition-id>           the reader where it was left in that edition
 *   #/read/<edition-id>/<n>       page n
 *   …?q=<query>                   a search's hits marked, Enter stepping through them
 *   …?rect=<page>:x,y,w,h         regions outlined (repeated), PDF points
 */
export interface ReaderRoute {
  edition: string;
  page?: number;
  query?: string;
  /** `page:x,y,w,h` (or `x,y,w,h` on the route's page). */
  rects?: readonly string[];
}

const PATH = /^#\/read\/([^/?]+)(?:\/(\d+))?$/;

export function readerRoute({ edition, page, query, rects = [] }: ReaderRoute): string {
  const params = new URLSearchParams();
  if (query) params.set('q', query);
  for (const rect of rects) params.append('rect', rect);
  const path = `#/read/${encodeURIComponent(edition)}${page === undefined ? '' : `/${page}`}`;
  return params.size ? `${path}?${params}` : path;
}

/** The route of a location's hash (`#/read/…?…`), or undefined for any other. */
export function parseReaderRoute(hash: string): ReaderRoute | undefined {
  const [path = '', search = ''] = hash.split('?');
  const match = PATH.exec(path);
  if (!match) return undefined;
  let edition: string;
  try {
    edition = decodeURIComponent(match[1]!);
  } catch {
    return undefined;
  }
  const params = new URLSearchParams(search);
  const rects = params.getAll('rect');
  const query = params.get('q');
  return {
    edition,
    ...(match[2] && { page: Number(match[2]) }),
    ...(query && { query }),
    ...(rects.length && { rects }),
  };
}
