import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bytesOf, failureOf, type GatewayBench, startGatewayBench } from '../test-support/gateway-bench.ts';

// An `add` with autorename whose answer was lost: the copy may have landed beside the taken name as
// "doc (2).txt". The gateway must find that copy (and only ours) instead of sending a second one.

let bench: GatewayBench;
beforeAll(async () => {
  bench = await startGatewayBench();
});
afterAll(() => bench.stop());
beforeEach(() => {
  bench.lb.box.clearFaults();
  bench.takeCounts();
});

/** localbox commits the next files/upload, then hangs up before answering. */
const loseNextUploadAnswer = () =>
  bench.lb.box.injectFaults({ loseAnswerNext: 1, loseAnswerRoute: 'files/upload' });

const autorenamedAdd = (path: string, text: string, gateway = bench.gateway()) =>
  gateway.upload(path, bytesOf(text), { mode: { kind: 'add' }, autorename: true });

/** Adds `text` at `path` with autorename while the answer gets lost; what the gateway returns. */
function lostAutorenamedAdd(path: string, text: string, gateway = bench.gateway()) {
  loseNextUploadAnswer();
  return autorenamedAdd(path, text, gateway);
}

/** The names of the files in `folder` ("" for the root), sorted. */
async function filesIn(folder: string): Promise<string[]> {
  const gateway = bench.gateway();
  let page = await gateway.listFolder(folder);
  const entries = [...page.entries];
  while (page.hasMore) {
    page = await gateway.listFolderContinue(page.cursor);
    entries.push(...page.entries);
  }
  return entries
    .filter((e) => e.kind === 'file')
    .map((e) => e.name)
    .sort();
}

/**
 * A fetch whose list_folder asks for pages of `limit` entries instead of the gateway's 2000, so that
 * localbox pages a folder of three files for real: 2000 real files take it ten seconds to make (copy_batch
 * commits each entry on its own).
 */
function listingPagesOf(limit: number): typeof fetch {
  return ((input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.endsWith('/2/files/list_folder') || typeof init?.body !== 'string') return fetch(input, init);
    return fetch(input, { ...init, body: JSON.stringify({ ...JSON.parse(init.body), limit }) });
  }) as typeof fetch;
}

const add = (path: string, text: string) =>
  bench.gateway().upload(path, bytesOf(text), { mode: { kind: 'add' } });

describe('a lost autorenamed add finds its own copy beside the taken name', () => {
  it('passes over a file of other content and a folder named like its copy', async () => {
    await add('/sib/doc.txt', 'older');
    await add('/sib/doc (2).txt', 'someone else');
    await bench.gateway().createFolder('/sib/doc (3).txt');
    bench.takeCounts();
    const file = await lostAutorenamedAdd('/sib/doc.txt', 'mine');
    expect(file.name).toBe('doc (4).txt');
    expect(bench.takeCounts()).toEqual({
      'files/upload': 1,
      'files/get_metadata': 1,
      'files/list_folder': 1,
    });
    expect(await filesIn('/sib')).toEqual(['doc (2).txt', 'doc (4).txt', 'doc.txt']);
    expect((await bench.gateway().download('/sib/doc (2).txt')).bytes.toString()).toBe('someone else');
  });

  it.each([
    ['a name without an extension', '/noext/README', '/noext/README', ['README', 'README (2)']],
    ['a dotfile, whose dot starts no extension', '/dot/.env', '/dot/.env', ['.env', '.env (2)']],
    ['a file in the root folder', '/at-root.txt', '/at-root.txt', ['at-root (2).txt', 'at-root.txt']],
    [
      'a name given in another case than the file there',
      '/case/a.txt',
      '/case/A.txt',
      ['A (2).txt', 'a.txt'],
    ],
  ])('finds its copy for %s', async (_, taken, requested, names) => {
    await add(taken, 'older');
    const file = await lostAutorenamedAdd(requested, 'mine');
    const folder = taken.slice(0, taken.lastIndexOf('/'));
    expect(file.path).toBe(`${folder}/${names.find((n) => n.includes(' (2)'))}`);
    expect(await filesIn(folder)).toEqual(names);
  });

  it('finds its copy when the file was named by its id', async () => {
    const older = await add('/by-id/doc.txt', 'older');
    const file = await lostAutorenamedAdd(older.id, 'mine');
    expect(file.path).toBe('/by-id/doc (2).txt');
    expect(await filesIn('/by-id')).toEqual(['doc (2).txt', 'doc.txt']);
  });

  it('follows the folder listing onto its next page', async () => {
    await add('/paged/a.txt', 'filler');
    await add('/paged/b.txt', 'filler');
    await add('/paged/doc.txt', 'older');
    bench.takeCounts();
    const file = await lostAutorenamedAdd(
      '/paged/doc.txt',
      'mine',
      bench.gateway({ fetch: listingPagesOf(2) }),
    );
    // "a.txt" and "b.txt" fill the first page; the copy is on the second.
    expect(file.name).toBe('doc (2).txt');
    expect(bench.takeCounts()).toEqual({
      'files/upload': 1,
      'files/get_metadata': 1,
      'files/list_folder': 1,
      'files/list_folder/continue': 1,
    });
    expect(await filesIn('/paged')).toEqual(['a.txt', 'b.txt', 'doc (2).txt', 'doc.txt']);
  });

  it('sends again, once, when the first attempt never landed (a 500 before any write)', async () => {
    await add('/never/doc.txt', 'older');
    bench.takeCounts();
    bench.lb.box.injectFaults({ failNext: 1 });
    const file = await autorenamedAdd('/never/doc.txt', 'mine');
    expect(file.name).toBe('doc (2).txt');
    // The check found no copy on the listing's one page, and stopped there.
    expect(bench.takeCounts()).toEqual({
      'files/upload': 2,
      'files/get_metadata': 1,
      'files/list_folder': 1,
    });
    expect(await filesIn('/never')).toEqual(['doc (2).txt', 'doc.txt']);
  });
});

describe('a refusal without a lost answer before it', () => {
  it('is a conflict even when Dropbox holds the same bytes: another computer saved them', async () => {
    const v1 = await add('/same/doc.txt', 'v1');
    await bench.gateway().upload('/same/doc.txt', bytesOf('same'), { mode: { kind: 'overwrite' } });
    bench.takeCounts();
    const failure = await failureOf(
      bench.gateway().upload('/same/doc.txt', bytesOf('same'), {
        mode: { kind: 'update', rev: v1.rev },
        strictConflict: true,
      }),
    );
    expect(failure.kind).toBe('conflict');
    // Refused at once: no check for a landed copy, which would have taken their save for ours.
    expect(bench.takeCounts()).toEqual({ 'files/upload': 1 });
  });
});
