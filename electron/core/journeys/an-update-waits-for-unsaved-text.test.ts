import { afterAll, beforeAll, expect, test } from 'vitest';
import { type CoreBench, startCoreBench } from '../test-support/core-bench.ts';
import type { CoreHandle } from '../test-support/core-handle.ts';
import { saveText, typeText } from '../test-support/document-edits.ts';
import type { UpdaterPort } from '../wiring/updates.ts';

// Issue 15: an update installs only after the user agrees, and never while a document is unsaved or a
// save waits: the core reads that from its own documents, as the window's commands change them.

let bench: CoreBench;
let core: CoreHandle;
let installs = 0;
const updater: UpdaterPort = {
  check: async () => ({ kind: 'available', version: '0.2.0' }),
  download: async (onProgress) => onProgress(100),
  quitAndInstall: () => {
    installs++;
  },
};

beforeAll(async () => {
  bench = await startCoreBench();
  core = await bench.restart({ updater });
});
afterAll(() => bench.stop());

test('the agreement to install is refused while a document is unsaved, and accepted once it is saved', async () => {
  await bench.put('/notes.txt', 'first\n');
  const { documentId } = await core.open('/notes.txt');

  expect(await core.call('checkForUpdates', {})).toEqual({ phase: 'available', version: '0.2.0' });
  await core.events.waitFor('updateStateChanged', (state) => state.phase === 'downloaded');
  expect(await core.call('getUpdateState', {})).toEqual({ phase: 'downloaded', version: '0.2.0' });

  await typeText(core, documentId, 'first\nsecond\n');
  expect(await core.call('installUpdate', {})).toEqual({
    kind: 'refused',
    blockers: [{ name: 'notes.txt', phase: 'dirty' }],
  });
  expect(installs).toBe(0);

  expect(await saveText(core, documentId, 'first\nsecond\n')).toMatchObject({ kind: 'saved' });
  expect(await core.call('installUpdate', {})).toEqual({ kind: 'installing', version: '0.2.0' });
  expect(installs).toBe(1);
});

test('the update commands answer signed out too: updating the app is no Dropbox matter', async () => {
  const signedOut = bench.createCore({ updater });
  expect(await signedOut.call('getUpdateState', {})).toEqual({ phase: 'idle' });
  expect(await signedOut.call('checkForUpdates', {})).toEqual({ phase: 'available', version: '0.2.0' });
  await signedOut.close();
});
