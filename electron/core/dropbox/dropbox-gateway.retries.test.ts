import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestLocalbox } from '../../../localbox/test-support/localbox.ts';
import { bytesOf, failureOf, type GatewayBench, startGatewayBench } from '../test-support/gateway-bench.ts';
import { createGateway } from './dropbox-gateway.ts';

let bench: GatewayBench;
beforeAll(async () => {
  bench = await startGatewayBench();
});
afterAll(() => bench.stop());
beforeEach(() => {
  bench.lb.box.clearFaults();
  bench.sleeps.length = 0;
  bench.takeCounts();
});

/** A fetch that lets the first matching request reach localbox, then loses its answer, as a dropped connection would. */
function losingFirstAnswer(route: string): typeof fetch {
  let lost = false;
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const response = await fetch(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (lost || !url.endsWith(route)) return response;
    lost = true;
    await response.arrayBuffer();
    throw new TypeError('fetch failed', {
      cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
    });
  }) as typeof fetch;
}

describe('429 Too Many Requests', () => {
  it('waits exactly Retry-After, in real time, then succeeds', async () => {
    const gateway = bench.gateway({ sleep: undefined });
    await gateway.upload('/rl/real.txt', bytesOf('x'), { mode: { kind: 'add' } });
    bench.takeCounts();
    bench.lb.box.injectFaults({ rateLimitNext: 2, retryAfterSeconds: 1 });
    const started = performance.now();
    const { bytes } = await gateway.download('/rl/real.txt');
    const seconds = (performance.now() - started) / 1000;
    expect(bytes.toString()).toBe('x');
    expect(bench.takeCounts()).toEqual({ 'files/download': 3 });
    expect(seconds).toBeGreaterThanOrEqual(2);
    expect(seconds).toBeLessThan(3);
  });

  it('asks the sleep for Retry-After seconds, not for backoff', async () => {
    bench.lb.box.injectFaults({ rateLimitNext: 2, retryAfterSeconds: 3 });
    await bench.gateway().upload('/rl/fake.txt', bytesOf('y'), { mode: { kind: 'add' } });
    expect(bench.sleeps).toEqual([3000, 3000]);
    expect(bench.takeCounts()).toEqual({ 'files/upload': 3 });
  });

  it('gives up as rate_limited with retryAfter once the attempts are spent, or at once for a long wait', async () => {
    bench.lb.box.injectFaults({ rateLimitNext: 10, retryAfterSeconds: 2 });
    const spent = await failureOf(bench.gateway({ retry: { attempts: 3 } }).getMetadata('/rl/fake.txt'));
    expect(spent).toMatchObject({ kind: 'rate_limited', detail: { retryAfter: 2 } });
    expect(bench.takeCounts()).toEqual({ 'files/get_metadata': 3 });
    bench.lb.box.injectFaults({ rateLimitNext: 1, retryAfterSeconds: 300 });
    const long = await failureOf(bench.gateway().getMetadata('/rl/fake.txt'));
    expect(long).toMatchObject({ kind: 'rate_limited', detail: { retryAfter: 300 } });
    expect(bench.takeCounts()).toEqual({ 'files/get_metadata': 1 });
  });
});

