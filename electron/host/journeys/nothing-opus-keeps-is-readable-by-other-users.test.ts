import { lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dropbox } from 'dropbox';
import { afterEach, describe, expect, test } from 'vitest';
import { rewriteToLocalbox } from '../../../localbox/test-support/localbox.ts';
import { approvingBrowser } from '../../core/test-support/core-bench.ts';
import { handleFor } from '../../core/test-support/core-handle.ts';
import { resolveWith, saveText, typeText } from '../../core/test-support/document-edits.ts';
import { pause } from '../../core/test-support/waiting.ts';
import { bootOpus } from '../../core/wiring/boot.ts';
import { fileKeyCipher, fileKeyValueStore } from '../file-store.ts';
import { listenOnRememberedPort } from '../remembered-port.ts';

/*
 * Issue 16, item 1: another user of the computer must not read a document through Opus's data folder.
 * A whole session of the browser host (settings, vault key, remembered port, journal, local history, the
 * embedded localbox's database, blobs and upload sessions) under a careless umask, then every entry walked.
 */

const roots: string[] = [];
const umaskAtStart = process.umask();
afterEach(() => {
  process.umask(umaskAtStart);
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** Every entry under `root` whose mode lets the group or others in: "path 755". */
function widerThanPrivate(root: string): string[] {
  const wider: string[] = [];
  const visit = (path: string) => {
    const info = lstatSync(path);
    const mode = info.mode & 0o777;
    if (mode & 0o077) wider.push(`${path.slice(root.length) || '/'} ${mode.toString(8)}`);
    if (info.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(root);
  return wider;
}

/** Every entry under `root`, as paths relative to it. */
function entries(root: string): string[] {
  const found: string[] = [];
  const visit = (path: string) => {
    found.push(path.slice(root.length));
    if (lstatSync(path).isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(root);
  return found;
}

/** The browser host's start, as `host/cli.ts` does it, on a data folder that does not exist yet. */
async function startHost(dataDir: string, log: (line: string) => void = () => {}) {
  const browser = approvingBrowser();
  const booted = await bootOpus({
    dataDir,
    store: fileKeyValueStore(join(dataDir, 'settings.json')),
    env: {},
    core: () => ({
      cipher: fileKeyCipher(join(dataDir, 'vault.key'), log),
      openExternal: browser.openExternal,
      version: 'test',
      signInPorts: [0],
      log,
    }),
  });
  await listenOnRememberedPort(join(dataDir, 'host-port'), async (port) => ({
    origin: `http://127.0.0.1:${port || 41234}`,
  }));
  return booted;
}

describe.each([0o022, 0o000])('with umask %o', (umask) => {
  test('a whole session leaves every folder 0700 and every file 0600, running and after', async () => {
    const root = mkdtempSync(join(tmpdir(), 'opus-private-'));
    roots.push(root);
    const dataDir = join(root, 'opus-web');
    process.umask(umask);
    const booted = await startHost(dataDir);
    const localbox = booted.localbox;
    if (!localbox) throw new Error('no embedded localbox');
    const other = new Dropbox({
      accessToken: localbox.issueTokens().access_token,
      fetch: rewriteToLocalbox(localbox.url),
    });

    // Another computer uploads, in one request and through an upload session.
    const created = await other.filesUpload({ path: '/Notes/plan.txt', contents: 'one\ntwo\n' });
    const session = await other.filesUploadSessionStart({ contents: 'part one, ', close: false });
    await other.filesUploadSessionAppendV2({
      cursor: { session_id: session.result.session_id, offset: 10 },
      contents: 'part two',
      close: false,
    });

    // Here: sign in (the vault writes its key and the settings), open, type (the journal writes).
    const opus = handleFor(booted.core);
    await opus.call('signIn', {});
    await opus.events.waitFor('accountChanged', (change) => change.signedIn, 10_000);
    const doc = await opus.open('/Notes/plan.txt');
    await typeText(opus, doc.documentId, 'one\ntwo (mine)\n');
    await pause(150);
    // Dropbox moves on; the user takes theirs, so their own text is kept in the local history.
    await other.filesUpload({
      path: '/Notes/plan.txt',
      contents: 'one (theirs)\ntwo\n',
      mode: { '.tag': 'update', update: created.result.rev },
    });
    expect((await saveText(opus, doc.documentId, 'one\ntwo (mine)\n')).kind).toBe('conflict');
    await resolveWith(opus, doc.documentId, 'take_theirs', 'one\ntwo (mine)\n');
    await typeText(opus, doc.documentId, 'one (theirs)\ntwo, again mine\n');
    await pause(150);

    const made = entries(dataDir);
    for (const expected of [
      '/settings.json',
      '/vault.key',
      '/host-port',
      '/journal',
      '/history',
      '/localbox/localbox.sqlite',
      '/localbox/localbox.sqlite-wal',
      '/localbox/localbox.lock',
      '/localbox/blobs',
      '/localbox/sessions',
    ])
      expect(made).toContain(expected);
    expect(made.filter((path) => path.startsWith('/history/'))).toHaveLength(1);
    expect(made.filter((path) => /^\/journal\/.+\/.+/.test(path)).length).toBeGreaterThan(0);
    expect(made.filter((path) => /^\/localbox\/blobs\/..\/.{64}$/.test(path)).length).toBeGreaterThan(1);
    expect(made.filter((path) => /^\/localbox\/sessions\/.+\/.+/.test(path)).length).toBeGreaterThan(0);
    expect(widerThanPrivate(dataDir)).toEqual([]);

    await booted.close();
    expect(widerThanPrivate(dataDir)).toEqual([]);
  });
});
