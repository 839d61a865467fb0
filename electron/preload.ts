// The preload: the renderer's only door to main. It exposes one named function per contract command and
// one subscription per event (returning an unsubscribe), and nothing else: no ipcRenderer, no channels.
// Sandboxed preloads run as CommonJS; this file is bundled to CJS.
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import { CALL_CHANNEL, EVENT_CHANNEL } from './common/channels.ts';
import type { Envelope } from './common/contract/api.ts';
import { buildOpusApi, unwrap } from './common/contract/client.ts';

// A failed command rejects with the contract's error as a plain object, as the page bridge does.
const { api, deliver } = buildOpusApi(async (name, request) =>
  unwrap((await ipcRenderer.invoke(CALL_CHANNEL, name, request)) as Envelope<unknown>),
);

// The IPC event object stays here: listeners get only the payload.
ipcRenderer.on(EVENT_CHANNEL, (_event: IpcRendererEvent, name: string, payload: unknown) =>
  deliver(name, payload),
);

contextBridge.exposeInMainWorld('opus', api);
