// Stands in for the `electron` module when the built main bundle is loaded under plain Node: enough API
// for the module to evaluate, and a record of what it asked for. `app.whenReady` never resolves.
const calls = [];
globalThis.__electronStubCalls = calls;
const record =
  (name) =>
  (...args) => {
    calls.push(name);
    return undefined;
  };
export const app = {
  requestSingleInstanceLock: () => (calls.push('app.requestSingleInstanceLock'), true),
  on: record('app.on'),
  whenReady: () => (calls.push('app.whenReady'), new Promise(() => {})),
  quit: record('app.quit'),
  exit: record('app.exit'),
  getPath: () => '/nonexistent',
  getVersion: () => '0.0.0',
};
export const protocol = {
  registerSchemesAsPrivileged: record('protocol.registerSchemesAsPrivileged'),
  handle: record('protocol.handle'),
};
export const net = { fetch: record('net.fetch') };
export const ipcMain = { handle: record('ipcMain.handle'), removeHandler: record('ipcMain.removeHandler') };
export const ipcRenderer = { invoke: record('ipcRenderer.invoke'), on: record('ipcRenderer.on') };
export const contextBridge = {
  exposeInMainWorld: (name, api) =>
    calls.push(`contextBridge.exposeInMainWorld:${name}:${Object.keys(api).length}`),
};
export const Menu = {
  buildFromTemplate: record('Menu.buildFromTemplate'),
  setApplicationMenu: record('Menu.setApplicationMenu'),
};
export const safeStorage = {};
export const session = {};
export const shell = {};
export const dialog = {};
export class BrowserWindow {}
export default {
  app,
  protocol,
  net,
  ipcMain,
  ipcRenderer,
  contextBridge,
  Menu,
  safeStorage,
  session,
  shell,
  dialog,
  BrowserWindow,
};
