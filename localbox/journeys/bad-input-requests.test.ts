import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerSafeJson } from '../http/respond.ts';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';
import { type ErrorBody, jsonOf, type RawApi, rawApi } from '../test-support/process.ts';

// Malformed calls get Dropbox's answers (400 plain text, 401 JSON, 409 route errors), never a 500,
// and the server keeps serving after each of them.

const LIMIT = 1024 * 1024;

describe('a localbox sent malformed requests', () => {
  let lb: TestLocalbox;
  let url: string;
  let token: string;
  let api: RawApi;
  const logged: string[] = [];

  beforeAll(async () => {
    lb = await startTestLocalbox({
      maxUploadBytes: LIMIT,
      logLevel: 'error',
      log: (line) => logged.push(line),
    });
    url = lb.box.url;
    token = lb.box.issueTokens().access_token;
    api = rawApi(url, token);
  });

  afterAll(async () => {
    await lb?.stop();
  });

  const post = (route: string, body: string | undefined, headers: Record<string, string> = {}) =>
    fetch(`${url}/2/${route}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
      body,
    });

  const upload = (arg: string, body: Uint8Array = Buffer.from('x'), headers: Record<string, string> = {}) =>
    fetch(`${url}/2/files/upload`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/octet-stream',
        'Dropbox-API-Arg': arg,
        ...headers,
      },
      body,
    });

  async function expect400(res: Response | Promise<Response>, ...parts: string[]): Promise<string> {
    const answer = await res;
    const text = await answer.text();
    expect(answer.status, text).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain/);
    for (const part of parts) expect(text).toContain(part);
    return text;
  }

  async function expectMissing(path: string): Promise<void> {
    const res = await api.rpc('files/get_metadata', { path });
    expect(res.status).toBe(409);
    expect((await jsonOf<ErrorBody>(res)).error.path?.['.tag']).toBe('not_found');
  }

  it('refuses a body that is not JSON with 400 text naming the route', async () => {
    await expect400(
      post('files/list_folder', '{"path": '),
      'Error in call to API function "files/list_folder"',
      'could not decode input as JSON',
    );
    await expect400(
      upload('{path:/x}'),
      'Error in call to API function "files/upload"',
      'HTTP header "Dropbox-API-Arg"',
    );
    await expect400(post('files/get_metadata', ''), '"files/get_metadata"');
  });

  it('refuses arguments that fail the schema with 400 text, and writes nothing', async () => {
    const cases: [string, Promise<Response>, string][] = [
      ['wrong type', post('files/list_folder', JSON.stringify({ path: 5 })), 'path'],
      [
        'unknown field',
        post('files/list_folder', JSON.stringify({ path: '', bogus: 1 })),
        "unknown field 'bogus'",
      ],
      ['missing field', post('files/get_metadata', JSON.stringify({})), 'path: missing required field'],
      ['limit out of range', post('files/list_folder', JSON.stringify({ path: '', limit: 0 })), 'limit'],
      [
        'bool as string',
        post('files/list_folder', JSON.stringify({ path: '', recursive: 'yes' })),
        'recursive',
      ],
      ['"update" without a rev', upload(JSON.stringify({ path: '/w.txt', mode: 'update' })), 'mode'],
      [
        '{.tag: update} without a rev',
        upload(JSON.stringify({ path: '/w.txt', mode: { '.tag': 'update' } })),
        'mode',
      ],
      [
        'a rev in capitals',
        upload(JSON.stringify({ path: '/w.txt', mode: { '.tag': 'update', update: '0123456789ABCDEF' } })),
        'did not match pattern',
      ],
      [
        'a rev too short',
        upload(JSON.stringify({ path: '/w.txt', mode: { '.tag': 'update', update: 'abc' } })),
        'mode',
      ],
      [
        'fractional seconds',
        upload(JSON.stringify({ path: '/w.txt', client_modified: '2024-05-01T10:00:00.123Z' })),
        "time data does not match format '%Y-%m-%dT%H:%M:%SZ'",
      ],
      ['a bad content_hash', upload(JSON.stringify({ path: '/w.txt', content_hash: 'abc' })), 'content_hash'],
      [
        'a longpoll timeout of 600',
        fetch(`${url}/2/files/list_folder/longpoll`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ cursor: 'AAAA', timeout: 600 }),
        }),
        'timeout',
      ],
    ];
    for (const [name, res, hint] of cases) {
      const text = await expect400(res, hint);
      expect(text, name).toMatch(/^Error in call to API function "[a-z_/]+"/);
    }
    await expectMissing('/w.txt');
  });

  it('refuses "/" as the root with the text Dropbox sends', async () => {
    await expect400(
      post('files/list_folder', JSON.stringify({ path: '/' })),
      'Specify the root folder as an empty string rather than as "/".',
    );
    const root = await api.rpc('files/list_folder', { path: '' });
    expect(root.status).toBe(200);
  });

  it('refuses unknown routes with 400', async () => {
    for (const path of [
      '/2/files/no_such_route',
      '/2/nope',
      '/2/',
      '/',
      '/favicon.ico',
      '/2/files',
      '/2/FILES/LIST_FOLDER',
    ]) {
      const text = await expect400(
        fetch(`${url}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } }),
      );
      expect(text).toMatch(/^Unknown API function/);
    }
  });

  it('refuses GET on RPC and upload routes, and serves GET downloads (header or URL arguments)', async () => {
    await expect400(
      fetch(`${url}/2/users/get_current_account`, { headers: { Authorization: `Bearer ${token}` } }),
      'Request method must be POST.',
    );
    await expect400(
      fetch(`${url}/2/files/upload`, { headers: { Authorization: `Bearer ${token}` } }),
      'Request method must be POST.',
    );
    expect((await api.upload('files/upload', { path: '/get-me.txt' }, Buffer.from('got'))).status).toBe(200);
    const byHeader = await fetch(`${url}/2/files/download`, {
      headers: {
        Authorization: `Bearer ${token}`,
        'Dropbox-API-Arg': headerSafeJson({ path: '/get-me.txt' }),
      },
    });
    expect(byHeader.status).toBe(200);
    expect(await byHeader.text()).toBe('got');
    const query = new URLSearchParams({
      arg: JSON.stringify({ path: '/get-me.txt' }),
      authorization: `Bearer ${token}`,
    });
    const byQuery = await fetch(`${url}/2/files/download?${query}`);
    expect(byQuery.status).toBe(200);
    expect(await byQuery.text()).toBe('got');
    await expect400(
      fetch(`${url}/2/files/download`, { method: 'PUT' }),
      'Request method must be POST or GET.',
    );
  });

  it('refuses a wrong Content-Type with 400', async () => {
    await expect400(
      post('files/list_folder', JSON.stringify({ path: '' }), { 'Content-Type': 'text/xml' }),
      'Bad HTTP "Content-Type" header: "text/xml"',
    );
    await expect400(
      upload(JSON.stringify({ path: '/ct.txt' }), undefined, { 'Content-Type': 'application/json' }),
      'Content-Type',
    );
    await expect400(
      fetch(`${url}/2/files/upload`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Dropbox-API-Arg': JSON.stringify({ path: '/ct.txt' }) },
        body: new Uint8Array([1, 2, 3]).buffer,
      }),
      'Content-Type',
    );
    await expectMissing('/ct.txt');
  });

  it('tells a missing, malformed and unknown token apart: 400, 400, 401', async () => {
    const call = (authorization?: string) =>
      fetch(`${url}/2/users/get_current_account`, {
        method: 'POST',
        headers: authorization === undefined ? {} : { Authorization: authorization },
      });
    await expect400(call(), 'Must provide HTTP header "Authorization" or URL parameter "authorization".');
    for (const header of ['Bearer !!!', 'Bearer two words', 'Token abc', 'Bearer ']) {
      await expect400(call(header), 'The given OAuth 2 access token is malformed.');
    }
    await expect400(
      call(`Basic ${Buffer.from('key:secret').toString('base64')}`),
      'app authentication is not accepted',
    );
    const unknown = await call('Bearer sl.NotATokenThisServerIssued');
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('content-type')).toBe('application/json');
    const body = await jsonOf<ErrorBody>(unknown);
    expect(body.error).toEqual({ '.tag': 'invalid_access_token' });
    expect(body.error_summary).toMatch(/^invalid_access_token\/\.{1,3}$/);
  });

  it('takes non-ASCII arguments escaped as \\u in Dropbox-API-Arg, and escapes its answers the same way', async () => {
    const path = '/Notes/Café ☕ 😀 עברית ü.txt';
    const arg = headerSafeJson({ path });
    expect(arg).toMatch(/^[\x20-\x7e]+$/);
    const written = await upload(arg, Buffer.from('crème'));
    expect(written.status).toBe(200);
    expect((await jsonOf(written)).path_display).toBe(path);

    const download = await api.download({ path });
    expect(download.status).toBe(200);
    const result = download.headers.get('dropbox-api-result') ?? '';
    expect(result).toMatch(/^[\x20-\x7e]+$/);
    expect(JSON.parse(result).path_display).toBe(path);
    expect(await download.text()).toBe('crème');
  });

  it('refuses oversized headers and bodies without falling over', async () => {
    const huge = await fetch(`${url}/2/users/get_current_account`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'X-Padding': 'a'.repeat(100_000) },
    }).catch((error: Error) => error);
    if (huge instanceof Response) expect(huge.status).toBe(431);
    const hugeArg = await upload(JSON.stringify({ path: `/${'n'.repeat(70_000)}` })).catch(
      (error: Error) => error,
    );
    if (hugeArg instanceof Response) expect(hugeArg.status).toBe(431);

    await expect400(
      post('files/list_folder', JSON.stringify({ path: '', pad: 'x'.repeat(5 * 1024 * 1024) })),
      'too large',
    );
    expect((await api.rpc('users/get_current_account')).status).toBe(200);
  });

  it('answers a body over maxUploadBytes with 409 payload_too_large, keeps nothing, and serves on', async () => {
    for (const route of ['files/upload', 'files/upload_session/start']) {
      const res = await api.upload(
        route,
        route === 'files/upload' ? { path: '/too-big.bin' } : {},
        randomBytes(LIMIT + 1),
      );
      expect(res.status).toBe(409);
      const body = await jsonOf<ErrorBody>(res);
      expect(body.error).toEqual({ '.tag': 'payload_too_large' });
      expect(body.error_summary).toMatch(/^payload_too_large\/\.{1,3}$/);
    }
    await expectMissing('/too-big.bin');
    expect(readdirSync(join(lb.dataDir, 'tmp'))).toEqual([]);
    expect(readdirSync(join(lb.dataDir, 'sessions'))).toEqual([]);

    const exactly = randomBytes(LIMIT);
    expect((await api.upload('files/upload', { path: '/just-fits.bin' }, exactly)).status).toBe(200);
    const back = await api.download({ path: '/just-fits.bin' });
    expect(Buffer.from(await back.arrayBuffer()).equals(exactly)).toBe(true);
  });

  it('keeps nothing from a client that hangs up mid-body, and does not call it an internal error', async () => {
    const port = Number(new URL(url).port);
    for (const framing of [{ 'Content-Length': '500000' }, { 'Transfer-Encoding': 'chunked' }]) {
      await new Promise<void>((resolve) => {
        const req = request({
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/2/files/upload',
          headers: {
            Authorization: `Bearer ${token}`,
            'Content-Type': 'application/octet-stream',
            'Dropbox-API-Arg': JSON.stringify({ path: '/hung-up.bin' }),
            ...framing,
          },
        });
        req.on('error', () => resolve());
        req.on('close', () => resolve());
        req.write(randomBytes(100_000), () => setTimeout(() => req.destroy(), 50));
      });
    }
    // The server notices the hang-up asynchronously; give it a moment before looking.
    for (let i = 0; i < 50 && readdirSync(join(lb.dataDir, 'tmp')).length > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(readdirSync(join(lb.dataDir, 'tmp'))).toEqual([]);
    await expectMissing('/hung-up.bin');
    expect(logged.filter((line) => line.includes('internal error'))).toEqual([]);
  });

  it('is still consistent after all of it', async () => {
    const res = await api.rpc('files/list_folder', { path: '', recursive: true });
    expect(res.status).toBe(200);
    const names = (await jsonOf<{ entries: { path_lower: string; '.tag': string }[] }>(res)).entries
      .filter((entry) => entry['.tag'] === 'file')
      .map((entry) => entry.path_lower)
      .sort();
    expect(names).toEqual(['/get-me.txt', '/just-fits.bin', '/notes/café ☕ 😀 עברית ü.txt']);
    expect(logged.filter((line) => line.includes('internal error'))).toEqual([]);
  });
});
