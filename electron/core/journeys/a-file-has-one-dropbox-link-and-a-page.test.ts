import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CoreBench, startCoreBench } from '../test-support/core-bench.ts';

let bench: CoreBench;
beforeAll(async () => {
  bench = await startCoreBench();
  await bench.put('/Notes/magnum-opus.txt', 'the first line\n');
});
afterAll(() => bench.stop());

describe('Copy Dropbox link', () => {
  test('copying twice gives the same link, and the link serves the file', async () => {
    const { url } = await bench.opus.call('copyDropboxLink', { path: '/Notes/magnum-opus.txt' });
    expect((await bench.opus.call('copyDropboxLink', { path: '/notes/magnum-opus.txt' })).url).toBe(url);
    const { result } = await bench.other.sharingListSharedLinks({ path: '/Notes/magnum-opus.txt' });
    expect(result.links.map((link) => link.url)).toEqual([url]);
    expect(await (await fetch(url)).text()).toBe('the first line\n');
  });

  test('a folder gets no link, and is not shared by asking', async () => {
    const answer = await bench.opus.envelope('copyDropboxLink', { path: '/Notes' });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
    const { result } = await bench.other.sharingListSharedLinks({ path: '/Notes', direct_only: true });
    expect(result.links).toEqual([]);
  });

  test('a file that is gone is not_found', async () => {
    const answer = await bench.opus.envelope('copyDropboxLink', { path: '/Notes/gone.txt' });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'not_found' } });
  });
});

describe('Show in Dropbox', () => {
  test("opens localbox's page of the file's folder, which lists the file and marks it", async () => {
    const { url } = await bench.opus.call('showInDropbox', { path: '/Notes/magnum-opus.txt' });
    expect(url).toBe(`${bench.lb.box.url}/home/Notes?preview=magnum-opus.txt`);
    expect(bench.browser.opened.at(-1)).toBe(url);
    const page = await (await fetch(url)).text();
    expect(page).toContain('<li aria-current="true">magnum-opus.txt');
  });
});
