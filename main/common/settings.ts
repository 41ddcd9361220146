/**
 * The settings' constants, types and defaults, for every layer (the renderer too).
 * The settings are declared once, as schemas, in settings-schema.ts; the types
 * here are derived from those.
 */
import type {
  ReaderPrefsShape,
  SettingsShape,
  StoredPosition,
  WindowBoundsShape,
} from './settings-schema.ts';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** How the reader lays pages out: one at a time, broadsheet pairs (front page alone), or a scroll. */
export const READER_LAYOUTS = ['single', 'spread', 'continuous'] as const;
export type ReaderLayout = (typeof READER_LAYOUTS)[number];
/** The pages' colours: as printed, night (inverted, photos natural) or sepia. */
export const PAGE_THEMES = ['day', 'night', 'sepia'] as const;
export type PageThemeName = (typeof PAGE_THEMES)[number];
export const ZOOM_PRESETS = ['page-width', 'page-fit'] as const;
export const MIN_ZOOM = 0.25;
export const MAX_ZOOM = 8;

export type ReaderPrefs = ReaderPrefsShape;

/** Where a reader left an edition: page, zoom, and the view's corner in the page (PDF points). */
export type ReadingPosition = StoredPosition;

/** How many editions' positions are remembered. */
export const POSITIONS_KEPT = 500;

export type WindowBounds = WindowBoundsShape;

/** Every setting (settings-schema.ts declares them, with what each means). */
export type Settings = SettingsShape;

export const settingsDefaults: Settings = {
  theme: 'system',
  window: { width: 1280, height: 860 },
  runInBackground: true,
  openAtLogin: false,
  reader: { layout: 'single', pages: 'day', thumbnails: true },
  positions: {},
  ocrLanguages: ['eng'],
  downloads: 4,
};

/** What the core needs of a settings store; electron-store and conf both fit. */
export interface SettingsStore {
  get<K extends keyof Settings>(key: K): Settings[K];
  set<K extends keyof Settings>(key: K, value: Settings[K]): void;
}

/** A store in memory, for tests and for `--archive` runs that must not touch the user's. */
export function memorySettings(initial: Partial<Settings> = {}): SettingsStore {
  const values: Settings = { ...settingsDefaults, ...initial };
  return {
    get: (key) => values[key],
    set: (key, value) => {
      values[key] = value;
    },
  };
}

/** positions with edition's set to position, keeping the POSITIONS_KEPT most recent. */
export function rememberPosition(
  positions: Record<string, ReadingPosition>,
  edition: string,
  position: ReadingPosition,
): Record<string, ReadingPosition> {
  const next = { ...positions, [edition]: position };
  const ids = Object.keys(next);
  if (ids.length <= POSITIONS_KEPT) return next;
  ids.sort((a, b) => next[a]!.at.localeCompare(next[b]!.at));
  for (const id of ids.slice(0, ids.length - POSITIONS_KEPT)) delete next[id];
  return next;
}
