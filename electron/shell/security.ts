import type { ShellSession, ShellWindow } from './shell-electron.ts';
import { isAppUrl } from './window-options.ts';

/** No permission (camera, notifications, geolocation…) is ever granted: a text editor needs none. */
export function denyAllPermissions(session: ShellSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** The window stays on app://opus: no navigation elsewhere, no new windows, no webviews. */
export function lockNavigation(window: Pick<ShellWindow, 'webContents'>): void {
  const contents = window.webContents;
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
