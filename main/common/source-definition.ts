/**
 * A source definition: how Paperboy finds a paper's edition for a date. It is a
 * JSON file (README: "Sources"), validated here so a bad one is rejected with the
 * field and the reason. The kinds:
 *   template  a URL with date tokens; pages enumerated with {page}, or one whole-edition PDF
 *   manifest  a URL (with date tokens) answering Paperboy's open edition manifest
 *   feed      an RSS 2.0 / Atom feed whose items carry PDF enclosures
 *   folder    a local folder of PDFs whose names carry the date
 *   loc       a title in the Library of Congress's Chronicling America (loc.gov JSON API)
 */
import * as z from 'zod';
import { SourceId } from './domain.ts';

const HttpUrl = z
  .string()
  .url('must be a URL')
  .refine((value) => /^https?:\/\//i.test(value), 'must be an http(s) URL');

const TimeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'is not a time zone (use an IANA name such as Europe/London)');

export const SOURCE_KINDS = ['template', 'manifest', 'feed', 'folder', 'loc'] as const;

export const SourceDefinition = z
  .object({
    id: SourceId,
    name: z.string().trim().min(1, 'must not be empty').max(200),
    kind: z.enum(SOURCE_KINDS, { message: `must be one of ${SOURCE_KINDS.join(', ')}` }),
    url: HttpUrl.optional(),
    pages: z
      .object({
        /** Exactly this many pages. */
        count: z.number().int().min(1).max(2000).optional(),
        /** Enumerate from 1 until the first miss, at most this many. */
        max: z.number().int().min(1).max(2000).optional(),
      })
      .strict()
      .optional(),
    folder: z.string().min(1).optional(),
    /** File names in a folder source, with date tokens and * (default {yyyy}-{mm}-{dd}*.pdf). */
    pattern: z.string().min(1).optional(),
    timezone: TimeZone,
    schedule: z
      .object({
        at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM'),
        /** ISO weekdays, 1 = Monday … 7 = Sunday; all days when absent. */
        days: z.array(z.number().int().min(1).max(7)).min(1).optional(),
      })
      .strict(),
    retention: z
      .object({
        days: z.number().int().positive().optional(),
        gigabytes: z.number().positive().optional(),
      })
      .strict()
      .optional(),
    headers: z
      .record(z.string().regex(/^[A-Za-z0-9-]+$/, 'is not a header name'), z.string())
      .optional(),
    /** Politeness: at most this many requests a minute to the source's host. */
    requestsPerMinute: z.number().positive().max(6000).optional(),
    /**
     * The slot may still hold an older edition (Freedom Forum reuses one per day of
     * the month): a page whose PDF was made more than this many days before the
     * date asked for is taken as "not out yet".
     */
    maxAgeDays: z.number().int().min(0).max(60).optional(),
    /** `loc`: the title's LCCN (Library of Congress Control Number), e.g. sn83045462. */
    lccn: z
      .string()
      .regex(/^[a-z]{0,3}\d{8,10}$/, 'is not an LCCN (like sn83045462)')
      .optional(),
    /** Deliver the edition of this many years before each date ("100 years ago today"). */
    yearsAgo: z.number().int().min(1).max(400).optional(),
    /**
     * The languages its scanned pages are read in by OCR (Tesseract's codes:
     * kan, hin, deu…), in place of the reader's setting.
     */
    ocrLanguages: z
      .array(z.string().regex(/^[a-z]{3}(_[a-z]+)?$/, 'is not an OCR language code (like kan)'))
      .min(1, 'names at least one language')
      .max(8)
      .optional(),
  })
  .strict()
  .superRefine((def, context) => {
    const need = (field: 'url' | 'folder' | 'lccn', why: string) => {
      if (def[field] === undefined)
        context.addIssue({ code: 'custom', path: [field], message: why });
    };
    if (def.kind === 'folder') need('folder', 'is required for a folder source');
    else if (def.kind === 'loc') need('lccn', 'is required for a loc source');
    else need('url', `is required for a ${def.kind} source`);
    if (def.kind === 'template' && def.url) {
      const paged = /\{page(?::\d)?\}/.test(def.url);
      if (!paged && def.pages) {
        context.addIssue({
          code: 'custom',
          path: ['pages'],
          message: 'needs a {page} token in url',
        });
      }
      if (paged && def.pages?.count && def.pages.max) {
        context.addIssue({
          code: 'custom',
          path: ['pages'],
          message: 'takes count or max, not both',
        });
      }
    }
  });

export type SourceDefinition = z.infer<typeof SourceDefinition>;

/** Paperboy's open edition manifest (README: "The edition manifest format"). */
export const EditionManifest = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD'),
  title: z.string().optional(),
  pdf: z.string().min(1).optional(),
  pages: z
    .array(
      z.object({
        n: z.number().int().positive(),
        url: z.string().min(1),
        label: z.string().optional(),
        section: z.string().optional(),
      }),
    )
    .default([]),
});

export type EditionManifest = z.infer<typeof EditionManifest>;

/** The first problem with a definition, as "field: reason", or undefined when it is valid. */
export function definitionProblem(value: unknown): string | undefined {
  const parsed = SourceDefinition.safeParse(value);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.length ? issue.path.join('.') : 'definition';
  const message =
    issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.join(', ')}` : issue.message;
  return `${field}: ${message}`;
}
