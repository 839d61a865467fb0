import { createHook } from 'node:async_hooks';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test, vi } from 'vitest';
import { type GatewayBench, startGatewayBench } from '../test-support/gateway-bench.ts';
import { eventually, pause } from '../test-support/waiting.ts';
import { type Heard, listenTo } from '../test-support/watcher-listener.ts';
import type { Watcher, WatcherOptions } from './watcher.ts';

// The loop's everyday life against a real localbox: changes as they come, pages, backoff, and when it
// ends. Failures, resets and coming back online are in watcher.failures.test.ts.

let bench: GatewayBench;
const watchers: Watcher[] = [];
beforeAll(async () => {
  bench = await startGatewayBench();
  const other = bench.lb.client();
  for (const folder of ['order', 'elsewhere', 'pages', 'shared', 'a', 'b', 'late', 'patient', 'still']) {
    await other.filesUpload({ path: `/${folder}/seed.txt`, contents: 'seed' });
  }
});
afterAll(() => bench.stop());
beforeEach(() => bench.lb.box.clearFaults());
afterEach(async () => {
  for (const watcher of watchers.splice(0)) watcher.stop();
  // A request already on its way when the loop stopped must not meet the next test's faults.
  await pause(50);
});

function listen(options: Partial<WatcherOptions> = {}) {
  const listener = listenTo(bench.gateway(), options);
  watchers.push(listener.watcher);
  return listener;
}

const put = (path: string, contents = path) => bench.lb.client().filesUpload({ path, contents });
const requests = () => bench.lb.box.requestCounts();
/** Waits until localbox has received `count` longpolls since counting started afresh. */
const longpolls = (count: number) =>
  eventually(() => (requests()['files/list_folder/longpoll'] ?? 0) >= count, 2000, `${count} longpoll(s)`);
const names = (heard: Heard[]) => heard.flatMap((h) => ('names' in h ? h.names : []));

test('changes in a watched folder reach the caller as they happen, in Dropbox’s order', async () => {
  const { watcher, heard, sleeps } = listen();
  bench.takeCounts();
  watcher.watch('/order');
  await longpolls(1);
  await put('/elsewhere/not-mine.txt');
  for (const name of ['1.txt', '2.txt', '3.txt']) await put(`/order/${name}`);
  await eventually(() => names(heard).length === 3);
  expect(names(heard)).toEqual(['1.txt', '2.txt', '3.txt']);
  expect(heard.every((h) => 'folder' in h && h.folder === '/order')).toBe(true);
  // Dropbox asked for no backoff and nothing failed: the loop never paused.
  expect(sleeps).toEqual([]);
});

test('a burst of changes is read page after page at once, and Dropbox’s backoff is waited out once', async () => {
  // Pages of two: the cursor remembers the limit it was made with.
  const cursor = await bench.lb.client().filesListFolderGetLatestCursor({ path: '/pages', limit: 2 });
  for (const n of [1, 2, 3, 4, 5]) await put(`/pages/${n}.txt`);
  bench.lb.box.injectFaults({ longpollBackoffSeconds: 5 });
  bench.takeCounts();
  const { watcher, heard, sleeps } = listen({ firstCursor: async () => cursor.result.cursor });
  watcher.watch('/pages');
  await eventually(() => names(heard).length === 5);
  await longpolls(2);
  await pause(50);
  expect(heard).toEqual([
    { folder: '/pages', names: ['1.txt', '2.txt'] },
    { folder: '/pages', names: ['3.txt', '4.txt'] },
    { folder: '/pages', names: ['5.txt'] },
  ]);
  // One longpoll answered, three pages read, then the backoff, then one longpoll waiting.
  expect(bench.takeCounts()).toEqual({ 'files/list_folder/longpoll': 2, 'files/list_folder/continue': 3 });
  expect(sleeps).toEqual([5000]);
});

