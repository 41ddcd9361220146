/**
 * The one window: sandboxed, context-isolated, loading the app from
 * paperboy://app/, with navigation and new windows locked down, and its size and
 * position remembered in settings.
 */
import path from 'node:path';
import { BrowserWindow, screen, shell } from 'electron';
import type { SettingsStore, WindowBounds } from '../common/settings.ts';
import { APP_ORIGIN, APP_URL } from './app-protocol.ts';

/**
 * @param keepRunning whether closing should hide the window (Paperboy stays in the
 *   tray) rather than close it; asked at each close, so the setting applies at once.
 */
export function createMainWindow(
  settings: SettingsStore,
  preloadPath: string,
  keepRunning: () => boolean,
  /** The renderer's route to open at (#/…), from a deep link. */
  route = '',
): BrowserWindow {
  const saved = visible(settings.get('window'));
  const window = new BrowserWindow({
    ...saved,
    minWidth: 480,
    minHeight: 360,
    show: false,
    title: 'Paperboy',
    backgroundColor: '#f6f5f2',
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  if (saved.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  // The window shows the app and nothing else; web links open in the browser.
  window.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://') || url.startsWith('http://')) void shell.openExternal(url);
    return { action: 'deny' };
  });

  window.on('close', (event) => {
    const bounds = window.getNormalBounds();
    settings.set('window', { ...bounds, maximized: window.isMaximized() });
    if (keepRunning()) {
      event.preventDefault();
      window.hide();
    }
  });
  void window.loadURL(`${APP_URL}${route}`);
  return window;
}

/** Saved bounds, dropped back to a default size if they are off every screen now. */
function visible(bounds: WindowBounds): WindowBounds {
  if (bounds.x === undefined || bounds.y === undefined) return bounds;
  const onScreen = screen.getAllDisplays().some(({ workArea }) => {
    const x = bounds.x!;
    const y = bounds.y!;
    return (
      x < workArea.x + workArea.width &&
      x + bounds.width > workArea.x &&
      y < workArea.y + workArea.height &&
      y + 40 > workArea.y
    );
  });
  return onScreen ? bounds : { width: bounds.width, height: bounds.height };
}

export function preloadPath(mainDir: string): string {
  return path.join(mainDir, '../preload/index.cjs');
}
