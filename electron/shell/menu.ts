import type { MenuItemConstructorOptions } from 'electron';
import { EVENT_CHANNEL } from '../common/channels.ts';
import { accelerator, COMMAND_LIST, type MenuCommand, type MenuName } from '../common/menu-commands.ts';
import type { ShellMenu, ShellWindow } from './shell-electron.ts';

/**
 * One menu's commands from the list, in its order, a separator between groups. Items have ids (e2e
 * tests click them by id: `dropbox.open`) and send their command to the renderer.
 */
function commandItems(menu: MenuName, send: (command: MenuCommand) => void): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  let group: number | null = null;
  for (const entry of COMMAND_LIST) {
    if (entry.menu?.name !== menu) continue;
    if (group !== null && entry.menu.group !== group) items.push({ type: 'separator' });
    group = entry.menu.group;
    const key = entry.keys[0];
    items.push({
      id: `${menu}.${entry.id}`,
      label: entry.label,
      ...(key ? { accelerator: accelerator(key) } : {}),
      click: () => send(entry.id),
    });
  }
  return items;
}

/** The application menu: the list's commands among Electron's own roles. */
export function menuTemplate(
  send: (command: MenuCommand) => void,
  isMac = process.platform === 'darwin',
): MenuItemConstructorOptions[] {
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      id: 'file',
      // Ctrl/Cmd+W is Close Tab's alone: no Close role here (macOS closes the window with its button).
      submenu: [
        ...commandItems('file', send),
        ...(isMac ? [] : [{ type: 'separator' as const }, { role: 'quit' as const }]),
      ],
    },
    { role: 'editMenu' },
    { label: 'Dropbox', id: 'dropbox', submenu: commandItems('dropbox', send) },
    {
      label: 'View',
      id: 'view',
      submenu: [
        ...commandItems('view', send),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    // Electron's own Window menu would bring Close (Ctrl+W) on Windows and Linux: listed here without it.
    {
      role: 'windowMenu',
      submenu: [
        { role: 'minimize' },
        { role: 'zoom' },
        ...(isMac ? [{ type: 'separator' as const }, { role: 'front' as const }] : []),
      ],
    },
    { role: 'help', submenu: [{ label: 'About Opus', role: 'about' }] },
  ];
}

export function installMenu(
  Menu: ShellMenu,
  window: Pick<ShellWindow, 'isDestroyed' | 'webContents'>,
  isMac: boolean,
): void {
  const send = (command: MenuCommand) => {
    if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, 'menuCommand', { command });
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(send, isMac)));
}
