// The program of the child process unsaved-text-survives-a-crash.test.ts starts (plain Node, with
// bench/ts-loader.mjs to run TypeScript): an Opus core of its own signs in from the vault it is given,
// opens a document, types each text in turn through the contract, and the moment the last edit is
// answered the process SIGKILLs itself, so nothing after the answer gets to run.
import { writeSync } from 'node:fs';
import { createOpusCore } from '../opus-core.ts';
import { handleFor, memoryStore, testCipher, typeText } from '../test-kit.ts';

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
}

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
});
const opus = handleFor(core);
await core.start();
await opus.events.waitFor('accountChanged', (e) => e.signedIn && e.account !== undefined, 10_000);
const doc = await opus.open(orders.path);
for (const text of orders.texts) await typeText(opus, doc.documentId, text);
writeSync(1, `typed ${doc.documentId}\n`);
process.kill(process.pid, 'SIGKILL');
