/**
 * Permissions (Electron's security checklist, item 5): the app asks the browser
 * for nothing but writing to the clipboard (Copy in the reader and the clips),
 * and only from its own pages; every other request and check is denied.
 */
import type { Session } from 'electron';
import { APP_ORIGIN } from './app-protocol.ts';

const GRANTED = new Set(['clipboard-sanitized-write']);

export function setupPermissions(session: Session): void {
  session.setPermissionRequestHandler((webContents, permission, callback) => {
    callback(GRANTED.has(permission) && webContents.getURL().startsWith(`${APP_ORIGIN}/`));
  });
  session.setPermissionCheckHandler(
    (_webContents, permission, requestingOrigin) =>
      GRANTED.has(permission) && requestingOrigin === APP_ORIGIN,
  );
}
