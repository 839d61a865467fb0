import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../../../localbox/test-support/localbox.ts';
import { type GatewayBench, startGatewayBench } from '../test-support/gateway-bench.ts';
import { eventually, pause } from '../test-support/waiting.ts';
import { listenTo, type WatcherListener } from '../test-support/watcher-listener.ts';
import type { WatcherOptions } from './watcher.ts';

// When Dropbox fails the loop: going offline and coming back, retry delays, resets and dead cursors.

const dataDir = mkdtempSync(join(tmpdir(), 'watcher-failures-'));
let bench: GatewayBench;
/** The localbox now serving: a new one on the same port and data after `localboxUp`. */
let lb: TestLocalbox;
/** Another Dropbox, whose cursors this one cannot continue. */
let foreign: TestLocalbox;
const listeners: WatcherListener[] = [];

beforeAll(async () => {
  [bench, foreign] = await Promise.all([startGatewayBench({ dataDir }), startTestLocalbox()]);
  lb = bench.lb;
  for (const folder of ['away', 'quiet', 'flaky', 'busy', 'fresh', 'dead']) {
    await lb.client().filesUpload({ path: `/${folder}/seed.txt`, contents: 'seed' });
  }
});
afterAll(async () => {
  await Promise.all([lb.box.close(), foreign.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(() => lb.box.clearFaults());
afterEach(async () => {
  for (const { watcher, release } of listeners.splice(0)) {
    release();
    watcher.stop();
  }
  // A request already on its way when the loop stopped must not meet the next test's faults.
  await pause(50);
});

const localboxDown = () => lb.box.close();
async function localboxUp() {
  const { port, appKey } = bench.lb.box;
  lb = await startTestLocalbox({ dataDir, port, appKey, faultInjection: true });
}

function listen(options: Partial<WatcherOptions> = {}) {
  const listener = listenTo(bench.gateway(), options);
  listeners.push(listener);
  return listener;
}

const requests = () => lb.box.requestCounts();
const longpolls = (count: number) =>
  eventually(() => (requests()['files/list_folder/longpoll'] ?? 0) >= count, 3000, `${count} longpoll(s)`);
/** A retry's wait: `base` ms, less up to half of it, so that clients that failed together spread out. */
const jittered = (base: number) => expect.toSatisfy((ms: number) => ms >= base / 2 && ms <= base);

/** Dropbox goes away while the watcher waits on `folder`; `meanwhile.txt` is written as it comes back. */
async function offlineAndBack({ watcher, sleeps, hold, release }: WatcherListener, folder: string) {
  lb.box.resetRequestCounts();
  watcher.watch(folder);
  await longpolls(1);
  hold();
  await localboxDown();
  await eventually(() => sleeps.length === 1, 3000, 'a retry');
  await localboxUp();
  await lb.client().filesUpload({ path: `${folder}/meanwhile.txt`, contents: 'meanwhile' });
  release();
}

test('offline, then back: the status bar hears both, and what changed meanwhile comes at once', async () => {
  const listener = listen();
  const { heard, sleeps } = listener;
  await offlineAndBack(listener, '/away');
  await eventually(() => heard.length === 3, 3000, 'the catch-up');
  expect(heard).toEqual([{ online: false }, { folder: '/away', names: ['meanwhile.txt'] }, { online: true }]);
  expect(sleeps).toEqual([jittered(1000)]);
  // Caught up, it waits on Dropbox again: the next change comes through its longpoll, with no retry.
  await longpolls(1);
  await lb.client().filesUpload({ path: '/away/later.txt', contents: 'later' });
  await eventually(() => heard.length === 4);
  expect(heard[3]).toEqual({ folder: '/away', names: ['later.txt'] });
  expect(sleeps).toHaveLength(1);
});

test('a caller without a status bar is caught up the same, and the loop then waits as before', async () => {
  const listener = listen({ onConnection: undefined });
  const { heard, sleeps } = listener;
  await offlineAndBack(listener, '/quiet');
  await eventually(() => heard.length === 1, 3000, 'the catch-up');
  expect(heard).toEqual([{ folder: '/quiet', names: ['meanwhile.txt'] }]);
  // Counted by the localbox that came back: one catch-up, then the loop waits on Dropbox again.
  await longpolls(1);
  await pause(100);
  expect(sleeps).toHaveLength(1);
});

test('a failing Dropbox is retried after 1 s, 2 s, 4 s… up to a minute, each less up to half', async () => {
  // Four attempts per call inside the gateway, so ten failures of the watcher; the 41st request passes.
  lb.box.injectFaults({ failNext: 40 });
  const { watcher, heard, sleeps } = listen();
  watcher.watch('/flaky');
  await eventually(() => heard.some((h) => 'online' in h && h.online), 5000, 'back online');
  const base = [1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000, 60_000];
  expect(sleeps).toEqual(base.map(jittered));
  expect(heard).toEqual([...base.map(() => ({ online: false })), { online: true }]);
});

test('a rate limit is waited out as Dropbox asks, without calling the status bar offline', async () => {
  // Dropbox asks for more patience than the gateway waits out itself: the watcher gets `rate_limited`.
  lb.box.injectFaults({ rateLimitNext: 1, retryAfterSeconds: 120 });
  const { watcher, heard, sleeps } = listen();
  lb.box.resetRequestCounts();
  watcher.watch('/busy');
  await eventually(() => heard.length > 0, 3000, 'the recovery');
  await pause(50);
  // Nothing changed meanwhile: an empty page is not handed on, and nothing needs re-checking.
  expect(heard).toEqual([{ online: true }]);
  // Retry-After, not the 1 s of a first failure: asking again sooner only prolongs a rate limit.
  expect(sleeps).toEqual([120_000]);
});

test('a cursor Dropbox reset is replaced by the latest, and the caller re-checks the folder', async () => {
  const stale = (await foreign.client().filesListFolderGetLatestCursor({ path: '' })).result.cursor;
  let asked = 0;
  const { watcher, heard, sleeps } = listen({
    firstCursor: async (folder) => (++asked === 1 ? stale : bench.gateway().latestCursor(folder)),
  });
  lb.box.resetRequestCounts();
  watcher.watch('/fresh');
  await eventually(() => asked === 2);
  await longpolls(2);
  await lb.client().filesUpload({ path: '/fresh/new.txt', contents: 'new' });
  await eventually(() => heard.length === 2);
  expect(heard).toEqual([{ reset: '/fresh' }, { folder: '/fresh', names: ['new.txt'] }]);
  expect(sleeps).toEqual([]);
});

test('a cursor found dead while catching up is replaced too, and the caller re-checks', async () => {
  const stale = (await foreign.client().filesListFolderGetLatestCursor({ path: '' })).result.cursor;
  let asked = 0;
  const { watcher, heard, sleeps } = listen({
    firstCursor: async (folder) => (++asked === 1 ? stale : bench.gateway().latestCursor(folder)),
  });
  // The first longpoll fails (four attempts), so the stale cursor meets list_folder/continue first.
  lb.box.injectFaults({ failNext: 4 });
  lb.box.resetRequestCounts();
  watcher.watch('/dead');
  await eventually(() => heard.length === 3, 3000, 'the recovery');
  expect(heard).toEqual([{ online: false }, { reset: '/dead' }, { online: true }]);
  expect(sleeps).toEqual([jittered(1000), jittered(2000)]);
  await longpolls(2);
  await lb.client().filesUpload({ path: '/dead/new.txt', contents: 'new' });
  await eventually(() => heard.length === 4);
  expect(heard[3]).toEqual({ folder: '/dead', names: ['new.txt'] });
});
