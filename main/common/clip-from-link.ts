/**
 * The clip that keeps a found link. Types only from the contract, so the
 * renderer can use it without bundling the schemas.
 */
import type { LinkResult, NewClip, Rect } from './clips.ts';

/** The story's regions on its first page, with where it came from. */
export function clipFromLink(result: LinkResult): NewClip | undefined {
  if (!result.found || !result.edition || !result.page) return undefined;
  return {
    edition: result.edition,
    page: result.page,
    rects: result.regions
      .filter((r) => r.page === result.page)
      .map((r): Rect => [r.x, r.y, r.w, r.h]),
    link: {
      ...(result.headline.web && { webHeadline: result.headline.web }),
      ...(result.headline.print && { printHeadline: result.headline.print }),
      ...(result.parsed.url && { url: result.parsed.url }),
      score: result.score,
      matched: result.matched,
    },
  };
}
