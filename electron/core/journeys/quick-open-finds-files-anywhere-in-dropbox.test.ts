import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CoreBench, startCoreBench } from '../test-support/core-bench.ts';
import { eventually } from '../test-support/waiting.ts';

let bench: CoreBench;
beforeAll(async () => {
  bench = await startCoreBench();
  await bench.put('/Work/Meeting notes.txt', 'agenda: the harbour lantern\n');
  await bench.put('/Drafts/Novel/chapter-1.md', 'It was a dark and stormy night.\n');
  await bench.put('/Drafts/Novel/chapter-2.md', 'The lantern went out.\n');
});
afterAll(() => bench.stop());

const quickOpen = (query: string) => bench.opus.call('quickOpen', { query });
const paths = async (query: string) => (await quickOpen(query)).matches.map((match) => match.path);
/** Waits until Quick Open, from its index, answers `query` with `expected`. */
const answers = (query: string, expected: string[], timeoutMs: number) =>
  eventually(
    async () => {
      const answer = await quickOpen(query);
      return (
        answer.source === 'index' &&
        JSON.stringify(answer.matches.map((m) => m.path)) === JSON.stringify(expected)
      );
    },
    timeoutMs,
    `Quick Open answering ${query} with ${expected.join(', ')}`,
  );

describe('Quick Open over the whole Dropbox', () => {
  test('the first keystroke is answered by search_v2 while the index is built, then by the index', async () => {
    const first = await quickOpen('meeting');
    expect(first.source).toBe('search');
    expect(first.matches.map((match) => match.path)).toEqual(['/Work/Meeting notes.txt']);
    await answers('chap', ['/Drafts/Novel/chapter-1.md', '/Drafts/Novel/chapter-2.md'], 5000);
    // Fuzzy, which search_v2 is not: letters in order across the name.
    expect(await paths('mtgnotes')).toEqual(['/Work/Meeting notes.txt']);
  });

  test('a file another computer adds appears within two seconds, through the longpoll', async () => {
    await answers('chap', ['/Drafts/Novel/chapter-1.md', '/Drafts/Novel/chapter-2.md'], 5000);
    await bench.routeSeen('files/list_folder/longpoll');
    const started = Date.now();
    await bench.put('/Drafts/Novel/chapter-3.md', 'Dawn.\n');
    await answers(
      'chap',
      ['/Drafts/Novel/chapter-1.md', '/Drafts/Novel/chapter-2.md', '/Drafts/Novel/chapter-3.md'],
      2000,
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('a file renamed or deleted elsewhere is found only as it is now', async () => {
    await bench.other.filesMoveV2({
      from_path: '/Drafts/Novel/chapter-1.md',
      to_path: '/Drafts/Novel/prologue.md',
    });
    await bench.other.filesDeleteV2({ path: '/Drafts/Novel/chapter-2.md' });
    await answers('chap', ['/Drafts/Novel/chapter-3.md'], 2000);
    expect(await paths('prolog')).toEqual(['/Drafts/Novel/prologue.md']);
    await bench.other.filesDeleteV2({ path: '/Drafts' });
    await answers('md', [], 2000);
  });

  test('a file opened lately is ranked up, and an empty query lists the recent files', async () => {
    await bench.put('/Work/meeting-archive.txt', 'old\n');
    await answers('meeting', ['/Work/Meeting notes.txt', '/Work/meeting-archive.txt'], 2000);
    const doc = await bench.opus.open('/Work/meeting-archive.txt');
    await bench.opus.call('closeDocument', { documentId: doc.documentId });
    const answer = await quickOpen('meeting');
    expect(answer.matches).toEqual([
      { path: '/Work/meeting-archive.txt', name: 'meeting-archive.txt', recent: true },
      { path: '/Work/Meeting notes.txt', name: 'Meeting notes.txt', recent: false },
    ]);
    expect(await paths('')).toEqual(['/Work/meeting-archive.txt']);
  });
});

describe('Find in Dropbox', () => {
  test('finds files by their contents as well as their names, and says which matched', async () => {
    await bench.put('/Log/lantern.txt', 'no match inside\n');
    const { matches } = await bench.opus.call('findInDropbox', { query: 'lantern' });
    expect(matches).toEqual([
      { path: '/Log/lantern.txt', name: 'lantern.txt', matchedOn: 'name' },
      { path: '/Work/Meeting notes.txt', name: 'Meeting notes.txt', matchedOn: 'content' },
    ]);
  });

  test('an empty query is refused before Dropbox is asked', async () => {
    await expect(bench.opus.call('findInDropbox', { query: '  ' })).rejects.toMatchObject({
      kind: 'invalid_request',
    });
  });
});
