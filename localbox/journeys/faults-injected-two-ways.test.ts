import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dropbox, type DropboxResponseError } from 'dropbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultSettings } from '../index.ts';
import { rewriteToLocalbox, startTestLocalbox } from '../test-support/localbox.ts';
import {
  buildCli,
  type ErrorBody,
  jsonOf,
  killAllLocalboxes,
  type RawApi,
  rawApi,
  spawnLocalbox,
} from '../test-support/process.ts';

// The same misbehaviour, asked for two ways: through the embedded API, and through the HTTP control
// route of a localbox in another process (as the Electron app's tests will).

interface Driver {
  url: string;
  token: string;
  dataDir: string;
  inject(settings: FaultSettings): Promise<void>;
  clear(): Promise<void>;
  counts(): Promise<Record<string, number>>;
  resetCounts(): Promise<void>;
  stop(): Promise<void>;
}

async function embedded(dataDir: string): Promise<Driver> {
  const lb = await startTestLocalbox({ dataDir });
  return {
    url: lb.box.url,
    token: lb.box.issueTokens().access_token,
    dataDir: lb.dataDir,
    inject: async (settings) => lb.box.injectFaults(settings),
    clear: async () => lb.box.clearFaults(),
    counts: async () => lb.box.requestCounts(),
    resetCounts: async () => lb.box.resetRequestCounts(),
    stop: () => lb.stop(),
  };
}

async function separateProcess(dataDir: string): Promise<Driver> {
  const box = await spawnLocalbox({ dataDir, args: ['--faults', '--log-level', 'error'] });
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${box.url}/__localbox/${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status, `${method} /__localbox/${path}`).toBe(200);
    return jsonOf<Record<string, number>>(res);
  };
  return {
    url: box.url,
    token: box.token,
    dataDir,
    inject: async (settings) => {
      expect(await control('POST', 'faults', settings)).toEqual({ ok: true });
    },
    clear: async () => {
      await control('POST', 'faults', {});
    },
    counts: () => control('GET', 'requests'),
    resetCounts: async () => {
      await control('POST', 'requests');
    },
    stop: async () => {
      await box.kill('SIGTERM');
    },
  };
}

const drivers: [string, (dataDir: string) => Promise<Driver>][] = [
  ['embedded (injectFaults)', embedded],
  ['another process (POST /__localbox/faults)', separateProcess],
];

async function elapsed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const notFound = async (api: RawApi, path: string) => {
  const res = await api.rpc('files/get_metadata', { path });
  expect(res.status).toBe(409);
  expect((await jsonOf<ErrorBody>(res)).error.path?.['.tag']).toBe('not_found');
};

