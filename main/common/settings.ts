/**
 * The one settings schema. The desktop shell hands it to electron-store and the
 * headless shell to conf (electron-store's engine), so both read and write the same
 * file with the same rules. JSON Schema, because that is what both take.
 */
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

export interface ReaderPrefs {
  layout: ReaderLayout;
  pages: PageThemeName;
  thumbnails: boolean;
}

/** Where a reader left an edition: page, zoom, and the view's corner in the page (PDF points). */
export interface ReadingPosition {
  page: number;
  zoom: (typeof ZOOM_PRESETS)[number] | number;
  left: number;
  top: number;
  /** When it was saved; the oldest are forgotten first. */
  at: string;
}

/** How many editions' positions are remembered. */
export const POSITIONS_KEPT = 500;

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized?: boolean;
}

export interface Settings {
  /** Where the archive lives; unset means the default folder for this user. */
  archiveDir?: string;
  theme: Theme;
  window: WindowBounds;
  /** Closing the window keeps Paperboy in the tray, delivering on schedule. */
  runInBackground: boolean;
  /** Start Paperboy (in the tray) when the user logs in. */
  openAtLogin: boolean;
  reader: ReaderPrefs;
  /** Reading positions by edition id. */
  positions: Record<string, ReadingPosition>;
  /** The token a `serve` beyond loopback asks of every request; made on first use. */
  serveToken?: string;
}

export const settingsDefaults: Settings = {
  theme: 'system',
  window: { width: 1280, height: 860 },
  runInBackground: true,
  openAtLogin: false,
  reader: { layout: 'single', pages: 'day', thumbnails: true },
  positions: {},
};

export const settingsSchema = {
  archiveDir: { type: 'string', minLength: 1 },
  theme: { type: 'string', enum: [...THEMES], default: settingsDefaults.theme },
  window: {
    type: 'object',
    properties: {
      x: { type: 'integer' },
      y: { type: 'integer' },
      width: { type: 'integer', minimum: 320 },
      height: { type: 'integer', minimum: 240 },
      maximized: { type: 'boolean' },
    },
    required: ['width', 'height'],
    default: settingsDefaults.window,
  },
  runInBackground: { type: 'boolean', default: settingsDefaults.runInBackground },
  openAtLogin: { type: 'boolean', default: settingsDefaults.openAtLogin },
  reader: {
    type: 'object',
    properties: {
      layout: { type: 'string', enum: [...READER_LAYOUTS] },
      pages: { type: 'string', enum: [...PAGE_THEMES] },
      thumbnails: { type: 'boolean' },
    },
    required: ['layout', 'pages', 'thumbnails'],
    default: settingsDefaults.reader,
  },
  positions: {
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: {
        page: { type: 'integer', minimum: 1 },
        zoom: {
          anyOf: [
            { type: 'string', enum: [...ZOOM_PRESETS] },
            { type: 'number', minimum: MIN_ZOOM, maximum: MAX_ZOOM },
          ],
        },
        left: { type: 'number' },
        top: { type: 'number' },
        at: { type: 'string' },
      },
      required: ['page', 'zoom', 'left', 'top', 'at'],
    },
    default: settingsDefaults.positions,
  },
  serveToken: { type: 'string', minLength: 32 },
} as const;

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
