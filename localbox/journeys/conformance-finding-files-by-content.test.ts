import type { files } from 'dropbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';
import { expectShape, SearchV2Result } from '../test-support/shapes.ts';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('finding files by their contents with search_v2', () => {
  let lb: TestLocalbox;
  let dbx: ReturnType<TestLocalbox['client']>;
  /** Each match as "match_type path_display", in Dropbox's order. */
  const search = async (arg: files.SearchV2Arg) => {
    const result: files.SearchV2Result = expectShape(SearchV2Result, (await dbx.filesSearchV2(arg)).result);
    return result.matches.map((match) => {
      const metadata = (match.metadata as files.MetadataV2Metadata).metadata;
      return `${match.match_type?.['.tag']} ${metadata.path_display}`;
    });
  };

  beforeAll(async () => {
    lb = await startTestLocalbox();
    dbx = lb.client();
    await dbx.filesUpload({ path: '/Notes/Harbour.md', contents: bytes('The LANTERN was lit at dusk.') });
    await dbx.filesUpload({ path: '/Drafts/Lantern.txt', contents: bytes('A lantern story.') });
    await dbx.filesUpload({ path: '/Drafts/Lanterns list.txt', contents: bytes('nothing here') });
    await dbx.filesUpload({ path: '/Photos/lantern.bin', contents: Buffer.from([0, 1, 2, 0x6c, 0x61]) });
    await dbx.filesUpload({ path: '/Notes/Other.md', contents: bytes('the lamp and the harbour') });
  });
  afterAll(() => lb.stop());

  it('finds text files whose contents hold every word, in any casing, and says what matched', async () => {
    expect(await search({ query: 'lantern' })).toEqual([
      'filename_and_content /Drafts/Lantern.txt',
      'filename /Photos/lantern.bin',
      'filename /Drafts/Lanterns list.txt',
      'file_content /Notes/Harbour.md',
    ]);
    expect(await search({ query: 'LIT dusk' })).toEqual(['file_content /Notes/Harbour.md']);
    expect(await search({ query: 'lamp dusk' })).toEqual([]);
  });

  it('with filename_only, contents are not searched', async () => {
    expect(await search({ query: 'dusk', options: { filename_only: true } })).toEqual([]);
  });

  it('keeps to the folder and the extensions asked for', async () => {
    expect(await search({ query: 'harbour', options: { path: '/Notes', file_extensions: ['md'] } })).toEqual([
      'filename /Notes/Harbour.md',
      'file_content /Notes/Other.md',
    ]);
    expect(await search({ query: 'lantern', options: { path: '/Drafts' } })).toEqual([
      'filename_and_content /Drafts/Lantern.txt',
      'filename /Drafts/Lanterns list.txt',
    ]);
  });
});
