import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../domain/content-hash.ts';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';
import { type RawApi, rawApi } from '../test-support/process.ts';

// Dropbox paths name rows in a database, never files on disk. Whatever a path says, localbox must not
// read or write outside its data folder, must not answer 500, and must stay consistent.

const SECRET = 'the neighbour keeps this';

/** Paths Dropbox calls malformed: 409 malformed_path wherever they are written or read. */
const MALFORMED = [
  '/../../etc/passwd',
  '/../outside/secret.txt',
  '/a/../b',
  '/..',
  '/.',
  '/a/./b',
  '/a/b/..',
  '/a\u0000b',
  '/\u0000',
  '//double',
  '/folder/',
  '/trailing space ',
  '/trailing tab\t',
];

/** Strange but legal names: they are written and read back exactly. */
const ODD = [
  '/\\..\\..\\windows\\system.ini',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/..../....',
  '/...',
  '/.hidden',
  '/ leading space',
  '/\u202egnp.exe',
  '/mixed \u05e2\u05d1\u05e8\u05d9\u05ea and \u0627\u0644\u0639\u0631\u0628\u064a\u0629',
  '/emoji \u{1f600}\u{1f469}\u200d\u{1f4bb}\u{1f3f3}\ufe0f\u200d\u{1f308}',
  '/e\u0301 combining',
  '/\ufeffbom',
  '/zero\u200bwidth',
  '/new\nline',
  '/ctrl\u0001\u001f',
  '/quotes "\' and <>:|?*',
  '/CON',
  '/aux.txt',
  `/${'long'.repeat(63)}`,
  `/${Array.from({ length: 60 }, (_, i) => `d${i}`).join('/')}/deep.txt`,
  '/ns:123',
  '/id:abc',
  '/rev:0123456789',
];

/** Too big for a request header (431), or very deep: any answer but a 500 will do. */
const EXTREME = [`/${'x'.repeat(20_000)}`, `/${'a/'.repeat(1000)}z`];

/** Not Unicode text at all: no UTF-8 form, so no name can be stored and found again by it. */
const UNPAIRED = ['/lone \ud800 high surrogate in a long name', '/\udfff', '/pair reversed \udc00\ud800'];

function snapshot(root: string, skip: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (full === skip) continue;
      if (statSync(full).isDirectory()) walk(full);
      else files.set(relative(root, full), createHash('sha256').update(readFileSync(full)).digest('hex'));
    }
  };
  walk(root);
  return files;
}

/** Every file in the data folder is one localbox put there by name: nothing named after a request path. */
function unexpectedFiles(dataDir: string): string[] {
  const allowed = [
    /^localbox\.(lock|sqlite|sqlite-wal|sqlite-journal|sqlite-shm)$/,
    /^blobs\/[0-9a-f]{2}\/[0-9a-f]{64}$/,
    /^sessions\/[0-9a-f]{32}\/\d+$/,
    /^tmp\/\d+-[0-9a-f]{16}$/,
  ];
  const odd: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) {
        if (name !== 'localbox.sqlite.lock') walk(full);
        continue;
      }
      const rel = relative(dataDir, full).split(sep).join('/');
      if (!allowed.some((pattern) => pattern.test(rel))) odd.push(rel);
    }
  };
  walk(dataDir);
  return odd;
}

