import { CALL_CHANNEL, EVENT_CHANNEL } from '../common/channels.ts';
import type { CoreService } from '../core/wiring/core-service.ts';
import { refusal } from '../core/wiring/dispatch.ts';
import type { ShellInvokeEvent, ShellIpcMain, ShellWindow } from './shell-electron.ts';
import { isAppUrl } from './window-options.ts';

/** Only our own top frame, loaded from app://opus, may call main: not an iframe, not a navigated-away page. */
export function trustedSender(event: ShellInvokeEvent, window: Pick<ShellWindow, 'webContents'>): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== window.webContents.mainFrame) return false;
  return isAppUrl(frame.url);
}

/** Binds the contract: one channel in, checked once here, and events out to the window. */
export function bindContract(
  ipcMain: ShellIpcMain,
  core: CoreService,
  window: Pick<ShellWindow, 'webContents' | 'isDestroyed'>,
): () => void {
  ipcMain.handle(CALL_CHANNEL, (event, name: unknown, request: unknown) => {
    if (!trustedSender(event, window)) return refusal('invalid_request', 'Untrusted sender.');
    return core.call(String(name), request);
  });
  const unsubscribe = core.subscribe((name, payload) => {
    if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, name, payload);
  });
  return () => {
    ipcMain.removeHandler(CALL_CHANNEL);
    unsubscribe();
  };
}
