/**
 * A page's articles, as the contract carries them: what was printed as one
 * story (or a brief, an ad, the page's furniture), its text in reading order,
 * where it is on the page, and the other part of a story that jumps.
 */
import * as z from 'zod';
import { ClipRegion } from './clips.ts';
import { EditionId } from './domain.ts';

/** An article's id: its edition, page and place in the page's reading order. */
export const ArticleId = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}:\d{4}-\d{2}-\d{2}(?:~[a-z0-9][a-z0-9-]{0,30})?\/\d{1,4}\/\d{1,3}$/,
    'is not an article id (edition/page/n)',
  );

export function articleId(edition: string, page: number, n: number): string {
  return `${edition}/${page}/${n}`;
}

/** The edition and page an article id names. */
export function parseArticleId(id: string): { edition: string; page: number; n: number } {
  const at = id.lastIndexOf('/', id.lastIndexOf('/') - 1);
  const [page, n] = id
    .slice(at + 1)
    .split('/')
    .map(Number) as [number, number];
  return { edition: id.slice(0, at), page, n };
}

export const ArticleKind = z.enum(['story', 'brief', 'ad', 'furniture']);

const Part = z.object({
  page: z.number().int().positive(),
  article: ArticleId,
  /** The line on this article's page that says so ("Continued on page 6"), to follow it by. */
  at: ClipRegion.optional(),
});

export const Article = z.object({
  id: ArticleId,
  edition: EditionId,
  page: z.number().int().positive(),
  kind: ArticleKind,
  headline: z.string(),
  deck: z.string().optional(),
  byline: z.string().optional(),
  paragraphs: z.array(z.string()),
  captions: z.array(z.string()),
  /** Where it is printed on its page, in PDF points (origin bottom-left), like a link's. */
  regions: z.array(ClipRegion),
  /** The part it continues in ("Continued on page 6"), and the part it continues. */
  continues: Part.optional(),
  continuedFrom: Part.optional(),
  /** A jump line that names a page, as printed, when no part there was found for it. */
  jump: z.object({ to: z.string().optional(), from: z.string().optional() }).optional(),
});

export type Article = z.infer<typeof Article>;
export type ArticleKind = z.infer<typeof ArticleKind>;
