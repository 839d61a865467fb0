// Stands in for the `electron` module when the built main bundle is loaded under plain Node: enough API
// for the module to evaluate, and a record of what it asked for. `app.whenReady` never resolves.
const calls = [];
globalThis.__electronStubCalls = calls;
const record = (name, result) => () => {
  calls.push(name);
  return typeof result === 'function' ? result() : result;
};
export const app = {
  requestSingleInstanceLock: record('app.requestSingleInstanceLock', true),
  on: record('app.on'),
  whenReady: record('app.whenReady', () => new Promise(() => {})),
  quit: record('app.quit'),
  exit: record('app.exit'),
  setName: record('app.setName'),
  setPath: record('app.setPath'),
  setAppLogsPath: record('app.setAppLogsPath'),
  getPath: () => '/nonexistent',
  getVersion: () => '0.0.0',
};
export const protocol = {
  registerSchemesAsPrivileged: record('protocol.registerSchemesAsPrivileged'),
  handle: record('protocol.handle'),
};
export const net = { fetch: record('net.fetch') };
export const ipcMain = { handle: record('ipcMain.handle'), removeHandler: record('ipcMain.removeHandler') };
export const Menu = {
  buildFromTemplate: record('Menu.buildFromTemplate'),
  setApplicationMenu: record('Menu.setApplicationMenu'),
};
export const safeStorage = {};
export const session = {};
export const shell = {};
export const dialog = {};
export class BrowserWindow {}
// electron-store imports electron's default export, as Electron's own module provides it.
// biome-ignore lint/style/noDefaultExport: mirrors the real module's shape
export default { app, protocol, net, ipcMain, Menu, safeStorage, session, shell, dialog, BrowserWindow };
