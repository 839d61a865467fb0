import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { RestoredDocument } from '../../common/contract/shapes.ts';
import { memoryStore } from '../auth/test-support/memory-store.ts';
import {
  type CoreBench,
  journaledTexts as journaledTextsIn,
  startCoreBench,
  testCipher,
} from '../test-support/core-bench.ts';
import type { CoreHandle } from '../test-support/core-handle.ts';
import { mergeText, saveText, typeText } from '../test-support/document-edits.ts';
import type { KilledAfterTypingOrders } from '../test-support/killed-after-typing.ts';
import { eventually, pause } from '../test-support/waiting.ts';

let bench: CoreBench;
beforeAll(async () => {
  bench = await startCoreBench();
});
afterAll(() => bench.stop());

const journaledTexts = () => journaledTextsIn(bench.dataDir);

/** Opens `path` and types `text`: the edit is answered once the journal has it on disk. */
async function typeAndWait(path: string, base: string, text: string) {
  await bench.put(path, base);
  const doc = await bench.opus.open(path);
  await typeText(bench.opus, doc.documentId, text);
  expect(await journaledTexts()).toContain(text);
  return doc;
}

test('after a crash the next start restores unsaved text, and goes straight to the conflict if Dropbox moved', async () => {
  const calm = await typeAndWait('/Crash/calm.txt', 'one\n', 'one\ntwo, never saved\n');
  const moved = await typeAndWait('/Crash/moved.txt', 'alpha\n', 'alpha\nbeta, never saved\n');
  const landed = await typeAndWait('/Crash/landed.txt', 'first\n', 'first\nsecond, saved just before\n');
  // Meanwhile, on another computer; and a save that reached Dropbox just before the crash.
  const theirs = await bench.put('/Crash/moved.txt', 'alpha\ngamma, from elsewhere\n');
  await bench.put('/Crash/landed.txt', 'first\nsecond, saved just before\n');

  // The crash: the core is dropped without close(). The next start signs in from the vault.
  const next: CoreHandle = await bench.restart();
  expect(await next.call('getAccount', {})).toMatchObject({
    signedIn: true,
    account: { displayName: 'Ada Lovelace' },
  });
  const restored = await next.call('getRestoredDocuments', {});
  const byPath = (path: string) => restored.find((r) => r.snapshot.remote.path === path) as RestoredDocument;
  expect(restored).toHaveLength(3);

  expect(byPath('/Crash/calm.txt')).toEqual({
    snapshot: expect.objectContaining({
      documentId: calm.documentId,
      text: 'one\n',
      remote: expect.objectContaining({ rev: calm.remote.rev }),
    }),
    text: 'one\ntwo, never saved\n',
    remoteMoved: false,
  });
  expect(byPath('/Crash/moved.txt')).toEqual({
    snapshot: expect.objectContaining({
      documentId: moved.documentId,
      text: 'alpha\n',
      remote: expect.objectContaining({ rev: moved.remote.rev }),
    }),
    text: 'alpha\nbeta, never saved\n',
    remoteMoved: true,
  });
  expect(byPath('/Crash/landed.txt')).toMatchObject({
    snapshot: { documentId: landed.documentId },
    text: 'first\nsecond, saved just before\n',
    remoteMoved: false,
  });
  expect(byPath('/Crash/landed.txt').snapshot.text).toBe('first\nsecond, saved just before\n');

  // Each restored document goes to the window that asked first: a second window (another page of the
  // browser host) gets none of them, so no two windows ever type into one document.
  expect(await next.call('getRestoredDocuments', {})).toEqual([]);

  // The moved one: the save is the conflict prompt at once, with no upload.
  bench.takeCounts();
  const prompt = await saveText(next, moved.documentId, 'alpha\nbeta, never saved\n');
  expect(prompt).toMatchObject({
    kind: 'conflict',
    conflict: {
      baseRev: moved.remote.rev,
      remote: { rev: theirs.rev },
      remoteText: 'alpha\ngamma, from elsewhere\n',
    },
  });
  expect(bench.takeCounts({ withoutWatcher: true })).toEqual({});
  // A merge of the two works from the exact base the text was typed on.
  expect(await mergeText(next, moved.documentId, 'alpha\nbeta, never saved\n')).toMatchObject({
    kind: 'conflicted',
  });

  // The calm one saves against its base rev and leaves the journal.
  const saved = await saveText(next, calm.documentId, 'one\ntwo, never saved\n');
  expect(saved.kind).toBe('saved');
  expect((await bench.get('/Crash/calm.txt')).toString()).toBe('one\ntwo, never saved\n');
  await eventually(
    async () => !(await journaledTexts()).includes('one\ntwo, never saved\n'),
    2000,
    'the entry cleared',
  );
  // The one that had landed is not unsaved any more.
  expect(await journaledTexts()).not.toContain('first\nsecond, saved just before\n');
  // What is still unsaved stays journaled for the start after this one.
  expect(await journaledTexts()).toContain('alpha\nbeta, never saved\n');
  await next.close();
});

