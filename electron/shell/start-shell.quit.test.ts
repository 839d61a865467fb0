import { afterEach, expect, test } from 'vitest';
import { EVENT_CHANNEL } from '../common/channels.ts';
import { eventually, pause } from '../core/test-support/waiting.ts';
import { type BootedOpus, type BootOptions, bootOpus } from '../core/wiring/boot.ts';
import type { FakeElectron } from './test-support/fake-electron.ts';
import type { FakeWindow } from './test-support/fake-window.ts';
import { closeLaunchedShells, type LaunchedShell, launchShell } from './test-support/launched-shell.ts';

const held: (() => void)[] = [];
afterEach(async () => {
  for (const finish of held.splice(0)) finish();
  await closeLaunchedShells();
});

/** Opus whose close (the journal's last flush) waits until the test lets it finish. */
function heldClose(journal: () => string[]) {
  let finish: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    finish = resolve;
  });
  held.push(finish);
  const boot = async (options: BootOptions): Promise<BootedOpus> => {
    const booted = await bootOpus(options);
    return {
      ...booted,
      close: async () => {
        journal().push('core.close');
        await released;
        await booted.close();
        journal().push('core.closed');
      },
    };
  };
  return { boot, finish: () => finish() };
}

async function launchHeld(platform: NodeJS.Platform) {
  let electron: FakeElectron | null = null;
  const held = heldClose(() => electron?.journal ?? []);
  const shell = launchShell({ platform, boot: held.boot });
  electron = shell.electron;
  const window = await shownWindow(shell);
  return { shell, window, finishClose: held.finish };
}

async function shownWindow(shell: LaunchedShell): Promise<FakeWindow> {
  await eventually(() => shell.electron.window()?.visible === true, 10_000, 'the window to show');
  return shell.electron.window() ?? expect.unreachable('no window');
}

const after = (journal: string[], entry: string) => journal.slice(journal.indexOf(entry));
const askedToQuit = (window: FakeWindow) =>
  window.webContents.page.sent.some(
    ({ channel, args }) => channel === EVENT_CHANNEL && JSON.stringify(args).includes('"quit"'),
  );

test.each([
  ['Linux', 'linux'],
  ['Windows', 'win32'],
  ['macOS', 'darwin'],
] as const)(
  'on %s, Quit closes the window, then waits for the journal before the process ends',
  async (_name, platform) => {
    const { shell, finishClose } = await launchHeld(platform);
    const { app, journal } = shell.electron;
    app.quit();
    await eventually(() => journal.includes('core.close'), 5000, 'the core to start closing');
    await pause(50);
    expect(journal).not.toContain('app:will-quit');
    expect(journal).not.toContain('app:quit');
    finishClose();
    expect(await app.ended).toBe(0);
    expect(after(journal, 'core.closed')).toEqual([
      'core.closed',
      'app.quit',
      'app:before-quit',
      'app:will-quit',
      'app:quit',
    ]);
    expect(journal.indexOf('window.close')).toBeLessThan(journal.indexOf('core.close'));
  },
);

test('on Windows and Linux, closing the window quits once the journal is flushed', async () => {
  const { shell, window, finishClose } = await launchHeld('linux');
  const { app, journal } = shell.electron;
  window.close();
  await eventually(() => journal.includes('core.close'), 5000, 'the core to start closing');
  expect(journal).toContain('app:window-all-closed');
  await pause(50);
  expect(journal).not.toContain('app:quit');
  finishClose();
  expect(await app.ended).toBe(0);
  expect(journal.indexOf('core.closed')).toBeLessThan(journal.indexOf('app:will-quit'));
});

test('with unsaved tabs, Quit asks the page; when it has asked about each, the app quits', async () => {
  const { shell, window, finishClose } = await launchHeld('linux');
  const { app } = shell.electron;
  window.webContents.page.holdsUnload = true;
  app.quit();
  await eventually(() => askedToQuit(window), 5000, 'the page to be asked');
  expect(window.isDestroyed()).toBe(false);
  // Save or Don't Save for each tab: then the page closes the window itself.
  expect(await shell.call(window, 'closeWindow')).toEqual({ ok: true, value: { closed: true } });
  finishClose();
  expect(await app.ended).toBe(0);
});

test('on macOS, Cancel at the unsaved-tabs question cancels the quit: a later close of the window keeps the app', async () => {
  const { shell, window } = await launchHeld('darwin');
  const { app, journal } = shell.electron;
  window.webContents.page.holdsUnload = true;
  app.quit();
  await eventually(() => askedToQuit(window), 5000, 'the page to be asked');
  // The user chose Cancel: the page says nothing more. Later the tabs are saved, and the window closed.
  window.webContents.page.holdsUnload = false;
  window.close();
  await eventually(() => window.isDestroyed(), 5000, 'the window to close');
  await pause(50);
  expect(journal).not.toContain('core.close');
  expect(journal).not.toContain('app:will-quit');
});

test('on macOS the app outlives its window, and the Dock icon opens a new one on the same core', async () => {
  const { shell, window } = await launchHeld('darwin');
  const { app, journal } = shell.electron;
  window.close();
  await eventually(() => window.isDestroyed(), 5000, 'the window to close');
  expect(journal).not.toContain('core.close');
  app.emit('activate', { preventDefault: () => {} }, false);
  const reopened = await shownWindow(shell);
  expect(reopened).not.toBe(window);
  expect(await shell.call(reopened, 'getAppInfo')).toMatchObject({ ok: true });
  // Activated with the window open (the Dock icon clicked again): still one window.
  app.emit('activate', { preventDefault: () => {} }, true);
  await pause(20);
  expect(shell.electron.app.windows.size).toBe(1);
});
