import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { contentHash } from '../domain/content-hash.ts';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';

// Issue 7, "bad input", property-based: every route sent arbitrary JSON, malformed JSON, wrong types,
// odd Unicode and `..` in paths, through the body and through Dropbox-API-Arg. Client mistakes are never
// answered 500, nothing outside the data folder is touched, and the files already there stay intact.

const API_ROUTES = [
  'files/create_folder_v2',
  'files/delete_v2',
  'files/move_v2',
  'files/get_metadata',
  'files/list_folder',
  'files/list_folder/continue',
  'files/list_folder/get_latest_cursor',
  'files/list_folder/longpoll',
  'files/list_revisions',
  'files/restore',
  'files/search_v2',
  'files/search/continue_v2',
  'users/get_current_account',
  'users/get_space_usage',
];
const CONTENT_ROUTES = [
  'files/upload',
  'files/download',
  'files/upload_session/start',
  'files/upload_session/append_v2',
  'files/upload_session/finish',
];
const KNOWN = '/Keep/known.txt';
const KNOWN_BYTES = Buffer.from('these bytes must survive the fuzzing\n');

let parent: string;
let lb: TestLocalbox;
let token: string;
let outsideBefore: string[];

beforeAll(async () => {
  // The data folder sits in a parent with a neighbour file: anything written beside it is a escape.
  parent = mkdtempSync(join(tmpdir(), 'localbox-fuzz-'));
  mkdirSync(join(parent, 'neighbour'));
  writeFileSync(join(parent, 'neighbour', 'untouched.txt'), 'untouched');
  lb = await startTestLocalbox({ dataDir: join(parent, 'data'), maxUploadBytes: 256 * 1024 });
  token = lb.box.issueTokens().access_token;
  await lb.client().filesUpload({ path: KNOWN, contents: KNOWN_BYTES, mode: { '.tag': 'add' } });
  outsideBefore = listOutside();
});

afterAll(async () => {
  await lb.stop();
  rmSync(parent, { recursive: true, force: true });
});

function listOutside(): string[] {
  return readdirSync(parent, { recursive: true })
    .map(String)
    .filter((name) => name !== 'data' && !name.startsWith(`data/`))
    .sort();
}

/** Paths people (and attackers) type: `..`, NUL, RTL marks, emoji, lone surrogates, huge ones. */
const hostilePath = fc.oneof(
  fc.constantFrom(
    '/../../etc/passwd',
    '/Keep/../../x',
    '/a\u0000b',
    '/\u202etxt.exe',
    '/😀/x',
    '/a/\ud800',
    '',
    '/',
    '//',
    '/Keep/',
  ),
  fc.string().map((s) => `/${s}`),
  fc.string({ unit: 'grapheme', maxLength: 300 }).map((s) => `/${s}`),
);
const argValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.record(
    {
      path: hostilePath,
      from_path: hostilePath,
      to_path: hostilePath,
      cursor: fc.string(),
      rev: fc.string(),
      query: fc.string(),
      mode: fc.oneof(
        fc.string(),
        fc.record({ '.tag': fc.string() }),
        fc.constant({ '.tag': 'update', update: 'zz' }),
      ),
      limit: fc.oneof(fc.integer(), fc.string(), fc.double()),
      close: fc.oneof(fc.boolean(), fc.string()),
      cursor_obj: fc.record({ session_id: fc.string(), offset: fc.oneof(fc.integer(), fc.string()) }),
      recursive: fc.oneof(fc.boolean(), fc.constant('yes')),
    },
    { requiredKeys: [] },
  ),
);
const bodyText = fc.oneof(
  argValue.map((value) => JSON.stringify(value) ?? 'null'),
  fc.string(),
  fc.constantFrom('{', '{"path":', '[]', 'null', '"x"', '{"path":"/a",}', '\u0000', ''),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/octet-stream',
  '',
);
// Header values must be ISO-8859-1 to be sent at all; Dropbox asks for \u escapes above ASCII.
const headerSafe = (text: string) =>
  text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

async function post(route: string, init: { body?: string | Uint8Array; headers: Record<string, string> }) {
  const response = await fetch(`${lb.box.url}/2/${route}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, ...init.headers },
    body: init.body,
  });
  return { status: response.status, text: await response.text() };
}

test('every API route answers fuzzed bodies with 2xx/4xx, never 500', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...API_ROUTES), bodyText, contentType, async (route, body, type) => {
      const answer = await post(route, { body, headers: type ? { 'Content-Type': type } : {} });
      expect(answer.status, `${route} ${body.slice(0, 120)} → ${answer.text.slice(0, 200)}`).toBeLessThan(
        500,
      );
    }),
    { numRuns: 400 },
  );
}, 120_000);

test('every content route answers fuzzed Dropbox-API-Arg headers and bodies with 2xx/4xx, never 500', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...CONTENT_ROUTES),
      bodyText.map(headerSafe),
      fc.uint8Array({ maxLength: 2048 }),
      async (route, arg, bytes) => {
        const answer = await post(route, {
          body: bytes,
          headers: { 'Content-Type': 'application/octet-stream', 'Dropbox-API-Arg': arg },
        });
        expect(answer.status, `${route} ${arg.slice(0, 120)} → ${answer.text.slice(0, 200)}`).toBeLessThan(
          500,
        );
      },
    ),
    { numRuns: 300 },
  );
}, 120_000);

test('after the fuzzing: nothing outside the data folder changed, the known file is intact, the server serves', async () => {
  expect(listOutside()).toEqual(outsideBefore);
  const client = lb.client();
  const { result } = await client.filesDownload({ path: KNOWN });
  expect(Buffer.from((result as unknown as { fileBinary: Uint8Array }).fileBinary)).toEqual(KNOWN_BYTES);
  const listed = await client.filesListFolder({ path: '', recursive: true });
  expect(listed.result.entries.some((entry) => entry.path_lower === KNOWN.toLowerCase())).toBe(true);
  // Every stored blob is whole: its name is the content hash of its bytes.
  const blobs = join(lb.dataDir, 'blobs');
  for (const shard of readdirSync(blobs)) {
    for (const name of readdirSync(join(blobs, shard))) {
      expect(contentHash(readFileSync(join(blobs, shard, name))), name).toBe(name);
    }
  }
});
