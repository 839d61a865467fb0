import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Text } from '@codemirror/state';
import { afterAll, expect, test } from 'vitest';
import { vaultKey } from '../auth/token-vault.ts';
import { DEFAULT_TEXT_FORMAT } from '../documents/codec.ts';
import { serviceIdentity } from '../dropbox/endpoints.ts';
import { AccountJournal } from './account-journal.ts';
import { localboxEndpoints } from './provider.ts';

const root = mkdtempSync(join(tmpdir(), 'opus-account-journal-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const header = (documentId: string) => ({
  documentId,
  path: '/magnum-opus.txt',
  baseRev: '0123456789a',
  baseContentHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  format: DEFAULT_TEXT_FORMAT,
});

const textOf = (string: string) => Text.of(string.split('\n'));

test("one account's unsaved text is never restored for another account", async () => {
  const journal = new AccountJournal(root, { syncDelayMs: 1 });
  const ada = AccountJournal.keyFor('http://127.0.0.1:1', 'app', 'dbid:ada');
  const bob = AccountJournal.keyFor('http://127.0.0.1:1', 'app', 'dbid:bob');
  expect(ada).not.toBe(bob);
  expect(AccountJournal.keyFor('https://api.dropboxapi.com', 'app', 'dbid:ada')).not.toBe(ada);

  await journal.switchTo(ada);
  const draft = textOf("Ada's draf");
  await journal.record(header('doc-1'), draft, null);
  await journal.record(header('doc-1'), draft.replace(10, 10, textOf('t\n')), [
    { at: 10, remove: 0, insert: 't\n' },
  ]);
  await journal.switchTo(null);
  // Nobody signed in: nothing is written, nothing is offered.
  await journal.record(header('doc-2'), textOf('typed while signed out\n'), null);
  expect(await journal.readAll()).toEqual([]);

  await journal.switchTo(bob);
  expect(await journal.readAll()).toEqual([]);
  await journal.switchTo(ada);
  expect((await journal.readAll()).map((e) => e.text)).toEqual(["Ada's draft\n"]);
});

test('the embedded localbox keeps its vault entry and journal folder when it comes back on another port', () => {
  const before = localboxEndpoints('http://127.0.0.1:41001', 'app');
  const after = localboxEndpoints('http://127.0.0.1:52002', 'app');
  expect(vaultKey(after)).toBe(vaultKey(before));
  expect(AccountJournal.keyFor(serviceIdentity(after), 'app', 'dbid:ada')).toBe(
    AccountJournal.keyFor(serviceIdentity(before), 'app', 'dbid:ada'),
  );
  // A standalone localbox is named by its address: two of them are two different services.
  expect(vaultKey({ origin: 'http://127.0.0.1:1', appKey: 'app' })).not.toBe(
    vaultKey({ origin: 'http://127.0.0.1:2', appKey: 'app' }),
  );
});
