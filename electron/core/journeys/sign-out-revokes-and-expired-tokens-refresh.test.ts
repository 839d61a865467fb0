import { afterAll, beforeAll, expect, test } from 'vitest';
import { type CoreBench, startCoreBench } from '../test-support/core-bench.ts';
import { saveText } from '../test-support/document-edits.ts';

let bench: CoreBench;
beforeAll(async () => {
  bench = await startCoreBench();
});
afterAll(() => bench.stop());

/** The refresh token the vault keeps, decrypted as the app itself would. */
async function keptRefreshToken(): Promise<string> {
  // The settings store also keeps other things (recent files): the vault's entry is the auth.* one.
  const [entry] = [...bench.store.values]
    .filter(([key]) => key.startsWith('auth.'))
    .map(([, value]) => value);
  if (!entry) throw new Error('the vault is empty');
  return bench.cipher.decrypt((JSON.parse(entry) as { refreshToken: string }).refreshToken);
}

async function refreshWith(refreshToken: string): Promise<Response> {
  return fetch(`${bench.lb.box.url}/oauth2/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: bench.lb.box.appKey,
    }),
  });
}

test('an access token that expired is refreshed during a save, without the user noticing', async () => {
  await bench.put('/Tokens/draft.txt', 'one\n');
  const doc = await bench.opus.open('/Tokens/draft.txt');
  bench.lb.box.injectFaults({ expireTokens: true });
  bench.takeCounts();
  const saved = await saveText(bench.opus, doc.documentId, 'one\ntwo\n');
  expect(saved.kind).toBe('saved');
  // One refresh, then the upload again. The watcher's own request may meet the expired token first
  // (the edit reaches main a moment before the save): then the upload is sent once, already refreshed.
  const counts = bench.takeCounts({ withoutWatcher: true });
  expect(counts['/oauth2/token']).toBe(1);
  expect(counts['files/upload']).toBeGreaterThanOrEqual(1);
  expect(counts['files/upload']).toBeLessThanOrEqual(2);
  expect((await bench.get('/Tokens/draft.txt')).toString()).toBe('one\ntwo\n');
  await bench.opus.call('closeDocument', { documentId: doc.documentId });
});

test('signing out revokes the tokens at Dropbox; every call then answers signed_out until signing in again', async () => {
  await bench.put('/Tokens/open.txt', 'open\n');
  await bench.put('/Tokens/not-open-yet.txt', 'not open yet\n');
  const doc = await bench.opus.open('/Tokens/open.txt');
  const refreshToken = await keptRefreshToken();
  bench.takeCounts();
  bench.opus.events.clear();

  expect(await bench.opus.call('signOut', {})).toBeNull();
  expect(bench.takeCounts({ withoutWatcher: true })['auth/token/revoke']).toBe(1);
  expect(await bench.opus.events.waitFor('accountChanged')).toEqual({ signedIn: false });
  expect([...bench.store.values.keys()].filter((key) => key.startsWith('auth.'))).toEqual([]);
  // Revoked, not just forgotten: the refresh token no longer works anywhere.
  const refused = await refreshWith(refreshToken);
  expect(refused.status).toBe(400);
  expect(await refused.json()).toMatchObject({ error: 'invalid_grant' });

  expect(await bench.opus.call('getAccount', {})).toEqual({ signedIn: false });
  for (const [name, request] of [
    ['openDocument', { path: '/Tokens/not-open-yet.txt' }],
    ['listFolder', { path: '' }],
  ] as const) {
    expect(await bench.opus.envelope(name, request)).toMatchObject({
      ok: false,
      error: { kind: 'signed_out' },
    });
  }
  await expect(saveText(bench.opus, doc.documentId, 'open, edited\n')).rejects.toMatchObject({
    kind: 'signed_out',
  });
  expect((await bench.get('/Tokens/open.txt')).toString()).toBe('open\n');

  // Signing out closed the documents opened with that account: after signing in again they are opened
  // afresh (so nothing of one account can be saved into another), and saving works again.
  bench.opus.events.clear();
  await bench.opus.call('signIn', {});
  await bench.opus.events.waitFor('accountChanged', (e) => e.signedIn, 5000);
  await expect(saveText(bench.opus, doc.documentId, 'x\n')).rejects.toMatchObject({ kind: 'not_found' });
  const reopened = await bench.opus.open('/Tokens/open.txt');
  const saved = await saveText(bench.opus, reopened.documentId, 'open, edited\n');
  expect(saved.kind).toBe('saved');
  await bench.opus.call('closeDocument', { documentId: reopened.documentId });
});

test('a sign-in revoked elsewhere ends the session here too, and the window hears of it', async () => {
  const refreshToken = await keptRefreshToken();
  const tokens = (await (await refreshWith(refreshToken)).json()) as { access_token: string };
  await bench.lb.client({ accessToken: tokens.access_token }).authTokenRevoke();
  bench.opus.events.clear();
  // The access token the core holds is of the same family: refused from now on.
  expect(await bench.opus.envelope('listFolder', { path: '' })).toMatchObject({
    ok: false,
    error: { kind: 'signed_out' },
  });
  expect(await bench.opus.events.waitFor('accountChanged')).toMatchObject({ signedIn: false });
  expect([...bench.store.values.keys()].filter((key) => key.startsWith('auth.'))).toEqual([]);
  expect(await bench.opus.call('getAccount', {})).toEqual({ signedIn: false });
});
