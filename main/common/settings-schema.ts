/**
 * The settings, declared once as zod schemas: the TypeScript types (settings.ts
 * re-exports them), the contract's arguments and results (api.ts), and the JSON
 * Schema the desktop shell hands to electron-store and the headless shell to conf
 * (electron-store's engine), so both read and write the same file with the same
 * rules, are all derived from these. Not for the renderer (it would bundle zod):
 * it takes the types and constants from settings.ts.
 */
import * as z from 'zod';
import {
  MAX_ZOOM,
  MIN_ZOOM,
  PAGE_THEMES,
  READER_LAYOUTS,
  settingsDefaults,
  THEMES,
  ZOOM_PRESETS,
} from './settings.ts';

export const ReaderPrefsSchema = z
  .object({
    layout: z.enum(READER_LAYOUTS),
    pages: z.enum(PAGE_THEMES),
    thumbnails: z.boolean(),
  })
  .strict();

const Zoom = z.union([z.enum(ZOOM_PRESETS), z.number().min(MIN_ZOOM).max(MAX_ZOOM)]);

/** Where a reader left an edition, as the contract carries it. */
export const ReadingPositionSchema = z
  .object({
    page: z.number().int().min(1).max(100_000),
    zoom: Zoom,
    left: z.number().finite().min(-100_000).max(100_000),
    top: z.number().finite().min(-100_000).max(100_000),
  })
  .strict();

/** …and as it is kept: with when it was saved (the oldest are forgotten first). */
const StoredPositionSchema = z.object({
  page: z.number().int().min(1),
  zoom: Zoom,
  left: z.number(),
  top: z.number(),
  at: z.string(),
});

const WindowBoundsSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(320),
  height: z.number().int().min(240),
  maximized: z.boolean().optional(),
});

export const SettingsSchema = z.object({
  /** Where the archive lives; unset means the default folder for this user. */
  archiveDir: z.string().min(1).optional(),
  theme: z.enum(THEMES),
  window: WindowBoundsSchema,
  /** Closing the window keeps Paperboy in the tray, delivering on schedule. */
  runInBackground: z.boolean(),
  /** Start Paperboy (in the tray) when the user logs in. */
  openAtLogin: z.boolean(),
  reader: ReaderPrefsSchema,
  /** Reading positions by edition id. */
  positions: z.record(z.string(), StoredPositionSchema),
  /** The languages OCR reads scans in (tesseract codes: eng, deu, fra…), their data installed. */
  ocrLanguages: z
    .array(z.string().regex(/^[a-z]{3}(?:_[a-z]{3,4})?$/, 'is not an OCR language code'))
    .min(1)
    .max(6),
  /** How many files delivery downloads at once, over all sources (two at most from one host). */
  downloads: z.number().int().min(1).max(16),
  /** The token a `serve` beyond loopback asks of every request; made on first use. */
  serveToken: z.string().min(32).optional(),
});

/** The settings a renderer may read and change over the contract. */
export const PublicSettingsSchema = SettingsSchema.pick({
  theme: true,
  runInBackground: true,
  openAtLogin: true,
  reader: true,
  ocrLanguages: true,
  downloads: true,
});

export type SettingsShape = z.infer<typeof SettingsSchema>;
export type ReaderPrefsShape = z.infer<typeof ReaderPrefsSchema>;
export type StoredPosition = z.infer<typeof StoredPositionSchema>;
export type WindowBoundsShape = z.infer<typeof WindowBoundsSchema>;

/**
 * The JSON Schema of each setting, with its default, as electron-store and conf
 * take it (`schema`: one entry per key).
 */
export const settingsSchema: Record<string, Record<string, unknown>> = Object.fromEntries(
  Object.entries(
    (z.toJSONSchema(SettingsSchema) as { properties: Record<string, Record<string, unknown>> })
      .properties,
  ).map(([key, schema]) => {
    const fallback = (settingsDefaults as Record<string, unknown>)[key];
    return [key, fallback === undefined ? schema : { ...schema, default: fallback }];
  }),
);
