/**
 * The contract every shell serves: each method once, with its argument and
 * result schemas, and each event with its payload schema. The IPC bridge, the
 * HTTP server and the clients loop over these lists; nobody writes a channel by hand.
 */
import * as z from 'zod';
import { Article, ArticleId } from './articles.ts';
import { Clip, ClipChanges, ClipId, ClipRegion, LinkResult, NewClip } from './clips.ts';
import {
  DateCheck,
  Edition,
  EditionId,
  EditionName,
  EditionSummary,
  IsoDate,
  Source,
  SourceId,
} from './domain.ts';
import type { ErrorData } from './errors.ts';
import { CLIP_FORMATS } from './file-urls.ts';
import { PublicSettingsSchema, ReadingPositionSchema } from './settings-schema.ts';
import { SourceDefinition } from './source-definition.ts';
import { MAX_CHUNK_BYTES, MAX_UPLOAD_BYTES } from './upload-limits.ts';

const PublicSettings = PublicSettingsSchema;

/** Where a reader left an edition (settings-schema.ts). */
export const ReadingPosition = ReadingPositionSchema;

const SourcePreview = z.object({
  date: IsoDate,
  reason: z.string().optional(),
  more: z.number().int().optional(),
  pages: z.array(
    z.object({
      n: z.number().int(),
      url: z.string(),
      bytes: z.number().int().optional(),
      label: z.string().optional(),
    }),
  ),
});

const FetchReport = z.object({
  editions: z.array(
    z.object({
      id: EditionId,
      source: SourceId,
      date: IsoDate,
      pages: z.number().int(),
      bytes: z.number().int(),
    }),
  ),
  missing: z.array(IsoDate),
  errors: z.array(z.object({ source: SourceId, date: IsoDate, reason: z.string() })),
});

const Box = z.tuple([z.number(), z.number(), z.number(), z.number()]);

const SearchResult = z.object({
  total: z.number().int().nonnegative(),
  /** False when more pages match than were counted: `total` is then a lower bound. */
  exact: z.boolean(),
  tookMs: z.number().nonnegative(),
  hits: z.array(
    z.object({
      edition: EditionId,
      source: SourceId,
      date: IsoDate,
      page: z.number().int().positive(),
      snippet: z.string(),
      /** Hit boxes in PDF space: [x, y, width, height], origin bottom-left. */
      boxes: z.array(Box),
      /** The article the first hit is in (its id, headline and where it is printed). */
      article: z
        .object({ id: ArticleId, headline: z.string(), regions: z.array(ClipRegion) })
        .optional(),
    }),
  ),
});

const PageTextResult = z.object({
  edition: EditionId,
  page: z.number().int().positive(),
  /** good: a text layer; none / garbage: no usable text yet; ocr: read from the scan. */
  quality: z.enum(['good', 'none', 'garbage', 'ocr']),
  text: z.string(),
  words: z.array(z.object({ text: z.string(), box: Box })),
});

const ArchiveInfo = z.object({
  editions: z.number().int().nonnegative(),
  sources: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  /** Editions whose text is still being read into the index. */
  indexing: z.number().int().nonnegative(),
  /** The archive's folder on the machine that serves it. */
  root: z.string(),
  /** Whether that is the default folder (~/Paperboy), not one chosen. */
  defaultRoot: z.boolean(),
  /** Whether this shell can move to another folder (`archive.relocate`): the desktop app's. */
  relocatable: z.boolean(),
  version: z.string(),
});

/**
 * What an import may say of the edition, as the CLI's flags do (each checked
 * in words by the import itself): its paper, date, title and edition name, and
 * whether it replaces one with other files.
 */
const ImportNaming = {
  source: z.string().max(200).optional(),
  sourceName: z.string().max(200).optional(),
  date: z.string().max(40).optional(),
  title: z.string().max(300).optional(),
  edition: z.string().max(100).optional(),
  replace: z.boolean().optional(),
};

const ImportResult = z.object({
  edition: Edition,
  /** False when the same edition, byte for byte, was already in the archive. */
  created: z.boolean(),
  replaced: z.boolean(),
  dateFrom: z.enum(['option', 'file name', 'masthead', 'metadata', 'import day']),
  /** Why the date is uncertain, when it is: the reader is asked to confirm it. */
  dateCheck: DateCheck.optional(),
});

