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

/** A run of words in the web-versus-print diff. */
export const DiffSegment = z.object({
  /** same: in both; cut: in the web version only; added: in print only. */
  op: z.enum(['same', 'cut', 'added']),
  text: z.string(),
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
  /** The article the story was found in (articles.get gives all of it). */
  article: z.object({ id: z.string(), headline: z.string() }).optional(),
  /** The columns of the start page the story spans, when they can be told (1-based). */
  columns: z.tuple([z.number().int().positive(), z.number().int().positive()]).optional(),
  /** Confidence in [0, 1]; below the linker's threshold the story is "not found". */
  score: z.number().min(0).max(1),
  /** The fraction of the clipping's words found in print. */
  matched: z.number().min(0).max(1),
  headline: z.object({ web: z.string().optional(), print: z.string().optional() }),
  /** What print cut, added or reworded, word by word (when found). */
  diff: z.array(DiffSegment).optional(),
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
export type DiffSegment = z.infer<typeof DiffSegment>;
export type LinkCandidate = z.infer<typeof LinkCandidate>;
export type LinkResult = z.infer<typeof LinkResult>;

/** [x, y, width, height] in PDF points, origin at the page's bottom-left. */
export const Rect = z.tuple([z.number(), z.number(), z.number().positive(), z.number().positive()]);
export const ClipId = z.string().regex(/^[a-z0-9]{12}$/, 'is not a clip id');
const Tag = z.string().trim().min(1).max(40);

/** Where a clip came from when the linker found it: the web story it is the print version of. */
export const ClipLink = z.object({
  webHeadline: z.string().optional(),
  printHeadline: z.string().optional(),
  url: z.string().optional(),
  score: z.number().min(0).max(1),
  matched: z.number().min(0).max(1),
});

/** Another part of a clipped story, on another page (a story that jumps), in reading order. */
export const ClipPart = z.object({
  page: z.number().int().positive(),
  rects: z.array(Rect).min(1).max(50),
});

export const Clip = z.object({
  id: ClipId,
  /** ISO 8601 instant. */
  created: z.string(),
  title: z.string(),
  edition: z.string(),
  source: z.string(),
  date: z.string(),
  page: z.number().int().positive(),
  /** The regions on the page; the image is their bounding box. */
  rects: z.array(Rect).min(1).max(50),
  /** The story's other parts (where it jumps): the image stacks each part's box under the first's. */
  more: z.array(ClipPart).max(4).optional(),
  dpi: z.number().int().min(36).max(600),
  /** The printed text inside the regions, in reading order. */
  text: z.string(),
  note: z.string(),
  tags: z.array(Tag),
  link: ClipLink.optional(),
});

export const NewClip = z
  .object({
    edition: z.string().max(120),
    page: z.number().int().positive(),
    rects: z.array(Rect).min(1).max(50),
    more: z.array(ClipPart).max(4).optional(),
    title: z.string().trim().max(300).optional(),
    dpi: z.number().int().min(36).max(600).optional(),
    note: z.string().max(20_000).optional(),
    tags: z.array(Tag).max(30).optional(),
    link: ClipLink.optional(),
  })
  .strict();

export const ClipChanges = z
  .object({
    id: ClipId,
    title: z.string().trim().min(1).max(300).optional(),
    note: z.string().max(20_000).optional(),
    tags: z.array(Tag).max(30).optional(),
  })
  .strict();

export type Rect = z.infer<typeof Rect>;
export type Clip = z.infer<typeof Clip>;
export type ClipLink = z.infer<typeof ClipLink>;
export type NewClip = z.infer<typeof NewClip>;
export type ClipChanges = z.infer<typeof ClipChanges>;
