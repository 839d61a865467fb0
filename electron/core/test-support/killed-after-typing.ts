// The program of the child process unsaved-text-survives-a-crash.test.ts starts (plain Node, with
// bench/ts-loader.mjs to run TypeScript): an Opus core of its own signs in from the vault it is given,
// opens a document, types each text in turn through the contract, then one keystroke's edit, and the
// moment that edit is answered the process SIGKILLs itself, so nothing after the answer gets to run.
// Its journal writes land 40 ms late, as on a slow disk: an answer sent before the write is caught out.
import { writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { memoryStore } from '../auth/test-support/memory-store.ts';
import { type JournalFileHandle, type JournalFs, nodeJournalFs } from '../journal/journal-fs.ts';
import { createOpusCore } from '../wiring/opus-core.ts';
import { testCipher } from './core-bench.ts';
import { handleFor } from './core-handle.ts';
import { typeText } from './document-edits.ts';

export interface KilledAfterTypingOrders {
  origin: string;
  appKey: string;
  dataDir: string;
  /** The settings store's entries, the vault's among them (encrypted with `key`). */
  store: [string, string][];
  /** The vault's AES key, base64. */
  key: string;
  path: string;
  texts: string[];
  /** Typed at the end after the texts, sent as the editor sends keystrokes: an edit, not the text. */
  typedAtEnd: string;
}

/** A slow disk: a write lands 40 ms after it was asked for, so an answer sent before it is caught out. */
const slow = (handle: JournalFileHandle): JournalFileHandle => ({
  ...handle,
  write: async (data) => {
    await sleep(40);
    await handle.write(data);
  },
});
const slowDisk: JournalFs = {
  ...nodeJournalFs,
  create: async (path) => slow(await nodeJournalFs.create(path)),
  append: async (path) => slow(await nodeJournalFs.append(path)),
};

const orders = JSON.parse(process.argv[2] ?? '') as KilledAfterTypingOrders;
const store = memoryStore();
for (const [name, value] of orders.store) store.values.set(name, value);
const core = createOpusCore({
  endpoints: { origin: orders.origin, appKey: orders.appKey },
  provider: 'localbox',
  dataDir: orders.dataDir,
  store,
  cipher: testCipher(Buffer.from(orders.key, 'base64')),
  openExternal: async () => {},
  version: 'test',
  journalFs: slowDisk,
});
const opus = handleFor(core);
await core.start();
await opus.events.waitFor('accountChanged', (e) => e.signedIn && e.account !== undefined, 10_000);
const doc = await opus.open(orders.path);
for (const text of orders.texts) await typeText(opus, doc.documentId, text);
const editor = opus.editorOf(doc.documentId);
const at = (orders.texts.at(-1) ?? doc.text).length;
await opus.call('editDocument', {
  documentId: doc.documentId,
  baseRev: editor.rev,
  version: editor.version + 1,
  change: { kind: 'edits', from: editor.version, edits: [{ at, remove: 0, insert: orders.typedAtEnd }] },
});
writeSync(1, `typed ${doc.documentId}\n`);
process.kill(process.pid, 'SIGKILL');