describe.each(drivers)('faults injected through %s', (_name, start) => {
  let driver: Driver;
  let api: RawApi;
  let dbx: Dropbox;

  let root: string;

  beforeAll(async () => {
    await buildCli();
    root = mkdtempSync(join(tmpdir(), 'localbox-faults-'));
    driver = await start(join(root, 'data'));
    api = rawApi(driver.url, driver.token);
    dbx = new Dropbox({ accessToken: driver.token, fetch: rewriteToLocalbox(driver.url) });
  });

  afterAll(async () => {
    await driver?.stop();
    await killAllLocalboxes();
    rmSync(root, { recursive: true, force: true });
  });

  it('delays every API answer by latencyMs until cleared', async () => {
    await driver.inject({ latencyMs: 400 });
    expect(await elapsed(() => api.rpc('users/get_current_account'))).toBeGreaterThanOrEqual(390);
    expect(
      await elapsed(async () => {
        const res = await api.upload(
          'files/upload',
          { path: '/slow.txt', mode: 'overwrite' },
          Buffer.from('x'),
        );
        expect(res.status).toBe(200);
      }),
    ).toBeGreaterThanOrEqual(390);
    await driver.clear();
    expect(await elapsed(() => api.rpc('users/get_current_account'))).toBeLessThan(390);
  });

  it('answers the next N requests 429 with Retry-After, then serves normally', async () => {
    await driver.inject({ rateLimitNext: 2, retryAfterSeconds: 7 });
    const answers = [
      await api.rpc('users/get_current_account'),
      await api.upload('files/upload', { path: '/rate-limited.txt' }, Buffer.from('not written')),
    ];
    for (const res of answers) {
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(res.headers.get('content-type')).toBe('application/json');
      const body = await jsonOf<ErrorBody>(res);
      expect(body.error).toEqual({ reason: { '.tag': 'too_many_requests' }, retry_after: 7 });
      // Dropbox varies the trailing dots (`path/not_found/..`, `too_many_write_operations/.`); the tag
      // chain is what counts.
      expect(body.error_summary).toMatch(/^too_many_requests\/\.{1,3}$/);
      expect(Object.keys(body).sort()).toEqual(['error', 'error_summary']);
    }
    await notFound(api, '/rate-limited.txt');
    expect((await api.rpc('users/get_current_account')).status).toBe(200);

    // What an app sees through the official SDK; retryAfterSeconds stays set until cleared, then is 1.
    for (const [settings, seconds] of [
      [{ rateLimitNext: 1 }, 7],
      [{ rateLimitNext: 1, retryAfterSeconds: 3 }, 3],
      ['clear', 1],
    ] as const) {
      if (settings === 'clear') {
        await driver.clear();
        await driver.inject({ rateLimitNext: 1 });
      } else {
        await driver.inject(settings);
      }
      const error = (await dbx.usersGetCurrentAccount().catch((e) => e)) as DropboxResponseError<unknown>;
      expect(error.status).toBe(429);
      expect(error.headers.get('retry-after')).toBe(String(seconds));
      expect(error.error).toMatchObject({
        error: { reason: { '.tag': 'too_many_requests' }, retry_after: seconds },
      });
      expect((await dbx.usersGetCurrentAccount()).status).toBe(200);
    }
  });

  it('answers the next N requests 500 in plain text, then serves normally', async () => {
    await driver.inject({ failNext: 2 });
    for (const res of [
      await api.rpc('files/list_folder', { path: '' }),
      await api.upload('files/upload', { path: '/failed.txt' }, Buffer.from('not written')),
    ]) {
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await res.text()).toMatch(/Internal Server Error/);
    }
    await notFound(api, '/failed.txt');
    expect((await api.rpc('files/list_folder', { path: '' })).status).toBe(200);
  });

  it('resets an upload mid-body: the client gets a network error and nothing is written', async () => {
    await driver.inject({ resetNext: 1 });
    const body = randomBytes(2 * 1024 * 1024);
    await expect(api.upload('files/upload', { path: '/reset.bin' }, body)).rejects.toThrow(TypeError);
    await notFound(api, '/reset.bin');
    expect(readdirSync(join(driver.dataDir, 'tmp'))).toEqual([]);

    // The retry goes through whole.
    const retry = await api.upload('files/upload', { path: '/reset.bin' }, body);
    expect(retry.status).toBe(200);
    const download = await api.download({ path: '/reset.bin' });
    expect(Buffer.from(await download.arrayBuffer()).equals(body)).toBe(true);
  });

  it('loses an answer: the upload is committed, then the connection drops before the client hears', async () => {
    const body = Buffer.from('committed, never answered\n');
    await driver.inject({ loseAnswerNext: 1 });
    await expect(api.upload('files/upload', { path: '/lost.txt' }, body)).rejects.toThrow(TypeError);
    const download = await api.download({ path: '/lost.txt' });
    expect(Buffer.from(await download.arrayBuffer()).equals(body)).toBe(true);
    // Used up: the next request is answered.
    expect((await api.rpc('files/get_metadata', { path: '/lost.txt' })).status).toBe(200);
  });

  it('cuts a download mid-body: the answer starts, then reading it fails', async () => {
    const content = randomBytes(300 * 1024);
    expect((await api.upload('files/upload', { path: '/cut.bin' }, content)).status).toBe(200);
    await driver.inject({ resetNext: 1 });
    const res = await api.download({ path: '/cut.bin' });
    expect(res.status).toBe(200);
    await expect(res.arrayBuffer()).rejects.toThrow();

    await driver.inject({ resetNext: 1 });
    await expect(dbx.filesDownload({ path: '/cut.bin' })).rejects.toThrow();

    const whole = await api.download({ path: '/cut.bin' });
    expect(Buffer.from(await whole.arrayBuffer()).equals(content)).toBe(true);
  });

  it('counts requests per route, faulted ones included', async () => {
    await driver.resetCounts();
    await api.rpc('users/get_current_account');
    await api.rpc('users/get_current_account');
    await api.upload('files/upload', { path: '/counted.txt', mode: 'overwrite' }, Buffer.from('1'));
    await (await api.download({ path: '/counted.txt' })).arrayBuffer();
    await api.rpc('files/list_folder', { path: '' });
    await driver.inject({ rateLimitNext: 1 });
    expect((await api.rpc('users/get_space_usage')).status).toBe(429);
    expect((await api.rpc('users/get_space_usage')).status).toBe(200);
    expect(await driver.counts()).toEqual({
      'users/get_current_account': 2,
      'files/upload': 1,
      'files/download': 1,
      'files/list_folder': 1,
      'users/get_space_usage': 2,
    });
    await driver.resetCounts();
    expect(await driver.counts()).toEqual({});
  });

  // Last: an expired token stays expired.
  it('expires every token issued so far: 401 expired_access_token', async () => {
    expect((await api.rpc('users/get_current_account')).status).toBe(200);
    await driver.inject({ expireTokens: true });
    for (const res of [
      await api.rpc('users/get_current_account'),
      await api.upload('files/upload', { path: '/expired.txt' }, Buffer.from('no')),
      await api.download({ path: '/cut.bin' }),
    ]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/json');
      const body = await jsonOf<ErrorBody>(res);
      expect(body.error).toEqual({ '.tag': 'expired_access_token' });
      expect(body.error_summary).toMatch(/^expired_access_token\/\.{1,3}$/);
    }
    const error = (await dbx.usersGetCurrentAccount().catch((e) => e)) as DropboxResponseError<unknown>;
    expect(error.status).toBe(401);
    expect(error.error).toMatchObject({ error: { '.tag': 'expired_access_token' } });
  });
});
