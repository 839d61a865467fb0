import { afterEach, expect, test, vi } from 'vitest';
import type { UpdateState } from '../../common/contract/shapes.ts';
import { OpusError } from '../errors.ts';
import { type OpenDocumentState, type UpdateCheck, type UpdaterPort, Updates } from './updates.ts';

afterEach(() => vi.useRealTimers());

/** An updater whose answers the test gives, one step at a time. */
function scriptedUpdater(check: () => Promise<UpdateCheck>) {
  const calls = { checks: 0, downloads: 0, installs: 0 };
  let progress: (percent: number) => void = () => {};
  let finish: (error?: Error) => void = () => {};
  const port: UpdaterPort = {
    check: () => {
      calls.checks++;
      return check();
    },
    download: (onProgress) => {
      calls.downloads++;
      progress = onProgress;
      return new Promise<void>((resolve, reject) => {
        finish = (error) => (error ? reject(error) : resolve());
      });
    },
    quitAndInstall: () => {
      calls.installs++;
    },
  };
  return { port, calls, progress: (percent: number) => progress(percent), finish: (e?: Error) => finish(e) };
}

function updatesWith(updater: UpdaterPort | null, documents: OpenDocumentState[] = []) {
  const states: UpdateState[] = [];
  const log: string[] = [];
  const updates = new Updates({
    updater,
    documents: () => documents,
    emit: (name, payload) => {
      if (name === 'updateStateChanged') states.push(payload as UpdateState);
    },
    log: (line) => log.push(line),
    firstCheckMs: 1000,
    everyMs: 60_000,
  });
  return { updates, states, log };
}

const available = async (): Promise<UpdateCheck> => ({ kind: 'available', version: '0.2.0' });

test('the browser host has no updater: it says so, checks nothing and installs nothing', async () => {
  const { updates, states } = updatesWith(null);
  expect(await updates.check()).toEqual({ phase: 'unavailable', reason: 'browser' });
  expect(updates.current()).toEqual({ phase: 'unavailable', reason: 'browser' });
  expect(updates.install()).toEqual({ kind: 'not_ready' });
  expect(states).toEqual([]);
});

test('a copy not installed from a release cannot update itself, and says so', async () => {
  const { updates } = updatesWith(scriptedUpdater(async () => ({ kind: 'inactive' })).port);
  expect(await updates.check()).toEqual({ phase: 'unavailable', reason: 'not_installed' });
});

test('a download reports each whole percent once, then waits for the user’s agreement', async () => {
  const updater = scriptedUpdater(available);
  const { updates, states } = updatesWith(updater.port);
  await updates.check();
  for (const percent of [0.2, 10.4, 10.9, 42.5, 99.99, 100]) updater.progress(percent);
  updater.finish();
  await vi.waitFor(() => expect(updates.current()).toEqual({ phase: 'downloaded', version: '0.2.0' }));
  expect(states.map((s) => (s.phase === 'downloading' ? s.percent : s.phase))).toEqual([
    'checking',
    'available',
    0,
    10,
    42,
    99,
    100,
    'downloaded',
  ]);
  expect(updater.calls.installs).toBe(0);
});

test('a second check while one downloads asks the server nothing and answers where it stands', async () => {
  const updater = scriptedUpdater(available);
  const { updates } = updatesWith(updater.port);
  await updates.check();
  updater.progress(30);
  expect(await updates.check()).toEqual({ phase: 'downloading', version: '0.2.0', percent: 30 });
  expect(updater.calls.checks).toBe(1);
});

test('the agreement is refused, naming each document, while one is unsaved, waits to upload or is in conflict', async () => {
  const updater = scriptedUpdater(available);
  const documents: OpenDocumentState[] = [
    { name: 'a.txt', phase: 'clean' },
    { name: 'b.txt', phase: 'dirty' },
    { name: 'c.txt', phase: 'pending_upload' },
    { name: 'd.txt', phase: 'conflict' },
  ];
  const { updates } = updatesWith(updater.port, documents);
  expect(updates.install()).toEqual({ kind: 'not_ready' });
  await updates.check();
  updater.finish();
  await vi.waitFor(() => expect(updates.current().phase).toBe('downloaded'));
  expect(updates.install()).toEqual({
    kind: 'refused',
    blockers: [
      { name: 'b.txt', phase: 'dirty' },
      { name: 'c.txt', phase: 'pending_upload' },
      { name: 'd.txt', phase: 'conflict' },
    ],
  });
  expect(updater.calls.installs).toBe(0);
  documents.splice(1, 3);
  expect(updates.install()).toEqual({ kind: 'installing', version: '0.2.0' });
  expect(updater.calls.installs).toBe(1);
  expect(updates.current()).toEqual({ phase: 'installing', version: '0.2.0' });
});

test('offline is a calm state, not a failure; another failure keeps its kind, and a stray error is logged', async () => {
  const offline = updatesWith(
    scriptedUpdater(() => Promise.reject(new OpusError('offline', 'unreachable'))).port,
  );
  expect(await offline.updates.check()).toEqual({ phase: 'offline' });

  const stray = updatesWith(scriptedUpdater(() => Promise.reject(new TypeError('boom'))).port);
  expect(await stray.updates.check()).toMatchObject({ phase: 'failed', error: { kind: 'update_failed' } });
  expect(stray.log.join('\n')).toMatch(/boom/);
  // A failure is not the end: the next check asks again.
  expect(await stray.updates.check()).toMatchObject({ phase: 'failed' });
});

test('checks run in the background soon after start and then every few hours, until stopped', async () => {
  vi.useFakeTimers();
  const updater = scriptedUpdater(async () => ({ kind: 'up_to_date', version: '0.1.0' }));
  const { updates } = updatesWith(updater.port);
  updates.startChecking();
  updates.startChecking();
  await vi.advanceTimersByTimeAsync(999);
  expect(updater.calls.checks).toBe(0);
  await vi.advanceTimersByTimeAsync(1);
  expect(updater.calls.checks).toBe(1);
  await vi.advanceTimersByTimeAsync(60_000);
  expect(updater.calls.checks).toBe(2);
  updates.stop();
  await vi.advanceTimersByTimeAsync(600_000);
  expect(updater.calls.checks).toBe(2);
});
