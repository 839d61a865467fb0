import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, test, vi } from 'vitest';
import { accelerator, COMMAND_LIST, type MenuCommand } from '../common/menu-commands.ts';
import { menuTemplate } from './menu.ts';

// menu.ts hands the template to Electron's Menu, which only the Electron binary has; the template itself
// is plain data.
vi.mock('electron', () => ({ Menu: {} }));

/** Every item of the template, submenus included, in order. */
function itemsOf(template: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? itemsOf(item.submenu as MenuItemConstructorOptions[]) : []),
  ]);
}

const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();

describe.each([
  ['macOS', true],
  ['Windows and Linux', false],
])('the application menu on %s', (_system, isMac) => {
  const sent: MenuCommand[] = [];
  const items = itemsOf(menuTemplate((command) => sent.push(command), isMac));
  const byId = new Map(items.filter((item) => item.id).map((item) => [item.id, item]));

  test.each(COMMAND_LIST.filter((entry) => entry.menu))('has $id, with its label and key', (entry) => {
    const item = byId.get(`${entry.menu?.name}.${entry.id}`);
    expect(item?.label).toBe(entry.label);
    const key = entry.keys[0];
    expect(item?.accelerator).toBe(key ? accelerator(key) : undefined);
    sent.length = 0;
    click(item);
    expect(sent).toEqual([entry.id]);
  });

  test('keeps the ids the end-to-end tests click, with the accelerators they always had', () => {
    const keys = Object.fromEntries(
      items.filter((item) => item.id).map((item) => [item.id, item.accelerator]),
    );
    expect(keys).toMatchObject({
      'file.closeTab': 'CmdOrCtrl+W',
      'file.closeAll': 'CmdOrCtrl+Shift+W',
      'file.settings': 'CmdOrCtrl+,',
      'dropbox.open': 'CmdOrCtrl+O',
      'dropbox.save': 'CmdOrCtrl+S',
      'dropbox.saveAs': 'CmdOrCtrl+Shift+S',
      'dropbox.uploadLocalFile': undefined,
      'dropbox.downloadToComputer': undefined,
      'dropbox.revisionHistory': undefined,
      'dropbox.account': undefined,
      'dropbox.signIn': undefined,
      'dropbox.signOut': undefined,
      'view.commandPalette': 'CmdOrCtrl+Shift+P',
    });
  });

  test('a command outside the menus has no item', () => {
    expect([...byId.keys()].some((id) => id?.endsWith('.quit'))).toBe(false);
  });

  test("Ctrl/Cmd+W is bound once, to Close Tab: no Close role, nor the one in Electron's own Window menu", () => {
    const template = menuTemplate(() => {}, isMac);
    expect(items.filter((item) => item.role?.toLowerCase() === 'close')).toEqual([]);
    // Given no submenu, Electron fills the Window menu itself, with Close (Ctrl+W) on Windows and Linux.
    const windowMenu = template.find((item) => item.role === 'windowMenu');
    expect(windowMenu?.submenu).toEqual(
      isMac
        ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }]
        : [{ role: 'minimize' }, { role: 'zoom' }],
    );
    expect(items.filter((item) => item.accelerator === 'CmdOrCtrl+W').map((item) => item.id)).toEqual([
      'file.closeTab',
    ]);
  });

  test("separators part the groups, and Electron's own items keep their places", () => {
    const template = menuTemplate(() => {}, isMac);
    const shape = (id: string) =>
      ((template.find((item) => item.id === id)?.submenu ?? []) as MenuItemConstructorOptions[]).map(
        (item) => (item.type === 'separator' ? '|' : (item.id?.slice(id.length + 1) ?? item.role)),
      );
    expect(shape('file')).toEqual([
      ...['newFile', '|', 'closeTab', 'closeAll', '|', 'settings', 'checkForUpdates', '|'],
      ...['reopenWithEncoding', 'saveWithEncoding'],
      ...(isMac ? [] : ['|', 'quit']),
    ]);
    expect(shape('dropbox')).toEqual([
      ...['open', 'quickOpen', 'findInDropbox', 'save', 'saveAs', '|'],
      ...['uploadLocalFile', 'downloadToComputer', '|'],
      ...['copyDropboxLink', 'showInDropbox', 'revisionHistory', 'resolveConflictedCopy'],
      ...['account', 'signIn', 'signOut'],
    ]);
    expect(shape('view')).toEqual([
      ...[
        'commandPalette',
        '|',
        'togglePreview',
        '|',
        'resetZoom',
        'zoomIn',
        'zoomOut',
        '|',
        'togglefullscreen',
      ],
    ]);
  });
});
