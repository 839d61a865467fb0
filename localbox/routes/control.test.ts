import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';
import {
  buildCli,
  killAllLocalboxes,
  type LocalboxProcess,
  rawApi,
  spawnLocalbox,
} from '../test-support/process.ts';

// The /__localbox/ control routes: there only when asked for, strict about what they accept, and
// never themselves hit by the faults they set (or a test could not clear them).

const post = (url: string, path: string, body?: string) =>
  fetch(`${url}/__localbox/${path}`, {
    method: 'POST',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body,
  });

describe('a localbox started without fault injection', () => {
  let lb: TestLocalbox;
  let root: string;
  let box: LocalboxProcess;

  beforeAll(async () => {
    await buildCli();
    root = mkdtempSync(join(tmpdir(), 'localbox-nofaults-'));
    lb = await startTestLocalbox({ dataDir: join(root, 'embedded') });
    box = await spawnLocalbox({ dataDir: join(root, 'process') });
  });

  afterAll(async () => {
    await lb?.stop();
    await killAllLocalboxes();
    rmSync(root, { recursive: true, force: true });
  });

  it('has no control routes: they are unknown functions, and what was posted takes no effect', async () => {
    for (const [url, token] of [
      [lb.box.url, lb.box.issueTokens().access_token],
      [box.url, box.token],
    ] as const) {
      const faults = await post(url, 'faults', JSON.stringify({ failNext: 5, latencyMs: 2000 }));
      expect(faults.status).toBe(400);
      expect(faults.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await faults.text()).toBe('Unknown API function: "/__localbox/faults"');

      const requests = await fetch(`${url}/__localbox/requests`);
      expect(requests.status).toBe(400);
      expect(await requests.text()).toBe('Unknown API function: "/__localbox/requests"');

      const started = performance.now();
      expect((await rawApi(url, token).rpc('users/get_current_account')).status).toBe(200);
      expect(performance.now() - started).toBeLessThan(2000);
    }
  });
});

describe('the control routes of a localbox started with --faults', () => {
  let root: string;
  let box: LocalboxProcess;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'localbox-control-'));
    box = await spawnLocalbox({ dataDir: join(root, 'data'), args: ['--faults'] });
  });

  afterAll(async () => {
    await killAllLocalboxes();
    rmSync(root, { recursive: true, force: true });
  });

  it('refuses malformed settings with 400 and applies none of them', async () => {
    for (const body of [
      '{not json',
      JSON.stringify({ failNext: 1, explode: true }),
      JSON.stringify({ latencyMs: -1 }),
      JSON.stringify({ latencyMs: 600_000 }),
      JSON.stringify({ rateLimitNext: 1.5 }),
      JSON.stringify({ expireTokens: 'yes' }),
      JSON.stringify([1, 2]),
    ]) {
      const res = await post(box.url, 'faults', body);
      expect(res.status, body).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await res.text()).toMatch(/^fault settings: /);
    }
    expect((await rawApi(box.url, box.token).rpc('users/get_current_account')).status).toBe(200);
  });

  it('is not itself rate limited, failed or reset, so a test can always clear what it set', async () => {
    const api = rawApi(box.url, box.token);
    expect((await post(box.url, 'faults', JSON.stringify({ failNext: 3, rateLimitNext: 3 }))).status).toBe(
      200,
    );
    expect((await api.rpc('users/get_current_account')).status).toBe(429);
    expect((await fetch(`${box.url}/__localbox/requests`)).status).toBe(200);
    // An empty body, like {}, clears everything still pending.
    expect(await (await post(box.url, 'faults')).json()).toEqual({ ok: true });
    expect((await api.rpc('users/get_current_account')).status).toBe(200);

    expect((await post(box.url, 'faults', JSON.stringify({ resetNext: 2 }))).status).toBe(200);
    expect((await post(box.url, 'faults', '{}')).status).toBe(200);
    expect((await api.rpc('users/get_current_account')).status).toBe(200);
  });

  it('reports counts by route without counting itself; POST returns them and starts over', async () => {
    const api = rawApi(box.url, box.token);
    await post(box.url, 'requests');
    await api.rpc('users/get_current_account');
    await api.rpc('files/list_folder', { path: '' });
    await api.rpc('files/list_folder', { path: '' });
    await fetch(`${box.url}/2/files/no_such_route`, { method: 'POST' });
    expect(await (await fetch(`${box.url}/__localbox/requests`)).json()).toEqual({
      'users/get_current_account': 1,
      'files/list_folder': 2,
    });
    expect(await (await post(box.url, 'requests')).json()).toEqual({
      'users/get_current_account': 1,
      'files/list_folder': 2,
    });
    expect(await (await fetch(`${box.url}/__localbox/requests`)).json()).toEqual({});
  });

  it('allows only its own methods', async () => {
    const res = await fetch(`${box.url}/__localbox/faults`);
    expect(res.status).toBe(400);
    expect(await res.text()).toBe('Request method GET is not allowed here.');
  });
});
