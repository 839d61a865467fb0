import { isAbsolute } from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'opus';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * Whether a URL is our own page. Not `new URL(url).origin === APP_ORIGIN`: Node's URL (the one main
 * runs) knows nothing of registerSchemesAsPrivileged, so an app: URL's origin there is always "null".
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === `${APP_SCHEME}:` &&
      parsed.host === APP_HOST &&
      parsed.username === '' &&
      parsed.password === ''
    );
  } catch {
    return false;
  }
}

/**
 * The window's options as Electron's security checklist asks: sandboxed, context-isolated, no Node in
 * the renderer, no webview, no insecure content. Plain data (the electron import is types only), so a
 * test can check it without the Electron binary.
 */
export function windowOptions(
  preloadPath: string,
  bounds?: { width: number; height: number; x?: number; y?: number },
): BrowserWindowConstructorOptions {
  // A relative preload would resolve against the working directory, which the user chooses.
  if (!isAbsolute(preloadPath)) throw new Error(`the preload path must be absolute: ${preloadPath}`);
  return {
    width: bounds?.width ?? 1200,
    height: bounds?.height ?? 800,
    ...(bounds?.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: 640,
    minHeight: 400,
    title: 'Opus',
    show: false,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    },
  };
}

/** What main opens there: the sign-in page, and a file's folder page (Show in Dropbox). */
const isOpenedPath = (pathname: string) =>
  pathname === '/oauth2/authorize' || pathname === '/home' || pathname.startsWith('/home/');

/**
 * Only Dropbox's sign-in and home pages (https) and the same two of the localbox on this computer may
 * be opened in the system browser: nothing the page names can send it anywhere else.
 */
export function isAllowedExternalUrl(url: string, localboxOrigin: string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password || !isOpenedPath(parsed.pathname)) return false;
  if (
    parsed.protocol === 'https:' &&
    // host, not hostname: a port (https://www.dropbox.com:8443) is not Dropbox's site.
    (parsed.host === 'www.dropbox.com' || parsed.host === 'dropbox.com')
  )
    return true;
  return localboxOrigin !== undefined && parsed.origin === localboxOrigin;
}