/** A file being received for import (uploads.begin). */
const UploadId = z.string().regex(/^[0-9a-f]{24}$/, 'is not an upload id');

const PageRef = { edition: EditionId, page: z.number().int().positive() };

const OcrReport = z.object({
  pages: z.number().int().nonnegative(),
  read: z.array(z.object({ ...PageRef, words: z.number().int().nonnegative() })),
  failed: z.array(z.object({ ...PageRef, reason: z.string() })),
});

export const methods = {
  /** Editions, newest first; filter by source and date range. */
  'editions.list': {
    args: z
      .object({
        source: SourceId.optional(),
        from: IsoDate.optional(),
        to: IsoDate.optional(),
        limit: z.number().int().positive().max(10_000).optional(),
      })
      .strict(),
    result: z.array(EditionSummary),
  },
  'editions.get': {
    args: z.object({ id: EditionId }).strict(),
    result: Edition,
  },
  /**
   * Imports a whole-edition PDF, a folder of page PDFs, or page files in order,
   * from this machine's disk. Local only: never served over IPC or HTTP, whose
   * callers may not name a path.
   */
  'editions.import': {
    local: true,
    mutates: true,
    args: z
      .object({
        path: z.union([z.string().min(1).max(4096), z.array(z.string().min(1).max(4096)).min(1)]),
        ...ImportNaming,
      })
      .strict(),
    result: ImportResult,
  },
  /**
   * Starts receiving a file to import (dropped on the app or picked in it): its
   * name, as the reader's disk has it, and its size. The bytes follow in order
   * with `uploads.append`; `editions.importUploads` imports the files.
   */
  'uploads.begin': {
    mutates: true,
    args: z
      .object({
        name: z.string().min(1).max(255),
        bytes: z.number().int().positive().max(MAX_UPLOAD_BYTES),
      })
      .strict(),
    result: z.object({ upload: UploadId }),
  },
  /** The next chunk of an upload's bytes (at most 4 MiB), in base64, at `offset`. */
  'uploads.append': {
    mutates: true,
    args: z
      .object({
        upload: UploadId,
        offset: z.number().int().nonnegative().max(MAX_UPLOAD_BYTES),
        data: z.base64().max(Math.ceil(MAX_CHUNK_BYTES / 3) * 4),
      })
      .strict(),
    result: z.object({ received: z.number().int().nonnegative() }),
  },
  /** Forgets an upload and what was received of it. */
  'uploads.cancel': {
    mutates: true,
    args: z.object({ upload: UploadId }).strict(),
    result: z.object({ cancelled: z.literal(true) }),
  },
  /**
   * Imports received files as one edition (one whole-edition PDF, or pages in
   * order), with the checks of `editions.import`. `named` is where the reader had
   * them: the file's name, or a dropped folder's path ("evening-star/1921-03-01"),
   * which says the paper and the date. The uploads are used up, unless the import
   * is refused as a conflict (then they stay, to import again with `replace`).
   */
  'editions.importUploads': {
    mutates: true,
    args: z
      .object({
        uploads: z.array(UploadId).min(1).max(2000),
        named: z.string().min(1).max(4096),
        folder: z.boolean().optional(),
        ...ImportNaming,
      })
      .strict(),
    result: ImportResult,
  },
  /**
   * Removes the edition's files and its catalog row. An edition clips were made
   * on is refused unless `clipped: true` says the reader knows (the clips stay,
   * with their images, but their page goes).
   */
  'editions.remove': {
    mutates: true,
    args: z.object({ id: EditionId, clipped: z.boolean().optional() }).strict(),
    result: z.object({ removed: z.literal(true) }),
  },
  /**
   * Corrects an edition: its paper (an existing one by id, or a new one by name),
   * date, edition name or title. Its id follows its paper and date; its text, OCR,
   * articles, clips and reading position go with it. Giving the date (even the same
   * one) confirms it: an uncertain date is then no longer flagged.
   */
  'editions.edit': {
    mutates: true,
    args: z
      .object({
        id: EditionId,
        source: SourceId.optional(),
        sourceName: z.string().trim().min(1).max(200).optional(),
        date: IsoDate.optional(),
        edition: EditionName.nullable().optional(),
        title: z.string().trim().min(1).max(300).optional(),
      })
      .strict()
      .refine(
        (a) => Object.keys(a).some((key) => key !== 'id'),
        'give a change: source, sourceName, date, edition or title',
      ),
    result: z.object({
      edition: Edition,
      /** The id it had: another when its paper or date changed. */
      previous: EditionId,
      /** Clips made on it, which now name its new id. */
      clips: z.number().int().nonnegative(),
    }),
  },
  /** Every source: those with editions in the archive and those defined for delivery. */
  'sources.list': {
    args: z.object({}).strict(),
    result: z.array(
      Source.extend({
        definition: SourceDefinition.optional(),
        /** Space its editions take in the archive. */
        bytes: z.number().int().nonnegative(),
        editions: z.number().int().nonnegative(),
        /** Editions past the source's retention that stay because clips were made on them. */
        held: z
          .object({
            editions: z.number().int().nonnegative(),
            bytes: z.number().int().nonnegative(),
          })
          .optional(),
        health: z
          .object({
            lastSuccess: z.object({ date: IsoDate, at: z.string() }).optional(),
            lastFailure: z.object({ date: IsoDate, at: z.string(), reason: z.string() }).optional(),
            /** When the schedule next looks for an edition (ISO time). */
            nextRun: z.string().optional(),
          })
          .optional(),
      }),
    ),
  },
  /** Ready-made definitions for real public sources. */
  'sources.presets': {
    args: z.object({}).strict(),
    result: z.array(SourceDefinition),
  },
  /** Adds or replaces a source definition. */
  'sources.add': {
    mutates: true,
    args: z.object({ definition: SourceDefinition }).strict(),
    result: SourceDefinition,
  },
  /** Removes a source definition; its editions stay in the archive. */
  'sources.remove': {
    mutates: true,
    args: z.object({ id: SourceId }).strict(),
    result: z.object({ removed: z.literal(true) }),
  },
  /**
   * What a source would fetch for a date (default: today there), without fetching
   * it: a defined source by id, or a definition not yet added (a preview).
   */
  'sources.test': {
    args: z
      .object({
        id: SourceId.optional(),
        definition: SourceDefinition.optional(),
        date: IsoDate.optional(),
      })
      .strict()
      .refine(
        (a) => (a.id === undefined) !== (a.definition === undefined),
        'give either id or definition',
      ),
    result: SourcePreview,
  },
  /**
   * Fetches editions now: one source or all, for a date (default today) or a
   * range. `refetch` fetches editions the archive has again, and replaces those
   * whose files the publisher has changed.
   */
  'delivery.fetch': {
    mutates: true,
    args: z
      .object({
        source: SourceId.optional(),
        date: IsoDate.optional(),
        from: IsoDate.optional(),
        to: IsoDate.optional(),
        refetch: z.boolean().optional(),
      })
      .strict(),
    result: FetchReport,
  },
  'archive.info': {
    args: z.object({}).strict(),
    result: ArchiveInfo,
  },
  /**
   * Restarts the app on another archive folder: one the reader picks in the desktop's
   * folder dialog (`chosen`), or the default folder. The caller never names a path.
   * The folder must be empty (a new archive starts there) or hold a Paperboy archive;
   * the archive left behind stays where it is. Refused where the shell has no dialog
   * (a browser on `serve`, whose archive is the one it was started with).
   */
  'archive.relocate': {
    mutates: true,
    args: z.object({ to: z.enum(['chosen', 'default']) }).strict(),
    result: z.discriminatedUnion('outcome', [
      /** The dialog was closed without a folder. */
      z.object({ outcome: z.literal('cancelled') }).strict(),
      /** That is the archive's folder already. */
      z.object({ outcome: z.literal('unchanged'), folder: z.string() }).strict(),
      z
        .object({
          outcome: z.literal('restarting'),
          folder: z.string(),
          /** Whether an archive was there already, or a new one starts. */
          archive: z.enum(['existing', 'new']),
        })
        .strict(),
    ]),
  },
  /** Rebuilds the catalog from the files; `verify` also re-hashes and re-parses every page. */
  'archive.reindex': {
    mutates: true,
    args: z.object({ verify: z.boolean().optional() }).strict(),
    result: z.object({
      editions: z.number().int().nonnegative(),
      skipped: z.array(z.string()),
      /** Said when the catalog was found damaged, set aside and rebuilt. */
      repaired: z.string().optional(),
    }),
  },
  /** Full-text search of every page: phrases, AND/OR/NOT, prefixes; by source and dates. */
  'search.query': {
    args: z
      .object({
        q: z.string().max(500),
        source: SourceId.optional(),
        edition: EditionId.optional(),
        from: IsoDate.optional(),
        to: IsoDate.optional(),
        limit: z.number().int().min(1).max(200).optional(),
        offset: z.number().int().min(0).max(100_000).optional(),
        /** relevance: best matches first (the default); newest: the newest editions first. */
        sort: z.enum(['relevance', 'newest']).optional(),
      })
      .strict(),
    result: SearchResult,
  },
  /**
   * Reads the pages without usable text (scans) with OCR now, every edition's or
   * one's; each page read or failed is also told as `ocr.progress`.
   */
  'text.ocr': {
    mutates: true,
    args: z.object({ edition: EditionId.optional() }).strict(),
    result: OcrReport,
  },
  /** A page's text and positioned words, as indexed. */
  'text.page': {
    args: z.object({ edition: EditionId, page: z.number().int().positive() }).strict(),
    result: PageTextResult,
  },
  /**
   * An edition's articles (or one page's), in reading order: stories, briefs,
   * ads and the page's furniture, each with its text and where it is printed;
   * the two parts of a story that jumps name each other.
   */
  'articles.list': {
    args: z.object({ edition: EditionId, page: z.number().int().positive().optional() }).strict(),
    result: z.object({ articles: z.array(Article) }),
  },
  'articles.get': {
    args: z.object({ id: ArticleId }).strict(),
    result: Article,
  },
  /**
   * Where a clipped story was printed: pasted text, a saved page (HTML) or a web
   * shortcut, as text (`content`) or as the file's bytes in base64 (`data`),
   * whose character set is then found as a browser would.
   */
  'clips.link': {
    args: z
      .object({
        content: z
          .string()
          .max(10 * 1024 * 1024)
          .optional(),
        data: z
          .base64()
          .max(14 * 1024 * 1024)
          .optional(),
        /** The file's name, when it came from one (its extension says what it holds). */
        name: z.string().max(255).optional(),
        source: SourceId.optional(),
        from: IsoDate.optional(),
        to: IsoDate.optional(),
      })
      .strict()
      .refine(
        (a) => (a.content === undefined) !== (a.data === undefined),
        'give either content or data',
      ),
    result: LinkResult,
  },
  /** A region of a page kept in the clips library, with its image and text. */
  'clips.create': {
    mutates: true,
    args: NewClip,
    result: Clip,
  },
  'clips.list': {
    args: z
      .object({
        q: z.string().max(500).optional(),
        tag: z.string().max(40).optional(),
        edition: EditionId.optional(),
        limit: z.number().int().min(1).max(200).optional(),
        offset: z.number().int().min(0).max(100_000).optional(),
      })
      .strict(),
    result: z.object({ total: z.number().int(), clips: z.array(Clip) }),
  },
  'clips.get': {
    args: z.object({ id: ClipId }).strict(),
    result: Clip,
  },
  /** A clip exported as a file (its image, the page cropped to it, or Markdown), in base64. */
  'clips.export': {
    args: z.object({ id: ClipId, format: z.enum(CLIP_FORMATS) }).strict(),
    result: z.object({ name: z.string(), type: z.string(), data: z.base64() }),
  },
  'clips.update': {
    mutates: true,
    args: ClipChanges,
    result: Clip,
  },
  'clips.remove': {
    mutates: true,
    args: z.object({ id: ClipId }).strict(),
    result: z.object({ removed: z.literal(true) }),
  },
  'settings.get': {
    args: z.object({}).strict(),
    result: PublicSettings,
  },
  /**
   * The OCR languages whose data is installed here; `fixed` when the shell was
   * started with its own (serve --lang), which the setting then does not change.
   */
  'settings.languages': {
    args: z.object({}).strict(),
    result: z.object({
      installed: z.array(z.string()),
      fixed: z.array(z.string()).optional(),
    }),
  },
  /** Where the reader left an edition, or null. */
  'reader.position': {
    args: z.object({ edition: EditionId }).strict(),
    result: ReadingPosition.nullable(),
  },
  /** Remembers where the reader is in an edition (the oldest of many are forgotten). */
  'reader.remember': {
    mutates: true,
    args: z.object({ edition: EditionId, position: ReadingPosition }).strict(),
    result: z.object({ saved: z.literal(true) }),
  },
  'settings.set': {
    mutates: true,
    args: PublicSettings.partial().strict(),
    result: PublicSettings,
  },
} as const;

