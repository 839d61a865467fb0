// For CommonJS (the preload): `require('electron')` returns a stub that records what it was asked for.
const Module = require('node:module');
const calls = [];
globalThis.__electronStubCalls = calls;
const record = (name) => () => calls.push(name);
const stub = {
  contextBridge: {
    exposeInMainWorld: (name, api) =>
      calls.push(`contextBridge.exposeInMainWorld:${name}:${Object.keys(api).length}`),
  },
  ipcRenderer: { invoke: record('ipcRenderer.invoke'), on: record('ipcRenderer.on') },
};
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'electron' ? stub : load.call(this, request, ...rest);
};
