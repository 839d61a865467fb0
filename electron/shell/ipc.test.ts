import { expect, test } from 'vitest';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../common/channels.ts';
import type { CoreService } from '../core/wiring/core-service.ts';
import { bindContract, trustedSender } from './ipc.ts';
import { FakeIpcMain } from './test-support/fake-electron.ts';
import { FakeWebContents } from './test-support/fake-window.ts';

/** A window whose top frame shows `url`. */
function windowAt(url: string) {
  const webContents = new FakeWebContents();
  webContents.mainFrame.url = url;
  return { webContents, isDestroyed: () => false };
}

test("only the window's own top frame on app://opus is a trusted sender", () => {
  const window = windowAt('app://opus/index.html');
  expect(trustedSender({ senderFrame: window.webContents.mainFrame }, window)).toBe(true);
  // A frame inside the page, even one on our own origin.
  expect(trustedSender({ senderFrame: { url: 'app://opus/index.html' } }, window)).toBe(false);
  expect(trustedSender({ senderFrame: null }, window)).toBe(false);
});

test.each([
  'https://evil.example/',
  'file:///etc/passwd',
  'app://evil/index.html',
  'app://user@opus/index.html',
  'about:blank',
])('the top frame once navigated to %s is refused', (url) => {
  const window = windowAt(url);
  expect(trustedSender({ senderFrame: window.webContents.mainFrame }, window)).toBe(false);
});

test('an untrusted call never reaches the core, and events go to the window', async () => {
  const calls: string[] = [];
  const listeners: Parameters<CoreService['subscribe']>[0][] = [];
  const core: CoreService = {
    call: async (name) => {
      calls.push(name);
      return { ok: true, value: null };
    },
    subscribe: (listener) => {
      listeners.push(listener);
      return () => {};
    },
    close: async () => {},
  };
  const ipcMain = new FakeIpcMain();
  const window = windowAt('app://opus/index.html');
  const unbind = bindContract(ipcMain, core, window);
  expect(await ipcMain.invoke(CALL_CHANNEL, { url: 'app://opus/index.html' }, 'getAppInfo', {})).toEqual({
    ok: false,
    error: expect.objectContaining({ kind: 'invalid_request', message: 'Untrusted sender.' }),
  });
  expect(calls).toEqual([]);
  expect(await ipcMain.invoke(CALL_CHANNEL, window.webContents.mainFrame, 'getAppInfo', {})).toEqual({
    ok: true,
    value: null,
  });
  expect(calls).toEqual(['getAppInfo']);
  for (const listener of listeners) listener('accountChanged', { signedIn: false } as never);
  expect(window.webContents.page.sent).toEqual([
    { channel: EVENT_CHANNEL, args: ['accountChanged', { signedIn: false }] },
  ]);
  unbind();
  await expect(ipcMain.invoke(CALL_CHANNEL, window.webContents.mainFrame, 'getAppInfo')).rejects.toThrow(
    /No handler/,
  );
});