export const events = {
  'edition.added': z.object({ edition: EditionSummary }),
  'edition.removed': z.object({ id: EditionId }),
  /**
   * An edition corrected (its paper, date, edition name or title): `previous` is
   * the id it had, the same as the edition's when neither paper nor date changed.
   * Not a new edition: nothing arrived.
   */
  'edition.changed': z.object({ edition: EditionSummary, previous: EditionId }),
  'reindex.progress': z.object({ done: z.number().int(), total: z.number().int() }),
  'settings.changed': PublicSettings,
  /** Where the reader left an edition, as just remembered (reader.remember): another window or device reads on from there. */
  'reader.remembered': z.object({ edition: EditionId, position: ReadingPosition }),
  'text.indexed': z.object({ edition: EditionId }),
  'clips.changed': z.object({ id: ClipId }),
  /**
   * How far OCR is: sent as a run starts (done 0), as a page is drawn (step
   * drawing) and read (step reading, with the fraction of it read so far), then
   * for each page read (with its words) or that could not be read (with why).
   * OCR in the background tells the same, with no total.
   */
  'ocr.progress': z.object({
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative().optional(),
    edition: EditionId.optional(),
    page: z.number().int().positive().optional(),
    step: z.enum(['drawing', 'reading']).optional(),
    fraction: z.number().min(0).max(1).optional(),
    words: z.number().int().nonnegative().optional(),
    reason: z.string().optional(),
  }),
  'delivery.progress': z.object({
    id: EditionId,
    source: SourceId,
    date: IsoDate,
    pagesDone: z.number().int(),
    pagesTotal: z.number().int().optional(),
    bytes: z.number().int(),
  }),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type Args<M extends MethodName> = z.input<Methods[M]['args']>;
export type Result<M extends MethodName> = z.output<Methods[M]['result']>;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export interface CallOptions {
  signal?: AbortSignal;
}

/** What a client of Paperboy holds, whichever transport is behind it. */
export interface Api {
  call<M extends MethodName>(method: M, args: Args<M>, options?: CallOptions): Promise<Result<M>>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Resolves once events are flowing, so nothing emitted after it is missed. */
  ready(): Promise<void>;
  close(): void;
}

/** What a service implements for each method; validation happens before it runs. */
export type Handlers = {
  [M in MethodName]: (
    args: z.output<Methods[M]['args']>,
    context: { signal: AbortSignal },
  ) => Promise<Result<M>>;
};

/** The one envelope both IPC and HTTP answers use. */
export type Envelope<T = unknown> = { ok: true; result: T } | { ok: false; error: ErrorData };

export const METHOD_NAMES = Object.keys(methods) as MethodName[];

/**
 * Whether a method changes the archive, the sources, the clips or the settings
 * (or starts work that does): declared with the method (`mutates: true`). A
 * read-only `serve` refuses these, and they are the calls Origin is checked on.
 */
export function mutates(method: MethodName): boolean {
  return (methods[method] as { mutates?: boolean }).mutates === true;
}

/**
 * Whether a method is served in-process only (the CLI, the desktop's main
 * process): declared with the method (`local: true`). IPC and HTTP refuse these,
 * because their arguments name things on this machine's disk.
 */
export function isLocalOnly(method: MethodName): boolean {
  return (methods[method] as { local?: boolean }).local === true;
}

export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}
