/**
 * The desktop shell's entry. Thin by design: it builds the core's services with
 * what only Electron has (net.fetch, electron-store, the user-data folder), then
 * wires them to one window through the paperboy:// protocol and the IPC gatekeeper.
 * Order matters:
 *   1. one instance only; a second launch focuses the first window;
 *   2. the app scheme is registered as privileged before `ready`;
 *   3. after `ready`: services, protocol, IPC, menu, window — then first-run work.
 */
import path from 'node:path';
import { app, BrowserWindow, net } from 'electron';
import { systemClock } from '../core/clock.ts';
import { archiveDir } from '../core/paths.ts';
import { createServices, type Services } from '../core/services.ts';
import { setupMenu } from './app-menu.ts';
import { handleAppProtocol, registerAppScheme } from './app-protocol.ts';
import { setupIpc } from './ipc.ts';
import { createMainWindow, preloadPath } from './main-window.ts';
import { openSettings } from './settings-store.ts';

const mainDir = import.meta.dirname;
let window: BrowserWindow | undefined;
let services: Services | undefined;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.on('second-instance', () => {
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
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
  window = createMainWindow(settings, preloadPath(mainDir));
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0)
      window = createMainWindow(settings, preloadPath(mainDir));
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
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

function fail(error: unknown): void {
  console.error(`Paperboy could not start: ${(error as Error)?.message ?? error}`);
  app.exit(1);
}
