/**
 * Paperboy's domain: sources, editions and pages, as runtime schemas (zod) so
 * every transport validates what it receives, and as the types derived from them.
 */
import * as z from 'zod';

/** A source id is a slug: it names a folder in the archive and part of an edition id. */
export const SourceId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a slug of a-z, 0-9 and "-" (at most 63)');

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine(isRealDate, 'is not a real calendar date');

/** Optional suffix for papers with several editions a day ("late", "city"). */
export const EditionName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,30}$/, 'must be a short slug');

/** `<source>:<YYYY-MM-DD>[~<edition>]`; never a path. */
export const EditionId = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}:\d{4}-\d{2}-\d{2}(?:~[a-z0-9][a-z0-9-]{0,30})?$/,
    'is not an edition id (source:YYYY-MM-DD)',
  );

export const SourceKind = z.enum([
  'import',
  'sample',
  'template',
  'feed',
  'manifest',
  'folder',
  'loc',
]);

export const Source = z.object({
  id: SourceId,
  name: z.string(),
  kind: SourceKind,
});

/** One page of an edition: which file holds it, and where in that file. */
export const Page = z.object({
  n: z.number().int().positive(),
  file: z.string(),
  index: z.number().int().positive(),
  width: z.number().positive(),
  height: z.number().positive(),
  label: z.string().optional(),
  /** The section the page belongs to (Sport, Business…), when the source names it. */
  section: z.string().optional(),
});

export const EditionFile = z.object({
  name: z.string().regex(/^[a-z0-9-]+\.pdf$/),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  pages: z.number().int().positive(),
});

/** Why an edition's date is uncertain, and the date the evidence suggests instead. */
export const DateCheck = z.object({
  reason: z.string(),
  suggested: IsoDate.optional(),
});

export const Edition = z.object({
  id: EditionId,
  source: Source,
  date: IsoDate,
  edition: EditionName.optional(),
  title: z.string(),
  sample: z.boolean(),
  importedAt: z.string(),
  files: z.array(EditionFile).min(1),
  pages: z.array(Page).min(1),
  /** Set when the date was guessed and the reader should confirm it (cleared by an edit). */
  dateCheck: DateCheck.optional(),
});

export const EditionSummary = z.object({
  id: EditionId,
  source: SourceId,
  sourceName: z.string(),
  date: IsoDate,
  title: z.string(),
  pages: z.number().int().positive(),
  sample: z.boolean(),
  /** Width / height of page 1, so a shelf can lay out before it renders. */
  aspect: z.number().positive(),
  /** Where page 1 is: the file and the page within it. */
  cover: z.object({ file: z.string(), index: z.number().int().positive() }),
  dateCheck: DateCheck.optional(),
});

export type SourceId = z.infer<typeof SourceId>;
export type Source = z.infer<typeof Source>;
export type SourceKind = z.infer<typeof SourceKind>;
export type Page = z.infer<typeof Page>;
export type EditionFile = z.infer<typeof EditionFile>;
export type Edition = z.infer<typeof Edition>;
export type DateCheck = z.infer<typeof DateCheck>;
export type EditionSummary = z.infer<typeof EditionSummary>;

export function editionId(source: string, date: string, edition?: string): string {
  return edition ? `${source}:${date}~${edition}` : `${source}:${date}`;
}

export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
