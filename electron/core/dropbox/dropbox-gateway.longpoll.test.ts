import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../../../localbox/test-support/localbox.ts';
import { bytesOf, failureOf, type GatewayBench, startGatewayBench } from '../test-support/gateway-bench.ts';
import { createGateway } from './dropbox-gateway.ts';
import { longpollClientTimeoutMs } from './longpoll.ts';

let bench: GatewayBench;
let other: TestLocalbox;
beforeAll(async () => {
  [bench, other] = await Promise.all([startGatewayBench(), startTestLocalbox()]);
  await bench.gateway().upload('/watched/a.txt', bytesOf('a'), { mode: { kind: 'add' } });
});
afterAll(() => Promise.all([bench.stop(), other.stop()]));
beforeEach(() => {
  bench.lb.box.clearFaults();
  bench.takeCounts();
});

describe('waiting for remote changes', () => {
  it('answers "changes" as soon as another client writes, and /continue shows what changed', async () => {
    const gateway = bench.gateway();
    const cursor = await gateway.latestCursor('/watched');
    const started = performance.now();
    const waiting = gateway.longpoll(cursor, 30);
    setTimeout(() => {
      void bench.lb.client().filesUpload({ path: '/watched/b.txt', contents: 'from elsewhere' });
    }, 100);
    expect(await waiting).toEqual({ kind: 'changes', backoffSeconds: undefined });
    expect(performance.now() - started).toBeLessThan(5_000);
    const page = await gateway.listFolderContinue(cursor);
    expect(page.entries.map((e) => [e.kind, e.name])).toEqual([['file', 'b.txt']]);
  });

  it('needs no token: it works while every access token is expired, and passes backoff on', async () => {
    let asked = 0;
    const gateway = createGateway({
      endpoints: bench.endpoints,
      tokens: {
        accessToken: async () => `sl.${++asked}`,
        refreshAfterExpiry: async () => 'sl.never',
      },
    });
    const cursor = await bench.gateway().latestCursor('/watched');
    bench.lb.box.injectFaults({ expireTokens: true, longpollBackoffSeconds: 5 });
    const waiting = gateway.longpoll(cursor, 30);
    setTimeout(() => {
      void bench.lb.client().filesUpload({ path: '/watched/c.txt', contents: 'c' });
    }, 100);
    expect(await waiting).toEqual({ kind: 'changes', backoffSeconds: 5 });
    expect(asked).toBe(0);
  });

  it('answers "reset" for a cursor this Dropbox cannot continue (one from another localbox)', async () => {
    const foreign = createGateway({
      endpoints: { origin: other.box.url, appKey: other.box.appKey },
      tokens: {
        accessToken: async () => other.box.issueTokens().access_token,
        refreshAfterExpiry: async (t) => t,
      },
    });
    const cursor = await foreign.latestCursor('');
    expect(await bench.gateway().longpoll(cursor, 30)).toEqual({ kind: 'reset' });
    expect(bench.takeCounts()).toEqual({ 'files/list_folder/longpoll': 1 });
    // list_folder/continue says the same with a `reset` error: the caller lists again.
    const failure = await failureOf(bench.gateway().listFolderContinue(cursor));
    expect(failure).toMatchObject({ kind: 'not_found', detail: { tags: 'reset' } });
  });

  it('waits timeout + 90 s + the margin before calling a silent server offline', async () => {
    expect(longpollClientTimeoutMs(30, 15)).toBe(135_000);
    expect(longpollClientTimeoutMs(480, 15)).toBe(585_000);
    // A margin of -119.5 s leaves 0.5 s: localbox, told to stall for 3 s, is given up on, once, as offline.
    const gateway = bench.gateway({ longpollClientTimeoutMarginSeconds: -119.5 });
    const cursor = await gateway.latestCursor('/watched');
    bench.takeCounts();
    bench.lb.box.injectFaults({ latencyMs: 3_000 });
    const started = performance.now();
    const failure = await failureOf(gateway.longpoll(cursor, 30));
    expect(failure).toMatchObject({ kind: 'offline', detail: { tags: 'network' } });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(bench.takeCounts()).toEqual({ 'files/list_folder/longpoll': 1 });
    expect(bench.sleeps).toEqual([]);
  });

  it('stops at once when the watcher aborts, with the abort reason', async () => {
    const gateway = bench.gateway();
    const cursor = await gateway.latestCursor('/watched');
    const stop = new AbortController();
    const waiting = gateway.longpoll(cursor, 30, stop.signal);
    setTimeout(() => stop.abort(), 50);
    const reason = await failureOf<Error>(waiting);
    expect(reason.name).toBe('AbortError');
  });
});
