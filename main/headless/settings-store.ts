/**
 * Settings for the headless shell through conf, the engine under electron-store,
 * with the desktop's schema, file name and folder, so both shells share one file.
 */
import Conf from 'conf';
import type { Settings, SettingsStore } from '../common/settings.ts';
import { settingsSchema } from '../common/settings-schema.ts';
import { userDataDir } from '../core/paths.ts';

export function openSettings(): SettingsStore {
  const conf = new Conf<Settings>({
    cwd: userDataDir(),
    configName: 'config',
    // biome-ignore lint/suspicious/noExplicitAny: conf's schema type is narrower than the JSON Schema we share
    schema: settingsSchema as any,
    clearInvalidConfig: false,
  });
  return {
    get: (key) => conf.get(key),
    set: (key, value) => conf.set({ [key]: value } as Partial<Settings>),
  };
}
