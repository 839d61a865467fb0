import { afterAll, beforeAll, expect, test } from 'vitest';
import { type CoreBench, startCoreBench } from '../test-support/core-bench.ts';

let bench: CoreBench;
beforeAll(async () => {
  bench = await startCoreBench();
});
afterAll(() => bench.stop());

test('a window that starts or reloads gets the account at once; the Account panel asks Dropbox afresh', async () => {
  bench.takeCounts();
  // What the sign-in fetched answers every window without another request to Dropbox.
  for (let i = 0; i < 3; i++) {
    expect(await bench.opus.call('getAccount', {})).toMatchObject({
      signedIn: true,
      account: { displayName: 'Ada Lovelace', email: 'ada@example.org' },
    });
  }
  expect(bench.takeCounts({ withoutWatcher: true })).toEqual({});
  // Space used changes as files are saved: the panel's fresh question goes to Dropbox.
  await bench.put('/Account/ballast.bin', new Uint8Array(64 * 1024));
  bench.takeCounts();
  const fresh = await bench.opus.call('getAccount', { fresh: true });
  expect(fresh).toMatchObject({ signedIn: true, account: { used: expect.any(Number) } });
  expect(bench.takeCounts({ withoutWatcher: true })).toEqual({
    'users/get_current_account': 1,
    'users/get_space_usage': 1,
  });
  if (fresh.signedIn) expect(fresh.account.used).toBeGreaterThanOrEqual(64 * 1024);
});
