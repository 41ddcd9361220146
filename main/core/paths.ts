/**
 * Default places, computed the same way in both shells so the CLI and the app
 * share one library and one settings file. The user-data folder mirrors
 * Electron's `app.getPath('userData')` for an app named "Paperboy".
 */
import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Paperboy';

export function userDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (env.PAPERBOY_CONFIG_DIR) return path.resolve(env.PAPERBOY_CONFIG_DIR);
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}

/** The archive: an explicit folder, else the one in settings, else ~/Paperboy. */
export function archiveDir(explicit: string | undefined, fromSettings: string | undefined): string {
  if (explicit) return path.resolve(explicit);
  if (process.env.PAPERBOY_ARCHIVE) return path.resolve(process.env.PAPERBOY_ARCHIVE);
  if (fromSettings) return path.resolve(fromSettings);
  return defaultArchiveDir();
}

/** Where the archive is when nobody chose a folder: ~/Paperboy. */
export function defaultArchiveDir(): string {
  return path.join(os.homedir(), APP_NAME);
}
