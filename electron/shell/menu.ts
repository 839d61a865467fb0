import { type BrowserWindow, Menu, type MenuItemConstructorOptions } from 'electron';
import type { MENU_COMMANDS } from '../core/contract/events.ts';
import { EVENT_CHANNEL } from './channels.ts';

type MenuCommand = (typeof MENU_COMMANDS)[number];

/** Menu items have ids (e2e tests click them by id) and send their command to the renderer. */
export function buildMenu(send: (command: MenuCommand) => void): Menu {
  const item = (
    id: MenuCommand,
    label: string,
    accelerator?: string,
    menu = 'dropbox',
  ): MenuItemConstructorOptions => ({
    id: `${menu}.${id}`,
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => send(id),
  });
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      id: 'file',
      // Ctrl/Cmd+W closes the tab (asking about unsaved changes in the window), not the whole window.
      submenu: [
        item('closeTab', 'Close Tab', 'CmdOrCtrl+W', 'file'),
        item('closeAll', 'Close All Tabs', 'CmdOrCtrl+Shift+W', 'file'),
        { type: 'separator' },
        item('settings', 'Settings…', 'CmdOrCtrl+,', 'file'),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'Dropbox',
      id: 'dropbox',
      submenu: [
        item('open', 'Open…', 'CmdOrCtrl+O'),
        item('save', 'Save', 'CmdOrCtrl+S'),
        item('saveAs', 'Save As…', 'CmdOrCtrl+Shift+S'),
        { type: 'separator' },
        item('uploadLocalFile', 'Upload Local File…'),
        item('downloadToComputer', 'Download to Computer…'),
        { type: 'separator' },
        item('revisionHistory', 'Revision History…'),
        item('account', 'Account…'),
        item('signIn', 'Sign In'),
        item('signOut', 'Sign Out'),
      ],
    },
    {
      label: 'View',
      id: 'view',
      submenu: [
        item('commandPalette', 'Command Palette…', 'CmdOrCtrl+Shift+P', 'view'),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'About Opus', role: 'about' }] },
  ];
  return Menu.buildFromTemplate(template);
}

export function installMenu(window: BrowserWindow): void {
  Menu.setApplicationMenu(
    buildMenu((command) => {
      if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, 'menuCommand', { command });
    }),
  );
}