test('text typed back to what Dropbox has leaves nothing in the journal', async () => {
  const doc = await typeAndWait('/Crash/undo.txt', 'same\n', 'same, edited\n');
  await typeText(bench.opus, doc.documentId, 'same\n');
  await eventually(
    async () => !(await journaledTexts()).includes('same, edited\n'),
    2000,
    'the entry cleared',
  );
});

test('text typed while a save is on its way stays journaled after the save lands', async () => {
  // The network takes its time answering uploads, and the writer keeps typing meanwhile.
  const slowUploads = ((input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const answer = fetch(input, init);
    if (!url.endsWith('/2/files/upload')) return answer;
    return answer.then(async (response) => {
      await pause(300);
      return response;
    });
  }) as typeof fetch;
  const writer = await bench.restart({ fetch: slowUploads });
  await bench.put('/Crash/typing.txt', 'one\n');
  const doc = await writer.open('/Crash/typing.txt');
  await typeText(writer, doc.documentId, 'one\ntwo\n');
  const saving = saveText(writer, doc.documentId, 'one\ntwo\n');
  await pause(100);
  await typeText(writer, doc.documentId, 'one\ntwo\nthree, typed during the save\n');
  expect((await saving).kind).toBe('saved');
  await pause(150);
  expect(await journaledTexts()).toContain('one\ntwo\nthree, typed during the save\n');

  // Crash now: the next start offers the typed text on top of the rev just saved.
  const next = await bench.restart();
  const restored = await next.call('getRestoredDocuments', {});
  expect(restored.find((r) => r.snapshot.documentId === doc.documentId)).toMatchObject({
    snapshot: { text: 'one\ntwo\n' },
    text: 'one\ntwo\nthree, typed during the save\n',
    remoteMoved: false,
  });
  await next.close();
  await writer.close();
});

test('an open that arrives before the restore is asked for finds the journaled document restored, not a second copy', async () => {
  const before = await typeAndWait('/Crash/linked.txt', 'base\n', 'base\ntyped, never saved\n');
  // The next start: a window that opens the file by a link may ask for it before it asks for the restore.
  const next = await bench.restart();
  const opened = await next.call('openDocument', { path: '/Crash/linked.txt' });
  expect(opened.documentId).toBe(before.documentId);
  const restored = await next.call('getRestoredDocuments', {});
  const entry = restored.find((r) => r.snapshot.remote.path === '/Crash/linked.txt');
  expect(entry).toMatchObject({
    snapshot: { documentId: before.documentId },
    text: 'base\ntyped, never saved\n',
  });
  // Still journaled, under the one document: saving it lands the typed text.
  expect(await journaledTexts()).toContain('base\ntyped, never saved\n');
  const saved = await saveText(next, opened.documentId, 'base\ntyped, never saved\n');
  expect(saved.kind).toBe('saved');
});

/** Runs test-support/killed-after-typing.ts in a process of its own, until it dies. */
async function killedAfterTyping(orders: KilledAfterTypingOrders) {
  // Node 20 cannot run TypeScript itself: the bench's loader has esbuild strip the types on load.
  const loader = new URL('../../../bench/ts-loader.mjs', import.meta.url).href;
  const register = `import { register } from 'node:module'; register(${JSON.stringify(loader)});`;
  const child = spawn(
    process.execPath,
    [
      '--import',
      `data:text/javascript,${encodeURIComponent(register)}`,
      fileURLToPath(new URL('../test-support/killed-after-typing.ts', import.meta.url)),
      JSON.stringify(orders),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const [, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  return { signal, stderr, documentId: /^typed (\S+)$/m.exec(stdout)?.[1] };
}

test('a core in its own process, SIGKILLed the moment an edit was answered: the next start restores exactly that text', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'opus-killed-'));
  const key = randomBytes(32);
  const store = memoryStore();
  const cipher = testCipher(key);
  try {
    // Signed in once before, as on any later start: the child signs in from this vault.
    const before = bench.createCore({ dataDir, store, cipher });
    await before.call('signIn', {});
    await before.events.waitFor('accountChanged', (e) => e.signedIn && e.account !== undefined, 10_000);
    await before.close();
    const path = '/Crash/Killed/diary.txt';
    const base = 'Dear diary,\n';
    const created = await bench.put(path, base);
    const texts = [
      'Dear diary,\ntoday',
      'Dear diary,\ntoday I wrote',
      'Dear diary,\ntoday I wrote — naïve ✓ 😀 —\nand then the power went out\n',
    ];

    const child = await killedAfterTyping({
      origin: bench.lb.box.url,
      appKey: bench.lb.box.appKey,
      dataDir,
      store: [...store.values],
      key: key.toString('base64'),
      path,
      texts,
      typedAtEnd: 'Typed last.',
    });
    expect(child.signal, child.stderr).toBe('SIGKILL');
    expect(child.documentId, child.stderr).toBeDefined();

    const next = await bench.restart({ dataDir, store, cipher });
    expect(await next.call('getRestoredDocuments', {})).toEqual([
      {
        snapshot: expect.objectContaining({
          documentId: child.documentId,
          text: base,
          remote: expect.objectContaining({ path, rev: created.rev }),
        }),
        text: `${texts.at(-1)}Typed last.`,
        remoteMoved: false,
      },
    ]);
    await next.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);
