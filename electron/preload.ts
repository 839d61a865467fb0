// The preload: the renderer's only door to main. It exposes one named function per contract command and
// one subscription per event (returning an unsubscribe), and nothing else: no ipcRenderer, no channels.
// Sandboxed preloads run as CommonJS; this file is bundled to CJS.
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import type { ContractError, Envelope } from './core/contract/api.ts';
import { buildOpusApi } from './core/contract/client.ts';
import { CALL_CHANNEL, EVENT_CHANNEL } from './shell/channels.ts';

const { api, deliver } = buildOpusApi(async (name, request) => {
  const envelope = (await ipcRenderer.invoke(CALL_CHANNEL, name, request)) as Envelope<unknown>;
  if (envelope.ok) return envelope.value;
  // contextBridge copies only an Error's message across; a plain object keeps the error's kind.
  const error: ContractError = { kind: envelope.error.kind, message: envelope.error.message };
  return Promise.reject(error);
});

// The IPC event object stays here: listeners get only the payload.
ipcRenderer.on(EVENT_CHANNEL, (_event: IpcRendererEvent, name: string, payload: unknown) =>
  deliver(name, payload),
);

contextBridge.exposeInMainWorld('opus', api);
