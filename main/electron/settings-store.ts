/** Settings on the desktop through electron-store, with the schema the headless shell's conf uses. */
import Store from 'electron-store';
import type { Settings, SettingsStore } from '../common/settings.ts';
import { settingsSchema } from '../common/settings-schema.ts';

export function openSettings(): SettingsStore {
  const store = new Store<Settings>({
    // biome-ignore lint/suspicious/noExplicitAny: electron-store's schema type is narrower than the JSON Schema we share
    schema: settingsSchema as any,
    clearInvalidConfig: false,
  });
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set({ [key]: value } as Partial<Settings>),
  };
}
