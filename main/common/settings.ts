/**
 * The one settings schema. The desktop shell hands it to electron-store and the
 * headless shell to conf (electron-store's engine), so both read and write the same
 * file with the same rules. JSON Schema, because that is what both take.
 */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

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
}

export const settingsDefaults: Settings = {
  theme: 'system',
  window: { width: 1280, height: 860 },
  runInBackground: true,
  openAtLogin: false,
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