describe('a localbox sent hostile paths', () => {
  let root: string;
  let dataDir: string;
  let lb: TestLocalbox;
  let api: RawApi;
  let before: Map<string, string>;
  const statuses: string[] = [];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'localbox-hostile-'));
    mkdirSync(join(root, 'outside'));
    writeFileSync(join(root, 'outside', 'secret.txt'), SECRET);
    writeFileSync(join(root, 'passwd'), SECRET);
    dataDir = join(root, 'data');
    lb = await startTestLocalbox({ dataDir });
    api = rawApi(lb.box.url, lb.box.issueTokens().access_token);
    before = snapshot(root, dataDir);
    expect(before.size).toBe(2);
  });

  afterAll(async () => {
    await lb?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  /**
   * Calls a route and insists on an answer that is not a server error: 200, 400 text, 409, or 431 for a
   * path too long to fit in the Dropbox-API-Arg header.
   */
  async function call(
    kind: 'rpc' | 'upload' | 'download',
    route: string,
    arg: Record<string, unknown>,
    body = Buffer.from('uploaded by the test'),
  ): Promise<{ status: number; text: string; json: () => { error?: Record<string, unknown> } }> {
    const res =
      kind === 'rpc'
        ? await api.rpc(route, arg)
        : kind === 'upload'
          ? await api.upload(route, arg, body)
          : await api.download(arg);
    const text = await res.text();
    statuses.push(`${res.status} ${route} ${JSON.stringify(arg).slice(0, 80)}`);
    const allowed = kind === 'rpc' ? [200, 400, 409] : [200, 400, 409, 431];
    expect(allowed, `${route} ${JSON.stringify(arg).slice(0, 200)}: ${text.slice(0, 200)}`).toContain(
      res.status,
    );
    if (res.status === 400) expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(text).not.toContain(SECRET);
    return { status: res.status, text, json: () => JSON.parse(text) };
  }

  /** The WriteError or LookupError tag inside a 409, wherever the route nests it. */
  function innerTag(error: Record<string, unknown> | undefined): string | undefined {
    let node: unknown = error;
    for (let depth = 0; depth < 4 && node && typeof node === 'object'; depth++) {
      const record = node as Record<string, unknown>;
      const own = record['.tag'] as string | undefined;
      const inner = (own && record[own]) ?? record.reason;
      if (!inner || typeof inner !== 'object') return own;
      node = inner;
    }
    return undefined;
  }

  it('answers malformed paths with malformed_path on every route, reading and writing nothing', async () => {
    expect((await api.upload('files/upload', { path: '/a/real.txt' }, Buffer.from('real'))).status).toBe(200);
    for (const path of MALFORMED) {
      const answers = [
        await call('upload', 'files/upload', { path }),
        await call('download', 'files/download', { path }),
        await call('rpc', 'files/get_metadata', { path }),
        await call('rpc', 'files/create_folder_v2', { path }),
        await call('rpc', 'files/delete_v2', { path }),
        await call('rpc', 'files/move_v2', { from_path: '/a/real.txt', to_path: path }),
        await call('rpc', 'files/move_v2', { from_path: path, to_path: '/moved.txt' }),
        await call('rpc', 'files/list_folder', { path }),
        await call('rpc', 'files/list_revisions', { path }),
      ];
      for (const answer of answers) {
        if (answer.status === 200) throw new Error(`${JSON.stringify(path)} was accepted: ${answer.text}`);
        if (answer.status === 409) expect(innerTag(answer.json().error), answer.text).toBe('malformed_path');
      }
    }
    const real = await api.download({ path: '/a/real.txt' });
    expect(await real.text()).toBe('real');
  });

  it('stores strange but legal names as names, and reads them back exactly', async () => {
    for (const [i, path] of ODD.entries()) {
      const content = Buffer.from(`content ${i} of ${path}`);
      const written = await call('upload', 'files/upload', { path, mode: 'overwrite' }, content);
      expect(written.status, `${JSON.stringify(path)}: ${written.text}`).toBe(200);
      expect(JSON.parse(written.text).path_display).toBe(path);

      const read = await api.download({ path });
      expect(read.status).toBe(200);
      expect(Buffer.from(await read.arrayBuffer()).equals(content), JSON.stringify(path)).toBe(true);
      expect(JSON.parse(read.headers.get('dropbox-api-result') ?? '{}').path_display).toBe(path);
    }
  });

  it('refuses unpaired surrogates with 400 text, in headers and bodies alike', async () => {
    for (const path of UNPAIRED) {
      for (const answer of [
        await call('upload', 'files/upload', { path }),
        await call('download', 'files/download', { path }),
        await call('rpc', 'files/get_metadata', { path }),
        await call('rpc', 'files/create_folder_v2', { path }),
        await call('rpc', 'files/search_v2', { query: path }),
      ]) {
        expect(answer.status).toBe(400);
        expect(answer.text).toContain('unpaired surrogate');
      }
    }
  });

  it('survives extreme names and search queries without a server error', async () => {
    for (const path of EXTREME) {
      await call('upload', 'files/upload', { path });
      await call('download', 'files/download', { path });
      await call('rpc', 'files/get_metadata', { path });
      await call('rpc', 'files/create_folder_v2', { path: `${path}-folder` });
      await call('rpc', 'files/delete_v2', { path });
    }
    for (const query of ['..', '../../etc/passwd', '%', '_', '\\', '\u0000', '"; DROP TABLE entries; --']) {
      await call('rpc', 'files/search_v2', { query });
    }
  });

  // Dropbox refuses names over 255 characters (rclone #4805). Without the limit a 12,000-character name
  // could be written and listed but never downloaded: its Dropbox-API-Result would outgrow the header limit.
  it('refuses a name over 255 characters with malformed_path, as Dropbox does, and takes 255', async () => {
    const path = `/${'n'.repeat(252)}.txt`;
    const answer = await call('upload', 'files/upload', { path });
    expect(answer.status).toBe(409);
    expect(innerTag(answer.json().error)).toBe('malformed_path');
    const longest = await lb
      .client()
      .filesUpload({ path: `/${'n'.repeat(251)}.txt`, contents: Buffer.from('x') });
    expect(longest.result.name).toHaveLength(255);
  });

  it('serves the longest path it accepts, all non-ASCII, including its download metadata header', async () => {
    // Five 199-character names of "é": 1,000 characters, each escaped as \u00e9 in both headers.
    const path = Array.from({ length: 5 }, (_, i) => `/${i}${'é'.repeat(198)}`).join('');
    expect(path.length).toBe(1000);
    const dbx = lb.client();
    await dbx.filesUpload({ path, contents: Buffer.from('long but fine\n') });
    const download = await dbx.filesDownload({ path });
    expect(download.result.path_display).toBe(path);
    const tooLong = await call('upload', 'files/upload', { path: `${path}x` });
    expect(tooLong.status).toBe(409);
    expect(innerTag(tooLong.json().error)).toBe('malformed_path');
  });

  it('never touched anything outside its data folder, and named no file on disk after a path', () => {
    expect(snapshot(root, dataDir)).toEqual(before);
    expect(readFileSync(join(root, 'outside', 'secret.txt'), 'utf8')).toBe(SECRET);
    expect(unexpectedFiles(dataDir)).toEqual([]);
  });

  it('still answers, and list_folder is consistent: every file readable, every parent listed', async () => {
    expect((await api.rpc('users/get_current_account')).status).toBe(200);
    type Entry = {
      '.tag': string;
      path_lower: string;
      path_display: string;
      content_hash?: string;
      size?: number;
    };
    const entries: Entry[] = [];
    let res = await api.rpc('files/list_folder', { path: '', recursive: true, limit: 500 });
    for (let guard = 0; guard < 100; guard++) {
      expect(res.status).toBe(200);
      const page = (await res.json()) as { entries: Entry[]; cursor: string; has_more: boolean };
      entries.push(...page.entries);
      if (!page.has_more) break;
      res = await api.rpc('files/list_folder/continue', { cursor: page.cursor });
    }
    const folders = new Set(entries.filter((e) => e['.tag'] === 'folder').map((e) => e.path_lower));
    for (const entry of entries) {
      expect(entry.path_lower.split('/').slice(1)).not.toContain('..');
      expect(entry.path_lower).not.toContain('\u0000');
      const parent = entry.path_lower.slice(0, entry.path_lower.lastIndexOf('/'));
      if (parent !== '') expect(folders.has(parent), `parent of ${entry.path_display}`).toBe(true);
      if (entry['.tag'] !== 'file') continue;
      const read = await api.download({ path: entry.path_lower });
      expect(read.status, entry.path_display).toBe(200);
      const bytes = new Uint8Array(await read.arrayBuffer());
      expect(bytes.length).toBe(entry.size);
      expect(contentHash(bytes)).toBe(entry.content_hash);
    }
    const files = entries.filter((e) => e['.tag'] === 'file').map((e) => e.path_display);
    for (const path of ['/a/real.txt', ...ODD]) expect(files).toContain(path);
    expect(statuses.filter((line) => line.startsWith('5'))).toEqual([]);
  });
});
