/**
 * Delivery in the background: a tray icon with Open, Fetch now and Quit; the
 * schedule woken on resume from sleep (powerMonitor); a notification when a new
 * edition arrives; and the login item kept in step with the setting.
 */
import path from 'node:path';
import { app, Menu, Notification, nativeImage, powerMonitor, Tray } from 'electron';
import type { SettingsStore } from '../common/settings.ts';
import type { Services } from '../core/services.ts';

/** The flag the login item starts Paperboy with, so it opens in the tray only. */
export const STARTED_HIDDEN = '--background';

export interface BackgroundOptions {
  services: Services;
  settings: SettingsStore;
  resourcesDir: string;
  showWindow: () => void;
}

export function setupBackground({
  services,
  settings,
  resourcesDir,
  showWindow,
}: BackgroundOptions): Tray {
  const schedule = services.startSchedule((error) =>
    console.error(`Paperboy: scheduled delivery: ${(error as Error)?.message ?? error}`),
  );
  powerMonitor.on('resume', () => schedule.wake());

  const icon = nativeImage.createFromPath(path.join(resourcesDir, 'icons', 'tray.png'));
  const tray = new Tray(icon);
  tray.setToolTip('Paperboy');
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Open Paperboy', click: showWindow },
      { label: 'Fetch now', click: () => schedule.wake() },
      { type: 'separator' },
      { label: 'Quit', role: 'quit' },
    ]),
  );
  tray.on('click', showWindow);

  // Started at login, Paperboy opens in the tray only (see STARTED_HIDDEN in index.ts).
  const applyLogin = (openAtLogin: boolean) =>
    app.setLoginItemSettings({ openAtLogin, args: [STARTED_HIDDEN] });
  applyLogin(settings.get('openAtLogin'));
  services.api.on('settings.changed', ({ openAtLogin }) => applyLogin(openAtLogin));
  services.api.on('edition.added', ({ edition }) => {
    if (edition.sample || !Notification.isSupported()) return;
    const note = new Notification({
      title: edition.title,
      body: `The ${edition.date} edition is here: ${edition.pages} pages.`,
    });
    note.on('click', showWindow);
    note.show();
  });
  return tray;
}