test('two documents in one folder share one loop, which ends when both are unwatched', async () => {
  const { watcher, heard, sleeps } = listen();
  bench.takeCounts();
  watcher.watch('/shared');
  watcher.watch('/shared');
  await longpolls(1);
  await pause(100);
  expect(bench.takeCounts()).toEqual({
    'files/list_folder/get_latest_cursor': 1,
    'files/list_folder/longpoll': 1,
  });
  expect(watcher.watching()).toEqual(['/shared']);

  watcher.unwatch('/shared');
  expect(watcher.watching()).toEqual(['/shared']);
  await put('/shared/a.txt');
  await eventually(() => heard.length === 1);
  await longpolls(1);

  watcher.unwatch('/shared');
  expect(watcher.watching()).toEqual([]);
  // Once more than it was watched, or a folder never watched: nothing to end, nothing thrown.
  watcher.unwatch('/shared');
  watcher.unwatch('/never-watched');
  bench.takeCounts();
  await put('/shared/b.txt');
  await pause(300);
  expect(heard).toEqual([{ folder: '/shared', names: ['a.txt'] }]);
  expect(bench.takeCounts()).toEqual({ 'files/upload': 1 });
  // The aborted longpoll is not a failure to retry.
  expect(sleeps).toEqual([]);
});

test('stop ends every loop: no request and no call after it', async () => {
  const { watcher, heard, sleeps } = listen();
  bench.takeCounts();
  watcher.watch('/a');
  watcher.watch('/b');
  await longpolls(2);
  expect(watcher.watching()).toEqual(['/a', '/b']);
  watcher.stop();
  expect(watcher.watching()).toEqual([]);
  bench.takeCounts();
  await put('/a/after-stop.txt');
  await put('/b/after-stop.txt');
  await pause(300);
  expect(heard).toEqual([]);
  expect(bench.takeCounts()).toEqual({ 'files/upload': 2 });
  expect(sleeps).toEqual([]);
});

test('a page that arrives after its folder was unwatched is not handed to the caller', async () => {
  const { watcher, heard } = listen();
  bench.takeCounts();
  watcher.watch('/late');
  await longpolls(1);
  // Every request now takes 400 ms: the page is still on its way when the document closes.
  bench.lb.box.injectFaults({ latencyMs: 400 });
  const writing = put('/late/x.txt');
  await eventually(() => (requests()['files/list_folder/continue'] ?? 0) > 0, 3000, 'a continue');
  watcher.unwatch('/late');
  await writing;
  await pause(600);
  expect(heard).toEqual([]);
});

test('without a sleep of its own, the watcher waits Dropbox’s backoff out in real time', async () => {
  bench.lb.box.injectFaults({ longpollBackoffSeconds: 1 });
  const { watcher, heard } = listen({ sleep: undefined });
  bench.takeCounts();
  watcher.watch('/patient');
  await longpolls(1);
  bench.takeCounts();
  await put('/patient/x.txt');
  await eventually(() => heard.length === 1);
  const heardAt = performance.now();
  await longpolls(1);
  expect(performance.now() - heardAt).toBeGreaterThan(900);
  expect(heard).toEqual([{ folder: '/patient', names: ['x.txt'] }]);
});

test('stopping during Dropbox’s backoff ends the wait: no timer is left to keep the app alive', async () => {
  const HOUR_MS = 3_600_000;
  // The timers of an hour that are running (Node's Timeout objects, seen as they start and end).
  const hourLong = new Set<number>();
  const timers = createHook({
    init: (id, type, _trigger, timer) => {
      if (type === 'Timeout' && (timer as { _idleTimeout?: number })._idleTimeout === HOUR_MS)
        hourLong.add(id);
    },
    destroy: (id) => hourLong.delete(id),
  }).enable();
  try {
    bench.lb.box.injectFaults({ longpollBackoffSeconds: HOUR_MS / 1000 });
    const { watcher, heard } = listen({ sleep: undefined });
    watcher.watch('/patient');
    await longpolls(1);
    await put('/patient/y.txt');
    await eventually(() => heard.length === 1);
    await eventually(() => hourLong.size === 1, 2000, 'the backoff');
    watcher.stop();
    await eventually(() => hourLong.size === 0, 1000, 'the backoff’s timer cleared');
  } finally {
    timers.disable();
  }
});

test('when Dropbox’s longpoll times out with no change, the loop asks again and reads nothing', async () => {
  // localbox's clock runs on: its 30 s wait ends at once, as the real one does after a quiet half-minute.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
  try {
    const { watcher, heard, sleeps } = listen();
    bench.takeCounts();
    watcher.watch('/still');
    await longpolls(1);
    bench.takeCounts();
    vi.advanceTimersByTime(31_000);
    await longpolls(1);
    await pause(100);
    expect(bench.takeCounts()).toEqual({ 'files/list_folder/longpoll': 1 });
    expect(heard).toEqual([]);
    expect(sleeps).toEqual([]);
  } finally {
    vi.useRealTimers();
  }
});
