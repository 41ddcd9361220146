/**
 * The desktop shell's entry. Thin by design: it builds the core's services with
 * what only Electron has (net.fetch, electron-store, the user-data folder), then
 * wires them to one window through the paperboy:// protocol and the IPC gatekeeper.
 * Order matters:
 *   1. one instance only; a second launch focuses the first window (and opens
 *      the deep link it was started with);
 *   2. the app scheme is registered as privileged, and as the OS handler of
 *      paperboy:// deep links, before `ready`;
 *   3. after `ready`: services, permissions, protocol, IPC, menu, window, then the
 *      tray and the delivery schedule — then first-run work.
 * Moving the archive (Settings) saves the folder the reader picked in the OS's
 * dialog and relaunches the app on it.
 */
import path from 'node:path';
import { app, type BrowserWindow, net, session } from 'electron';
import { routeForDeepLink } from '../common/deep-link.ts';
import { systemClock } from '../core/clock.ts';
import { archiveDir } from '../core/paths.ts';
import { createServices, type Services } from '../core/services.ts';
import { setupMenu } from './app-menu.ts';
import { APP_URL, handleAppProtocol, registerAppScheme, SCHEME } from './app-protocol.ts';
import { chooseArchiveFolder } from './archive-folder-dialog.ts';
import { STARTED_HIDDEN, setupBackground } from './background.ts';
import { setupIpc } from './ipc.ts';
import { createMainWindow, preloadPath } from './main-window.ts';
import { setupPermissions } from './permissions.ts';
import { openSettings } from './settings-store.ts';

const mainDir = import.meta.dirname;
let window: BrowserWindow | undefined;
let services: Services | undefined;
/** Set once the user quits (menu, tray, Cmd+Q): closing then really closes. */
let quitting = false;
/** A deep link's route that arrived before the window could show it. */
let pendingRoute = routeOf(process.argv);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  registerDeepLinks();
  app.on('second-instance', (_event, commandLine) => {
    showWindow();
    openRoute(routeOf(commandLine));
  });
  // macOS delivers deep links as open-url, also before `ready`.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openRoute(routeForDeepLink(url));
  });
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
    // Another folder is saved in the settings, then the app starts again on it; an
    // archive named by PAPERBOY_ARCHIVE stays that one.
    ...(!process.env.PAPERBOY_ARCHIVE && {
      relocation: {
        choose: (current: string) => chooseArchiveFolder(window, current),
        restart: () => {
          // Electron's pattern: relaunch once this instance has quit, with its arguments
          // but not a deep link already shown or the start-hidden flag of a login start.
          const args = process.argv
            .slice(1)
            .filter((arg) => arg !== STARTED_HIDDEN && !arg.startsWith(`${SCHEME}://`));
          app.relaunch({ args });
          app.quit();
        },
      },
    }),
  });
  const ready = services;
  setupPermissions(session.defaultSession);
  handleAppProtocol(path.join(mainDir, '../renderer'), ready.files);
  const stopIpc = setupIpc(ready.endpoint, () => window);
  setupMenu();
  const keepRunning = () => !quitting && settings.get('runInBackground');
  const openWindow = () => {
    window = createMainWindow(settings, preloadPath(mainDir), keepRunning, pendingRoute);
    pendingRoute = undefined;
  };
  openRoute = (route) => {
    if (!route) return;
    if (!window || window.isDestroyed()) {
      pendingRoute = route;
      return showWindow();
    }
    showWindow();
    void window.loadURL(`${APP_URL}${route}`);
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
  ready.startOcr((error) => console.error(`Paperboy: OCR: ${(error as Error)?.message ?? error}`));
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

/** Shows a route from a deep link; before the app is ready, keeps it for the first window. */
let openRoute = (route: string | undefined): void => {
  if (route) pendingRoute = route;
};

/** Registers Paperboy as the handler of paperboy:// links, as Electron's deep-link guide does. */
function registerDeepLinks(): void {
  if (process.defaultApp) {
    // Run as `electron .` in development: the OS must start Electron with the app's path.
    if (process.argv.length >= 2)
      app.setAsDefaultProtocolClient(SCHEME, process.execPath, [path.resolve(process.argv[1]!)]);
  } else {
    app.setAsDefaultProtocolClient(SCHEME);
  }
}

/** Windows and Linux pass the deep link as the last command-line argument. */
function routeOf(argv: string[]): string | undefined {
  const link = argv.findLast((arg) => arg.startsWith(`${SCHEME}://`));
  return link ? routeForDeepLink(link) : undefined;
}

function fail(error: unknown): void {
  console.error(`Paperboy could not start: ${(error as Error)?.message ?? error}`);
  app.exit(1);
}
