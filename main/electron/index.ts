/**
 * The desktop shell's entry. Thin by design: it builds the core's services with
 * what only Electron has (net.fetch, electron-store, the user-data folder), then
 * wires them to one window through the paperboy:// protocol and the IPC gatekeeper.
 * Order matters:
 *   1. one instance only; a second launch focuses the first window;
 *   2. the app scheme is registered as privileged before `ready`;
 *   3. after `ready`: services, protocol, IPC, menu, window, then the tray and the
 *      delivery schedule — then first-run work.
 */
import path from 'node:path';
import { app, type BrowserWindow, net } from 'electron';
import { systemClock } from '../core/clock.ts';
import { archiveDir } from '../core/paths.ts';
import { createServices, type Services } from '../core/services.ts';
import { setupMenu } from './app-menu.ts';
import { handleAppProtocol, registerAppScheme } from './app-protocol.ts';
import { STARTED_HIDDEN, setupBackground } from './background.ts';
import { setupIpc } from './ipc.ts';
import { createMainWindow, preloadPath } from './main-window.ts';
import { openSettings } from './settings-store.ts';

const mainDir = import.meta.dirname;
let window: BrowserWindow | undefined;
let services: Services | undefined;
/** Set once the user quits (menu, tray, Cmd+Q): closing then really closes. */
let quitting = false;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.on('second-instance', () => showWindow());
  app.on('before-quit', () => {
    quitting = true;
  });
  app.whenReady().then(start).catch(fail);
}

async function start(): Promise<void> {
  const settings = openSettings();
  const resourcesDir = app.isPackaged
    ? path.join(process.resourcesPath, 'resources')
    : path.join(app.getAppPath(), 'resources');
  services = await createServices({
    archiveDir: archiveDir(undefined, settings.get('archiveDir')),
    settings,
    clock: systemClock(),
    fetch: (input, init) => net.fetch(input instanceof URL ? input.href : input, init),
    resourcesDir,
    version: app.getVersion(),
  });
  const ready = services;
  handleAppProtocol(path.join(mainDir, '../renderer'), () => ready.archive);
  const stopIpc = setupIpc(ready.handlers, ready.hub, () => window);
  setupMenu();
  const keepRunning = () => !quitting && settings.get('runInBackground');
  const openWindow = () => {
    window = createMainWindow(settings, preloadPath(mainDir), keepRunning);
  };
  showWindow = () => {
    if (!window || window.isDestroyed()) return openWindow();
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  // Started at login: deliver from the tray without opening a window.
  if (!process.argv.includes(STARTED_HIDDEN)) openWindow();
  setupBackground({ services: ready, settings, resourcesDir, showWindow });
  app.on('activate', () => showWindow());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin' && !keepRunning()) app.quit();
  });
  let closing = false;
  app.on('will-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    stopIpc();
    ready.close().finally(() => app.quit());
  });
  await ready.start();
}

/** Shows the window, creating it if needed; replaced once the app is ready. */
let showWindow: () => void = () => {};

function fail(error: unknown): void {
  console.error(`Paperboy could not start: ${(error as Error)?.message ?? error}`);
  app.exit(1);
}
