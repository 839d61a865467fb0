import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, expect, type Page } from '@playwright/test';
import type { Dropbox } from 'dropbox';
import { ROOT } from './child-process.ts';
import { localboxClient } from './localbox-client.ts';
import { seedDropbox } from './opus-session.ts';

/**
 * Where the Electron binary is, or why there is none. Read from electron's own path.txt rather than
 * `require('electron')`, which throws when the lazy download never happened (as on these machines).
 */
export function electronBinary(): { path: string } | { missing: string } {
  const pathFile = join(ROOT, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      missing:
        'the Electron binary is not installed (node_modules/electron/path.txt is missing: Electron fetches it ' +
        'on first use, which needs internet); run `node node_modules/electron/install.js` where it can download',
    };
  }
  const path = join(ROOT, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(path) ? { path } : { missing: `the Electron binary is not at ${path}` };
}

export interface RunningDesktop {
  app: ElectronApplication;
  window: Page;
  /** The official SDK against Opus's embedded localbox: "another computer". */
  dropbox: Dropbox;
  userData: string;
  close(): Promise<void>;
}

/** The app as installed would run it, on a fresh profile whose Dropbox already holds `files`. */
export async function launchDesktop(
  executablePath: string,
  files: Record<string, string | Uint8Array>,
): Promise<RunningDesktop> {
  const { dataDir: userData, token } = await seedDropbox(files);
  const launchedAt = new Date().toISOString();
  const app = await _electron.launch({
    executablePath,
    args: [join(ROOT, 'out', 'electron', 'main.js')],
    env: { ...process.env, OPUS_USER_DATA: userData },
  });
  const localboxUrl = await embeddedLocalbox(app, launchedAt);
  const window = await app.firstWindow();
  return {
    app,
    window,
    dropbox: localboxClient(localboxUrl, token),
    userData,
    close: async () => {
      await app.close().catch(() => {});
      rmSync(userData, { recursive: true, force: true });
    },
  };
}

/**
 * The embedded localbox's address, from the line main writes once it runs. Read from main.log, not
 * stderr: with `executablePath` Playwright injects no loader that holds `ready` back, so boot() can
 * print the line before a stderr listener is attached, and a line on a pipe is then gone. The file
 * keeps it. Lines carry an ISO time: only those written since `since` count, in case the logs
 * folder is not fresh (on macOS it is ~/Library/Logs/<name>, outside OPUS_USER_DATA).
 */
async function embeddedLocalbox(app: ElectronApplication, since: string): Promise<string> {
  const file = join(await app.evaluate(({ app }) => app.getPath('logs')), 'main.log');
  const deadline = Date.now() + 30_000;
  for (;;) {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const found = [...text.matchAll(/^(\S+) opus: embedded localbox at (\S+)$/gm)].filter(
      ([, time]) => (time ?? '') >= since,
    );
    const url = found.at(-1)?.[2];
    if (url) return url;
    if (Date.now() > deadline)
      throw new Error(`no "embedded localbox at" line since ${since} in ${file}:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Clicks an application-menu item by its id, as a person would pick it from the menu bar. */
export async function clickMenu(app: ElectronApplication, id: string): Promise<void> {
  const found = await app.evaluate(({ Menu }, itemId) => {
    const item = Menu.getApplicationMenu()?.getMenuItemById(itemId);
    item?.click();
    return !!item;
  }, id);
  expect(found, `menu item ${id}`).toBe(true);
}

/**
 * Sign-in opens the system browser; here "the browser" is a second Electron window the test drives:
 * main's shell.openExternal is replaced by one that loads the consent page in a new window.
 */
export async function signIn(desktop: RunningDesktop): Promise<void> {
  await desktop.app.evaluate(({ BrowserWindow, shell }) => {
    shell.openExternal = async (url: string) => {
      const consent = new BrowserWindow({ width: 600, height: 500, webPreferences: { sandbox: true } });
      await consent.loadURL(url);
    };
  });
  const consentOpened = desktop.app.waitForEvent('window');
  await desktop.window.getByRole('button', { name: 'Sign in to localbox' }).click();
  const consent = await consentOpened;
  await consent.locator('#allow').click();
  await expect(
    desktop.window.getByRole('toolbar', { name: 'Document' }).getByRole('button', { name: /^Account: / }),
  ).toBeVisible();
  await consent.close();
}

/** Native dialogs answered by the test: the next Open dialog picks `path`, the next Save dialog saves to it. */
export async function answerNativeDialogs(
  app: ElectronApplication,
  answers: { open?: string; save?: string },
): Promise<void> {
  await app.evaluate(({ dialog }, { open, save }) => {
    if (open) dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [open] })) as never;
    if (save) dialog.showSaveDialog = (async () => ({ canceled: false, filePath: save })) as never;
  }, answers);
}

export const scratchFolder = () => mkdtempSync(join(tmpdir(), 'opus-electron-files-'));
