import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { eventually } from '../core/test-support/waiting.ts';
import { closeLaunchedShells, launchAndSignIn, launchShell } from './test-support/launched-shell.ts';

afterEach(closeLaunchedShells);

const PACKAGE = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  productName: string;
};

/** The shell is up: its window has shown the page. */
async function shown(shell: ReturnType<typeof launchShell>) {
  await eventually(() => shell.electron.window()?.visible === true, 10_000, 'the window to show');
  return shell.electron.window() ?? expect.unreachable('no window');
}

test('the app boots Opus, shows its window and answers the page over IPC', async () => {
  const shell = launchShell();
  const window = await shown(shell);
  expect(window.webContents.mainFrame.url).toBe('app://opus/index.html');
  expect(await shell.call(window, 'getAppInfo')).toMatchObject({ ok: true, value: { provider: 'localbox' } });
  expect(shell.lines.join('\n')).toMatch(/opus: embedded localbox at http:\/\/127\.0\.0\.1:\d+/);
});

test("the app's updater is the core's: Check for Updates asks it", async () => {
  let checks = 0;
  const shell = launchShell({
    updater: () => ({
      check: async () => {
        checks++;
        return { kind: 'up_to_date', version: '9.9.9' };
      },
      download: async () => {},
      quitAndInstall: () => {},
    }),
  });
  const window = await shown(shell);
  const answer = await shell.call(window, 'checkForUpdates');
  expect(answer).toEqual({ ok: true, value: { phase: 'up_to_date', version: '9.9.9' } });
  expect(checks).toBe(1);
});

test('a start that fails shows why, logs the stack and quits, leaving no process behind', async () => {
  const shell = launchShell({
    store: {
      get: async () => {
        throw new Error('the settings file is unreadable');
      },
      set: async () => {},
      delete: async () => {},
    },
  });
  expect(await shell.electron.app.ended).toBe(1);
  expect(shell.electron.journal).toContain('app.exit 1');
  expect(shell.electron.errorBoxes).toEqual([
    {
      title: 'Opus could not start',
      content: expect.stringMatching(
        /^Opus could not start: the settings file is unreadable\.\n\n.*main\.log/s,
      ),
    },
  ]);
  const logged = readFileSync(join(shell.electron.app.getPath('logs'), 'main.log'), 'utf8');
  expect(logged).toMatch(/opus: could not start: Error: the settings file is unreadable\n\s+at /);
});

test('launched as a plain script it is still named Opus, and keeps its profile and log in Opus folders', async () => {
  const shell = launchShell();
  await shown(shell);
  const { app } = shell.electron;
  expect(app.name).toBe(PACKAGE.productName);
  expect(app.getPath('userData')).toBe(join(shell.root, 'appData', 'Opus'));
  expect(app.getPath('logs')).toBe(join(shell.root, 'appData', 'Opus', 'logs'));
  expect(readFileSync(join(app.getPath('logs'), 'main.log'), 'utf8')).toContain('embedded localbox');
});

test('on macOS the log goes to Library/Logs/Opus, and OPUS_USER_DATA still chooses the profile', async () => {
  const root = mkdtempSync(join(tmpdir(), 'opus-shell-'));
  const profile = join(root, 'test-profile');
  const shell = launchShell({ root, platform: 'darwin', env: { OPUS_USER_DATA: profile } });
  await shown(shell);
  const { app } = shell.electron;
  expect(app.getPath('userData')).toBe(profile);
  expect(app.getPath('logs')).toBe(join(shell.root, 'Logs', 'Opus'));
});

test('the window shows before the saved sign-in is read from the keychain, and the page is answered signed in', async () => {
  // A first run signs in: its refresh token is kept in the vault, sealed by the keychain.
  const first = await launchAndSignIn();
  const second = launchShell({ root: first.root, store: first.store });
  const window = await shown(second);
  const answer = await second.call(window, 'getAccount');
  expect(answer).toMatchObject({ ok: true, value: { signedIn: true } });
  const { journal } = second.electron;
  expect(journal).toContain('safeStorage.decryptStringAsync');
  expect(journal.indexOf('window.show')).toBeLessThan(journal.indexOf('safeStorage.decryptStringAsync'));
});

test('a second launch hands over to the first and quits', async () => {
  const first = launchShell();
  const window = await shown(first);
  window.minimized = true;
  first.electron.app.emit('second-instance', { preventDefault: () => {} }, ['opus']);
  expect(window.minimized).toBe(false);
  expect(first.electron.journal).toContain('window.focus');

  const second = launchShell({ root: first.root, store: first.store, otherInstance: true });
  expect(await second.electron.app.ended).toBe(0);
  expect(second.electron.window()).toBeUndefined();
  expect(second.booted()).toBeNull();
});
