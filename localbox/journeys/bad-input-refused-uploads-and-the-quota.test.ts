import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, expect, test, vi } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';
import { type ErrorBody, jsonOf, type RawApi, rawApi } from '../test-support/process.ts';

// Upload sessions hold bytes on disk: they count against the quota like files, and refused ones (a
// refused files/upload's kept bytes, a refused finish) go away a day later instead of after 7 days.

const KiB = 1024;
const QUOTA = 1024 * KiB;
const DAY = 24 * 60 * 60 * 1000;

let lb: TestLocalbox;
let api: RawApi;
beforeEach(async () => {
  // Tokens that outlive the days the clock is moved on by.
  lb = await startTestLocalbox({ quotaBytes: QUOTA, accessTokenSeconds: 30 * 24 * 60 * 60 });
  api = rawApi(lb.box.url, lb.box.issueTokens().access_token);
});
afterEach(async () => {
  vi.useRealTimers();
  await lb.stop();
});
afterAll(() => vi.useRealTimers());

const filled = (size: number, byte = 1) => new Uint8Array(size).fill(byte);
const sessionFolders = () => readdirSync(join(lb.dataDir, 'sessions')).length;

async function startSession(size: number): Promise<Response> {
  return api.upload('files/upload_session/start', {}, filled(size));
}

async function sessionId(answer: Response): Promise<string> {
  expect(answer.status).toBe(200);
  return (await jsonOf<{ session_id: string }>(answer)).session_id;
}

const finish = (id: string, offset: number, path: string) =>
  api.upload(
    'files/upload_session/finish',
    { cursor: { session_id: id, offset }, commit: { path, mode: 'add', autorename: false } },
    new Uint8Array(0),
  );

test('an open session’s bytes count against the quota: an upload that would pass it is insufficient_space', async () => {
  await sessionId(await startSession(600 * KiB));
  const upload = await api.upload('files/upload', { path: '/big.bin' }, filled(600 * KiB));
  expect(upload.status).toBe(409);
  expect((await jsonOf<ErrorBody>(upload)).error_summary).toMatch(/^path\/insufficient_space\//);
});

test('starting or appending to sessions past the quota is refused with insufficient_space', async () => {
  const first = await sessionId(await startSession(600 * KiB));
  const second = await startSession(600 * KiB);
  expect(second.status).toBe(409);
  expect((await jsonOf<ErrorBody>(second)).error_summary).toBe('insufficient_space/..');
  const append = await api.upload(
    'files/upload_session/append_v2',
    { cursor: { session_id: first, offset: 600 * KiB } },
    filled(600 * KiB),
  );
  expect(append.status).toBe(409);
  expect((await jsonOf<ErrorBody>(append)).error_summary).toBe('insufficient_space/..');
});

test('finishing a session does not count its own bytes twice', async () => {
  const id = await sessionId(await startSession(900 * KiB));
  expect((await finish(id, 900 * KiB, '/whole.bin')).status).toBe(200);
  expect(sessionFolders()).toBe(0);
});

test('a race of refused uploads keeps no more bytes than the quota holds', async () => {
  expect((await api.upload('files/upload', { path: '/a.txt' }, filled(10))).status).toBe(200);
  const answers = await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      api.upload('files/upload', { path: '/a.txt', mode: 'add', autorename: false }, filled(100 * KiB, i)),
    ),
  );
  const summaries = await Promise.all(
    answers.map(async (answer) => (await jsonOf<ErrorBody>(answer)).error_summary),
  );
  const kept = summaries.filter((summary) => summary.startsWith('path/conflict/')).length;
  expect(kept).toBe(10);
  expect(summaries.filter((summary) => summary.startsWith('path/insufficient_space/'))).toHaveLength(20);
  expect(sessionFolders()).toBe(10);
});

test('a refused upload’s kept bytes can be committed elsewhere for a day, then they are gone', async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  expect((await api.upload('files/upload', { path: '/a.txt' }, filled(10))).status).toBe(200);
  const refuse = async (byte: number) => {
    const refused = await api.upload(
      'files/upload',
      { path: '/a.txt', mode: 'add', autorename: false },
      filled(20, byte),
    );
    return (await jsonOf<{ error: { upload_session_id: string } }>(refused)).error.upload_session_id;
  };
  const soon = await refuse(2);
  const late = await refuse(3);
  const open = await sessionId(await startSession(30));
  const refusedAt = Date.now();

  vi.setSystemTime(refusedAt + DAY - 60_000);
  expect((await finish(soon, 20, '/a (conflicted copy).txt')).status).toBe(200);
  vi.setSystemTime(refusedAt + DAY + 60_000);
  const tooLate = await finish(late, 20, '/a (conflicted copy 2).txt');
  expect(tooLate.status).toBe(409);
  expect((await jsonOf<ErrorBody>(tooLate)).error_summary).toBe('lookup_failed/not_found/..');
  // A session that was never refused keeps Dropbox's 7 days.
  expect((await finish(open, 30, '/open.txt')).status).toBe(200);
  // The next session started sweeps the expired one's part files off the disk.
  await sessionId(await startSession(1));
  expect(sessionFolders()).toBe(1);
});

test('a session whose finish was refused goes away a day later, not after 7 days', async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  expect((await api.upload('files/upload', { path: '/taken.txt' }, filled(10))).status).toBe(200);
  const id = await sessionId(await startSession(40));
  expect((await finish(id, 40, '/taken.txt')).status).toBe(409);
  // An empty append at the right offset changes nothing: it only asks whether the session is there.
  const probe = () =>
    api.upload(
      'files/upload_session/append_v2',
      { cursor: { session_id: id, offset: 40 } },
      new Uint8Array(0),
    );
  const refusedAt = Date.now();
  vi.setSystemTime(refusedAt + DAY - 60_000);
  expect((await probe()).status).toBe(200);
  vi.setSystemTime(refusedAt + DAY + 60_000);
  const gone = await probe();
  expect(gone.status).toBe(409);
  expect((await jsonOf<ErrorBody>(gone)).error_summary).toBe('not_found/..');
});
