/**
 * The address of an edition's page, and of regions on it, from outside the app
 * (routeForDeepLink in deep-link.ts reads it back):
 *   paperboy://edition/<edition-id>/page/<n>?rect=x,y,w,h   the desktop app
 *   <serve's address>edition/<edition-id>/page/<n>?rect=…   paperboy serve
 * Plain TypeScript with no package, so the renderer builds it too.
 */
export function editionLink(
  base: string,
  edition: string,
  page: number,
  rects: string[] = [],
): string {
  const query = new URLSearchParams(rects.map((rect): [string, string] => ['rect', rect]));
  const path = `edition/${encodeURIComponent(edition)}/page/${page}${rects.length ? `?${query}` : ''}`;
  return base === 'paperboy://' ? `paperboy://${path}` : new URL(path, base).href;
}
