import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../../../localbox/test-support/localbox.ts';
import { bundleBrowser } from '../../../scripts/build-node.mjs';
import { COMMAND_NAMES } from '../../common/contract/names.ts';
import { approvingBrowser } from '../../core/test-support/core-bench.ts';
import { createOpusCore, type OpusCore } from '../../core/wiring/opus-core.ts';
import { fileKeyCipher, fileKeyValueStore } from '../file-store.ts';
import { SECRET_HEADER } from '../page-protocol.ts';
import { type BrowserHost, startBrowserHost } from '../server.ts';
import { secretHandedOver } from '../test-support/browser-host.ts';

let lb: TestLocalbox;
let core: OpusCore;
let host: BrowserHost;
let dir: string;
let secret: string;
const browser = approvingBrowser();

/** One command through the browser host, as the page sends it: the envelope it answers. */
async function serve(
  name: string,
  request: unknown = {},
): Promise<{ ok: boolean; value?: unknown; error?: { kind: string } }> {
  const response = await fetch(`${host.origin}/api/call/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: host.origin, [SECRET_HEADER]: secret },
    body: JSON.stringify(request),
  });
  expect(response.status, name).toBe(200);
  return (await response.json()) as { ok: boolean; value?: unknown; error?: { kind: string } };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'opus-host-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  lb = await startTestLocalbox();
  core = createOpusCore({
    endpoints: { origin: lb.box.url, appKey: lb.box.appKey },
    provider: 'localbox',
    dataDir: dir,
    store: fileKeyValueStore(join(dir, 'settings.json')),
    cipher: fileKeyCipher(join(dir, 'vault.key')),
    openExternal: browser.openExternal,
    version: 'test',
    signInPorts: [0],
  });
  const [bridgeFile] = await bundleBrowser();
  host = await startBrowserHost({ core, rendererDir: dir, bridgeFile: bridgeFile as string });
  secret = (await secretHandedOver(host)).handedOver ?? '';
});

afterAll(async () => {
  await host?.close();
  await core?.close();
  await lb?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('every command of the contract is served by the real core through the browser host', async () => {
  const kinds = new Map<string, string>();
  for (const name of COMMAND_NAMES) {
    const envelope = await serve(name);
    kinds.set(name, envelope.ok ? 'ok' : (envelope.error?.kind ?? '?'));
  }
  // Signed out: the account's own commands answer; the rest say signed_out or refuse bad arguments.
  expect(kinds.get('getAppInfo')).toBe('ok');
  expect(kinds.get('getAccount')).toBe('ok');
  for (const [name, kind] of kinds)
    expect(['ok', 'signed_out', 'invalid_request'], `${name}: ${kind}`).toContain(kind);
  expect([...kinds.keys()]).toEqual([...COMMAND_NAMES]);
});

test('signed in through the host, a document opens, takes typing and saves its bytes to Dropbox', async () => {
  expect((await serve('signIn')).ok).toBe(true);
  await expect
    .poll(async () => (await serve('getAccount')).value, { timeout: 10_000 })
    .toMatchObject({
      signedIn: true,
    });
  const put = (await lb.client().filesUpload({ path: '/Served/draft.txt', contents: 'first\n' })).result;
  const opened = await serve('openDocument', { path: '/Served/draft.txt' });
  expect(opened).toMatchObject({ ok: true, value: { text: 'first\n', remote: { rev: put.rev } } });
  const { documentId } = opened.value as { documentId: string };
  const typed = await serve('editDocument', {
    documentId,
    baseRev: put.rev,
    version: 2,
    change: { kind: 'text', text: 'first\nsecond\n' },
  });
  expect(typed).toMatchObject({ ok: true, value: { applied: true } });
  const saved = await serve('saveDocument', { documentId, version: 2, baseRev: put.rev });
  expect(saved).toMatchObject({ ok: true, value: { kind: 'saved' } });
  const { fileBinary } = (await lb.client().filesDownload({ path: '/Served/draft.txt' }))
    .result as unknown as {
    fileBinary: Buffer;
  };
  expect(fileBinary.toString()).toBe('first\nsecond\n');
  // Now signed in, no command of the contract answers signed_out any more.
  for (const name of COMMAND_NAMES.filter((n) => n !== 'signOut' && n !== 'signIn'))
    expect((await serve(name)).error?.kind, name).not.toBe('signed_out');
});
