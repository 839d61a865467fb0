import type { files } from 'dropbox';
import { Dropbox } from 'dropbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';
import { badRequest, expectShape, ListFolderLongpollResult, routeError } from '../test-support/shapes.ts';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('waiting for changes with list_folder/longpoll', () => {
  let lb: TestLocalbox;
  let dbx: ReturnType<TestLocalbox['client']>;
  let other: ReturnType<TestLocalbox['client']>;
  /** Longpoll requests as the SDK sent them, to see their headers. */
  const sent: { url: string; headers: Record<string, string> }[] = [];

  const cursorFor = async (path: string) =>
    (await dbx.filesListFolderGetLatestCursor({ path, recursive: true })).result.cursor;
  const longpoll = async (arg: files.ListFolderLongpollArg) => {
    const res = await dbx.filesListFolderLongpoll(arg);
    expect(res.headers.get('content-type')).toBe('application/json');
    const result: files.ListFolderLongpollResult = expectShape(ListFolderLongpollResult, res.result);
    return result;
  };

  beforeAll(async () => {
    lb = await startTestLocalbox();
    const recording = ((url: string, init: RequestInit) => {
      if (url.includes('/longpoll'))
        sent.push({ url, headers: { ...(init.headers as Record<string, string>) } });
      return lb.fetch(url, init);
    }) as typeof fetch;
    dbx = new Dropbox({ accessToken: lb.box.issueTokens().access_token, fetch: recording });
    other = lb.client();
    for (const path of ['/Watched', '/Quiet', '/Still']) await other.filesCreateFolderV2({ path });
  });
  afterAll(() => lb.stop());

  it('is sent to the notify host without an Authorization header, and answers anyway', async () => {
    sent.length = 0;
    const cursor = await cursorFor('');
    await other.filesUpload({ path: '/already.txt', contents: bytes('a') });
    expect(await longpoll({ cursor, timeout: 30 })).toEqual({ changes: true });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toBe('https://notify.dropboxapi.com/2/files/list_folder/longpoll');
    expect(Object.keys(sent[0]?.headers ?? {}).map((h) => h.toLowerCase())).not.toContain('authorization');
  });

  it('returns changes: true promptly when another client writes while it waits', async () => {
    const cursor = await cursorFor('/Watched');
    const started = Date.now();
    const waiting = longpoll({ cursor, timeout: 30 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await other.filesUpload({ path: '/Watched/new.txt', contents: bytes('n') });
    expect(await waiting).toEqual({ changes: true });
    expect(Date.now() - started).toBeLessThan(3000);
    const seen = await dbx.filesListFolderContinue({ cursor });
    expect(seen.result.entries.map((e) => e.path_display)).toContain('/Watched/new.txt');
  });

  it('ignores writes outside the folder it watches', async () => {
    const cursor = await cursorFor('/Quiet');
    const waiting = longpoll({ cursor, timeout: 30 });
    let settled = false;
    void waiting.then(() => {
      settled = true;
    });
    await other.filesUpload({ path: '/Loud/elsewhere.txt', contents: bytes('e') });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(settled).toBe(false);
    await other.filesUpload({ path: '/Quiet/inside.txt', contents: bytes('i') });
    expect(await waiting).toEqual({ changes: true });
  });

  it('adds backoff when localbox is told to ask for it', async () => {
    const cursor = await cursorFor('');
    await other.filesUpload({ path: '/backoff.txt', contents: bytes('b') });
    lb.box.injectFaults({ longpollBackoffSeconds: 5 });
    try {
      expect(await longpoll({ cursor, timeout: 30 })).toEqual({ changes: true, backoff: 5 });
    } finally {
      lb.box.clearFaults();
    }
    expect(await longpoll({ cursor, timeout: 30 })).toEqual({ changes: true });
  });

  it('resets a cursor from another localbox, and refuses a timeout outside 30..480 with 400', async () => {
    const elsewhere = await startTestLocalbox();
    try {
      const foreign = (await elsewhere.client().filesListFolderGetLatestCursor({ path: '' })).result.cursor;
      expect(await routeError(dbx.filesListFolderLongpoll({ cursor: foreign, timeout: 30 }))).toEqual({
        '.tag': 'reset',
      });
    } finally {
      await elsewhere.stop();
    }
    const cursor = await cursorFor('');
    expect(await badRequest(dbx.filesListFolderLongpoll({ cursor, timeout: 600 }))).toContain('timeout');
    expect(await badRequest(dbx.filesListFolderLongpoll({ cursor, timeout: 10 }))).toContain('timeout');
  });

  it('returns changes: false once the timeout passes with nothing new', { timeout: 45_000 }, async () => {
    const cursor = await cursorFor('/Still');
    const started = Date.now();
    expect(await longpoll({ cursor, timeout: 30 })).toEqual({ changes: false });
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(29_500);
    expect(waited).toBeLessThan(40_000);
  });
});
