import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInThisContext } from 'node:vm';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { bundleBrowser } from '../../../scripts/build-node.mjs';
import type { OpusApi } from '../../common/contract/api.ts';
import { ContractErrorShape } from '../../common/contract/shapes.ts';
import { gatewayError } from '../../core/dropbox/error-mapping.ts';
import { OpusError } from '../../core/errors.ts';
import type { CoreService } from '../../core/wiring/core-service.ts';
import { dispatch, type Handlers } from '../../core/wiring/dispatch.ts';
import { bindContract } from '../../shell/ipc.ts';
import { type BrowserHost, startBrowserHost } from '../server.ts';
import { secretHandedOver } from '../test-support/browser-host.ts';

// Electron itself cannot run here: the preload and main's IPC binding run against a stand-in that passes
// each call from one to the other as Electron does, by structured clone.
const electron = vi.hoisted(() => ({
  /** Our own top frame, the one sender main's IPC answers. */
  frame: { url: 'app://opus/index.html' },
  exposed: {} as Record<string, unknown>,
  handler: undefined as
    | undefined
    | ((event: { senderFrame: { url: string } }, ...args: unknown[]) => unknown),
}));
vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => {
      electron.exposed[key] = api;
    },
  },
  ipcRenderer: {
    invoke: async (_channel: string, ...args: unknown[]) =>
      structuredClone(await electron.handler?.({ senderFrame: electron.frame }, ...args)),
    on: () => {},
  },
}));

/** The core error the next call meets: the same one for both hosts. */
let failure: Error = new Error('set by each test');

/** The real contract dispatcher with one handler, which fails as the test says. */
const core: CoreService = {
  call: (name, request) =>
    dispatch(
      {
        getAppInfo: () => {
          throw failure;
        },
      } as unknown as Handlers,
      name,
      request,
    ),
  subscribe: () => () => {},
  close: async () => {},
};

let electronOpus: OpusApi;
let browserOpus: OpusApi;
let host: BrowserHost;
let dir: string;
let unbind: () => void;

/**
 * The page bridge as the host serves it, run as a browser would: the printed address followed, the
 * secret taken from the page it led to, fetch on the page's origin. The event stream is answered 204
 * (no events, as the HTML spec lets a server say): this file proves the commands.
 */
async function pageBridge(): Promise<OpusApi> {
  const { location, handedOver } = await secretHandedOver(host);
  const pageFetch = (path: string, init: RequestInit = {}) =>
    path === '/api/events'
      ? Promise.resolve(new Response(null, { status: 204 }))
      : fetch(new URL(path, host.origin), {
          ...init,
          headers: { ...(init.headers as Record<string, string>), Origin: host.origin },
        });
  const script = await (await pageFetch('/__opus/bridge.js')).text();
  const page: { opus?: OpusApi } = {};
  const stored = new Map<string, string>();
  const run = (address: URL, meta: { content: string } | null) => {
    const location = { href: address.href, replace: (to: URL) => (location.href = to.href) };
    runInThisContext(`(function (window, fetch, location, document, sessionStorage) {${script}\n})`)(
      page,
      pageFetch,
      location,
      { querySelector: () => meta },
      {
        setItem: (key: string, value: string) => stored.set(key, value),
        getItem: (key: string) => stored.get(key) ?? null,
      },
    );
    return location.href;
  };
  // The page the ticket led to stores the secret and replaces itself with the address minus the ticket…
  const clean = run(new URL(location, host.origin), { content: handedOver ?? '' });
  expect(clean).toBe(`${host.origin}/`);
  expect(page.opus).toBeUndefined();
  // …where the app's page finds it in the tab's storage.
  run(new URL(clean), null);
  return page.opus as OpusApi;
}

beforeAll(async () => {
  const ipcMain = {
    handle: (_channel: string, handler: typeof electron.handler) => {
      electron.handler = handler;
    },
    removeHandler: () => {},
  };
  unbind = bindContract(ipcMain, core, {
    webContents: { mainFrame: electron.frame, send: () => {} },
    isDestroyed: () => false,
  } as unknown as Parameters<typeof bindContract>[2]);
  await import('../../preload.ts');
  electronOpus = electron.exposed.opus as OpusApi;

  dir = mkdtempSync(join(tmpdir(), 'opus-rejects-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  const [bridgeFile] = await bundleBrowser();
  host = await startBrowserHost({ core, rendererDir: dir, bridgeFile: bridgeFile as string });
  browserOpus = await pageBridge();
});

afterAll(async () => {
  unbind?.();
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

const rejectionOf = (opus: OpusApi): Promise<unknown> =>
  opus.getAppInfo().then(
    () => expect.unreachable('the call should have failed'),
    (error: unknown) => error,
  );

const SPECIFIC = 'Could not write /home/ann/notes.txt: EACCES.';

test.each([
  [
    "the gateway's generic words",
    () => gatewayError('offline', { tags: 'network' }),
    { kind: 'offline', message: 'Dropbox cannot be reached.', generic: true },
  ],
  [
    'words the core chose for this case',
    () => new OpusError('local_io', SPECIFIC),
    { kind: 'local_io', message: SPECIFIC, generic: false },
  ],
  [
    'a failure that is no OpusError',
    () => new TypeError('x is not a function'),
    {
      kind: 'unknown',
      message: 'Opus hit an internal error. Your text is safe; please try again.',
      generic: false,
    },
  ],
])('a failed command rejects alike in Electron and in the browser: %s', async (_case, fail, expected) => {
  failure = fail();
  const inElectron = await rejectionOf(electronOpus);
  const inBrowser = await rejectionOf(browserOpus);
  expect(inElectron).toEqual(expected);
  expect(inBrowser).toEqual(expected);
  for (const rejected of [inElectron, inBrowser]) {
    // The contract's error and nothing more, as a plain object: contextBridge keeps only an Error's message.
    expect(ContractErrorShape.parse(rejected)).toEqual(rejected);
    expect(Object.getPrototypeOf(rejected)).toBe(Object.prototype);
  }
});