describe('5xx and network failures', () => {
  it('retries 500s with bounded, jittered exponential backoff, then succeeds', async () => {
    const gateway = bench.gateway({
      retry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 250 },
      random: () => 0.999,
    });
    const v1 = await gateway.upload('/err/five.txt', bytesOf('5'), { mode: { kind: 'add' } });
    bench.takeCounts();
    bench.lb.box.injectFaults({ failNext: 3 });
    await gateway.upload('/err/five.txt', bytesOf('6'), {
      mode: { kind: 'update', rev: v1.rev },
      strictConflict: true,
    });
    expect(bench.takeCounts()).toEqual({ 'files/upload': 4 });
    // Full jitter picks in [0, min(max, base·2^n)]; with random → 1 that is 100, 200, then the 250 cap.
    expect(bench.sleeps).toEqual([99, 199, 249]);
  });

  it('is offline after the bounded attempts when the 500s persist', async () => {
    bench.lb.box.injectFaults({ failNext: 50 });
    const failure = await failureOf(bench.gateway({ retry: { attempts: 3 } }).download('/err/five.txt'));
    expect(failure.kind).toBe('offline');
    expect(failure.detail.tags).toBe('http_500');
    expect(bench.takeCounts()).toEqual({ 'files/download': 3 });
    expect(bench.sleeps).toHaveLength(2);
  });

  it('never retries other 4xx', async () => {
    const failure = await failureOf(bench.gateway().listFolder('/'));
    expect(failure.kind).toBe('invalid_request');
    expect(bench.takeCounts()).toEqual({ 'files/list_folder': 1 });
  });

  it('is offline when Dropbox cannot be reached at all', async () => {
    const closed = await startTestLocalbox();
    const endpoints = { origin: closed.box.url, appKey: closed.box.appKey };
    await closed.stop();
    const sleeps: number[] = [];
    const gateway = createGateway({
      endpoints,
      tokens: { accessToken: async () => 'sl.x', refreshAfterExpiry: async () => 'sl.x' },
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    const failure = await failureOf(gateway.download('/any.txt'));
    expect(failure).toMatchObject({ kind: 'offline', detail: { tags: 'network' } });
    expect(sleeps).toHaveLength(3);
  });

  it('re-downloads after a connection reset mid-body', async () => {
    const gateway = bench.gateway();
    await gateway.upload('/err/body.txt', bytesOf('whole body'), { mode: { kind: 'add' } });
    bench.takeCounts();
    bench.lb.box.injectFaults({ resetNext: 1 });
    expect((await gateway.download('/err/body.txt')).bytes.toString()).toBe('whole body');
    expect(bench.takeCounts()).toEqual({ 'files/download': 2 });
  });
});

describe('uploads are retried without ever writing twice', () => {
  it('a revision-checked update is simply sent again after a reset', async () => {
    const gateway = bench.gateway();
    const v1 = await gateway.upload('/safe/update.txt', bytesOf('v1'), { mode: { kind: 'add' } });
    bench.takeCounts();
    bench.lb.box.injectFaults({ resetNext: 1 });
    const v2 = await gateway.upload('/safe/update.txt', bytesOf('v2'), {
      mode: { kind: 'update', rev: v1.rev },
      strictConflict: true,
    });
    expect(bench.takeCounts()).toEqual({ 'files/upload': 2 });
    const history = await gateway.listRevisions('/safe/update.txt');
    expect(history.revisions.map((r) => r.rev)).toEqual([v2.rev, v1.rev]);
  });

  it('an add with autorename checks whether the first attempt landed before sending again', async () => {
    const gateway = bench.gateway();
    bench.lb.box.injectFaults({ resetNext: 1 });
    await gateway.upload('/safe/add.txt', bytesOf('once'), { mode: { kind: 'add' }, autorename: true });
    expect(bench.takeCounts()).toEqual({ 'files/upload': 2, 'files/get_metadata': 1 });
    const names = (await gateway.listFolder('/safe')).entries.map((e) => e.name);
    expect(names.filter((n) => n.startsWith('add'))).toEqual(['add.txt']);
  });

  it('an add checks for a landed file after a 500 too, and that check is itself retried', async () => {
    bench.lb.box.injectFaults({ failNext: 3 });
    await bench.gateway().upload('/safe/after-500.txt', bytesOf('5'), { mode: { kind: 'add' } });
    // upload 500 → get_metadata 500, 500 → get_metadata: nothing there → upload.
    expect(bench.takeCounts()).toEqual({ 'files/upload': 2, 'files/get_metadata': 3 });
    expect(bench.sleeps).toHaveLength(3);
  });

  it('an add with autorename whose answer was lost returns the file that landed, with no "(2)" copy', async () => {
    const gateway = bench.gateway({ fetch: losingFirstAnswer('/2/files/upload') });
    await gateway.upload('/safe/lost.txt', bytesOf('older'), { mode: { kind: 'overwrite' } });
    const other = bench.gateway({ fetch: losingFirstAnswer('/2/files/upload') });
    bench.takeCounts();
    const file = await other.upload('/safe/lost.txt', bytesOf('newer'), {
      mode: { kind: 'add' },
      autorename: true,
    });
    expect(file.name).toBe('lost (2).txt');
    // One upload landed; the check found it (get_metadata of the taken name, then the folder listing).
    expect(bench.takeCounts()).toEqual({
      'files/upload': 1,
      'files/get_metadata': 1,
      'files/list_folder': 1,
    });
    const names = (await gateway.listFolder('/safe')).entries
      .map((e) => e.name)
      .filter((n) => n.startsWith('lost'));
    expect(names.sort()).toEqual(['lost (2).txt', 'lost.txt']);
  });

  it('an update whose answer was lost is not reported as a conflict with itself', async () => {
    const gateway = bench.gateway({ fetch: losingFirstAnswer('/2/files/upload') });
    const v1 = await bench.gateway().upload('/safe/mine.txt', bytesOf('v1'), { mode: { kind: 'add' } });
    bench.takeCounts();
    const v2 = await gateway.upload('/safe/mine.txt', bytesOf('v2'), {
      mode: { kind: 'update', rev: v1.rev },
      strictConflict: true,
    });
    expect(v2.rev).not.toBe(v1.rev);
    // The retry met the rev it had itself replaced; get_metadata showed our bytes there.
    expect(bench.takeCounts()).toEqual({ 'files/upload': 2, 'files/get_metadata': 1 });
    expect((await bench.gateway().listRevisions('/safe/mine.txt')).revisions).toHaveLength(2);
  });

  it('a lost autorenamed add returns its own copy, not another file that holds the same bytes', async () => {
    const gateway = bench.gateway();
    await gateway.upload('/twins/a copy.txt', bytesOf('twin'), { mode: { kind: 'add' } });
    await gateway.upload('/twins/lost.txt', bytesOf('older'), { mode: { kind: 'add' } });
    const losing = bench.gateway({ fetch: losingFirstAnswer('/2/files/upload') });
    const file = await losing.upload('/twins/lost.txt', bytesOf('twin'), {
      mode: { kind: 'add' },
      autorename: true,
    });
    expect(file.name).toBe('lost (2).txt');
  });

  it("a retried update that meets another computer's save is a conflict, not a save", async () => {
    const v1 = await bench.gateway().upload('/safe/theirs.txt', bytesOf('v1'), { mode: { kind: 'add' } });
    let failed = false;
    // The first attempt never reaches Dropbox (a 502 from a proxy); meanwhile another computer saves.
    const proxyFailsOnce = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (failed || !url.endsWith('/2/files/upload')) return fetch(input, init);
      failed = true;
      await bench.gateway().upload('/safe/theirs.txt', bytesOf('theirs'), { mode: { kind: 'overwrite' } });
      return new Response('Bad gateway', { status: 502 });
    }) as typeof fetch;
    const upload = bench.gateway({ fetch: proxyFailsOnce }).upload('/safe/theirs.txt', bytesOf('mine'), {
      mode: { kind: 'update', rev: v1.rev },
      strictConflict: true,
    });
    await expect(upload).rejects.toMatchObject({ kind: 'conflict' });
    expect((await bench.gateway().download('/safe/theirs.txt')).bytes.toString()).toBe('theirs');
  });
});
