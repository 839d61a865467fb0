import type { files } from 'dropbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';
import { badRequest, expectShape, routeError, SearchV2Result } from '../test-support/shapes.ts';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('finding files with search_v2', () => {
  let lb: TestLocalbox;
  let dbx: ReturnType<TestLocalbox['client']>;
  const search = async (arg: files.SearchV2Arg) => {
    const res = await dbx.filesSearchV2(arg);
    expect(res.headers.get('content-type')).toBe('application/json');
    const result: files.SearchV2Result = expectShape(SearchV2Result, res.result);
    return result;
  };
  const more = async (cursor: string) => {
    const res = await dbx.filesSearchContinueV2({ cursor });
    const result: files.SearchV2Result = expectShape(SearchV2Result, res.result);
    return result;
  };
  /** Each match as "tag path_display". */
  const found = (result: files.SearchV2Result) =>
    result.matches
      .map((match) => {
        const metadata = (match.metadata as files.MetadataV2Metadata).metadata;
        return `${metadata['.tag']} ${metadata.path_display}`;
      })
      .sort();

  beforeAll(async () => {
    lb = await startTestLocalbox();
    dbx = lb.client();
    await dbx.filesUpload({ path: '/Notes/Meeting notes.txt', contents: bytes('agenda') });
    await dbx.filesUpload({ path: '/Notes/Shopping list.md', contents: bytes('milk') });
    await dbx.filesUpload({ path: '/Archive/Old MEETING.txt', contents: bytes('old') });
    await dbx.filesUpload({ path: '/Archive/meeting-plan.md', contents: bytes('plan') });
    await dbx.filesCreateFolderV2({ path: '/Meetings' });
  });
  afterAll(() => lb.stop());

  it('finds files and folders whose names contain the query, in any casing', async () => {
    const result = await search({ query: 'Meeting' });
    expect(found(result)).toEqual([
      'file /Archive/Old MEETING.txt',
      'file /Archive/meeting-plan.md',
      'file /Notes/Meeting notes.txt',
      'folder /Meetings',
    ]);
    expect(result.has_more).toBe(false);
    expect(result.cursor).toBeUndefined();
    const file = result.matches
      .map((match) => (match.metadata as files.MetadataV2Metadata).metadata)
      .find(
        (metadata) => metadata.path_display === '/Notes/Meeting notes.txt',
      ) as files.FileMetadataReference;
    expect(file.size).toBe(6);
    expect(file.content_hash).toHaveLength(64);
  });

  it('matches every word of the query, and only in the name', async () => {
    expect(found(await search({ query: 'meeting notes' }))).toEqual(['file /Notes/Meeting notes.txt']);
    expect(found(await search({ query: 'archive' }))).toEqual(['folder /Archive']);
    expect((await search({ query: 'agenda', options: { filename_only: true } })).matches).toEqual([]);
  });

  it('narrows to a folder with options.path and to extensions with file_extensions', async () => {
    expect(found(await search({ query: 'meeting', options: { path: '/archive' } }))).toEqual([
      'file /Archive/Old MEETING.txt',
      'file /Archive/meeting-plan.md',
    ]);
    expect(found(await search({ query: 'meeting', options: { file_extensions: ['md'] } }))).toEqual([
      'file /Archive/meeting-plan.md',
    ]);
  });

  it('pages with max_results and search/continue_v2, each match once', async () => {
    for (let i = 0; i < 5; i++)
      await dbx.filesUpload({ path: `/Paging/chapter ${i}.txt`, contents: bytes(`${i}`) });
    let page = await search({ query: 'chapter', options: { max_results: 2 } });
    const seen = found(page);
    expect(page.matches).toHaveLength(2);
    expect(page.has_more).toBe(true);
    while (page.has_more) {
      expect(page.cursor).toEqual(expect.any(String));
      page = await more(page.cursor as string);
      seen.push(...found(page));
      expect(seen.length).toBeLessThanOrEqual(5);
    }
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4].map((i) => `file /Paging/chapter ${i}.txt`));
  });

  it('finds deleted files only with file_status deleted', async () => {
    await dbx.filesUpload({ path: '/Notes/Discarded idea.txt', contents: bytes('x') });
    await dbx.filesDeleteV2({ path: '/Notes/Discarded idea.txt' });
    expect((await search({ query: 'discarded' })).matches).toEqual([]);
    const deleted = await search({ query: 'discarded', options: { file_status: { '.tag': 'deleted' } } });
    expect(deleted.matches.map((match) => match.metadata)).toEqual([
      {
        '.tag': 'metadata',
        metadata: {
          '.tag': 'deleted',
          name: 'Discarded idea.txt',
          path_lower: '/notes/discarded idea.txt',
          path_display: '/Notes/Discarded idea.txt',
        },
      },
    ]);
  });

  it('answers a path that is not there with a lookup error, and a bad cursor with 400', async () => {
    expect(await routeError(dbx.filesSearchV2({ query: 'x', options: { path: '/Nowhere' } }))).toEqual({
      '.tag': 'path',
      path: { '.tag': 'not_found' },
    });
    expect(await badRequest(dbx.filesSearchContinueV2({ cursor: 'not-a-cursor' }))).toContain('cursor');
  });
});
