import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from './support/localbox.ts';

let lb: TestLocalbox;
beforeAll(async () => {
  lb = await startTestLocalbox();
});
afterAll(() => lb.stop());

test('account', async () => {
  const dbx = lb.client();
  const account = await dbx.usersGetCurrentAccount();
  expect(account.result.name.display_name).toBe('Local User');
  const space = await dbx.usersGetSpaceUsage();
  expect(space.result.used).toBe(0);
});
