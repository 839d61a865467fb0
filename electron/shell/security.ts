import type { ShellSession, ShellWindow } from './shell-electron.ts';
import { APP_ORIGIN, isAppUrl } from './window-options.ts';

/**
 * Monaco's Cut, Copy and Paste (its context menu, and the keys) go through the async clipboard API,
 * which a sandboxed page may use only when granted these; a text editor needs nothing else.
 */
const PAGE_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-read', 'clipboard-sanitized-write']);

/** The clipboard for the app's own page (its main frame on app://opus); everything else is refused. */
export function allowOnlyWhatThePageNeeds(session: ShellSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(PAGE_PERMISSIONS.has(permission) && details.isMainFrame && isAppUrl(details.requestingUrl)),
  );
  session.setPermissionCheckHandler(
    (_contents, permission, requestingOrigin, details) =>
      PAGE_PERMISSIONS.has(permission) && details.isMainFrame && requestingOrigin === APP_ORIGIN,
  );
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
