/**
 * Clippings and links on the contract: what the parser read from a clipping,
 * and where the linker found the story in the archive.
 */
import { z } from 'zod';

/** A rectangle on a page in PDF user space: points, origin at the page's bottom-left. */
export const ClipRegion = z.object({
  page: z.number().int().positive(),
  x: z.number(),
  y: z.number(),
  w: z.number().nonnegative(),
  h: z.number().nonnegative(),
});

export const ParsedClipping = z.object({
  headline: z.string().optional(),
  byline: z.string().optional(),
  agency: z.string().optional(),
  /** ISO 8601 with the clipping's own offset, e.g. 2025-12-19T17:45+05:30. */
  published: z.string().optional(),
  updated: z.string().optional(),
  dateline: z.string().optional(),
  url: z.string().optional(),
  site: z.string().optional(),
  /** Words in the body. */
  words: z.number().int().nonnegative(),
});

export const LinkCandidate = z.object({
  edition: z.string(),
  source: z.string(),
  date: z.string(),
  page: z.number().int().positive(),
  pages: z.array(z.number().int().positive()),
  score: z.number().min(0).max(1),
  /** Whether the score clears the linker's threshold: the story is printed there too. */
  linked: z.boolean(),
});

export const LinkResult = z.object({
  found: z.boolean(),
  edition: z.string().optional(),
  source: z.string().optional(),
  date: z.string().optional(),
  /** The page where the story starts; `pages` adds the pages it continues on. */
  page: z.number().int().positive().optional(),
  pages: z.array(z.number().int().positive()),
  regions: z.array(ClipRegion),
  /** Confidence in [0, 1]; below the linker's threshold the story is "not found". */
  score: z.number().min(0).max(1),
  /** The fraction of the clipping's words found in print. */
  matched: z.number().min(0).max(1),
  headline: z.object({ web: z.string().optional(), print: z.string().optional() }),
  /** The next-best editions (the same story in another paper ranks here). */
  candidates: z.array(LinkCandidate),
  parsed: ParsedClipping,
  /** What was searched, for a "not found" that says where it looked. */
  searched: z.object({
    from: z.string().optional(),
    to: z.string().optional(),
    sources: z.array(z.string()),
    pages: z.number().int().nonnegative(),
    unreadable: z.number().int().nonnegative(),
  }),
});

export type ClipRegion = z.infer<typeof ClipRegion>;
export type ParsedClipping = z.infer<typeof ParsedClipping>;
export type LinkCandidate = z.infer<typeof LinkCandidate>;
export type LinkResult = z.infer<typeof LinkResult>;
