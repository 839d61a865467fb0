import { describe, expect, it } from 'vitest';
import type { DocumentSnapshot, OpusApi } from '../opus.ts';
import { deepLinkPath, startPage } from './start-up.ts';

describe('a link with ?open= opens the Dropbox path it names', () => {
  it('reads the path, decoded, as the secret exchange leaves it', () => {
    expect(deepLinkPath('?open=%2FNotes%2Ftodo%20list.md')).toBe('/Notes/todo list.md');
    expect(deepLinkPath('?open=/a.txt&other=1')).toBe('/a.txt');
  });

  it('opens nothing that is not an absolute Dropbox path', () => {
    expect(deepLinkPath('')).toBeNull();
    expect(deepLinkPath('?open=')).toBeNull();
    expect(deepLinkPath('?open=notes.md')).toBeNull();
    expect(deepLinkPath('?open=https://example.com/x')).toBeNull();
    expect(deepLinkPath('?open=id:abc')).toBeNull();
  });
});

describe('a linked document is asked for as the page starts', () => {
  const snapshot = { documentId: 'doc-1' } as DocumentSnapshot;
  const refusal = (kind: string) => Object.assign(new Error(kind), { kind });
  /** An OpusApi whose openDocument answers from `answers`, one per call, recording the paths. */
  function fakeOpus(answers: (() => Promise<DocumentSnapshot>)[]) {
    const asked: string[] = [];
    const opus = {
      getAccount: () => Promise.resolve({ signedIn: true, account: null }),
      getAppInfo: () => new Promise(() => undefined),
      getRestoredDocuments: () => Promise.resolve([]),
      openDocument: ({ path }: { path: string }) => {
        asked.push(path);
        const next = answers.shift();
        return next ? next() : Promise.reject(new Error('no more answers'));
      },
    } as unknown as OpusApi;
    return { opus, asked };
  }

  it('asks once, at once, and hands that answer over', async () => {
    const { opus, asked } = fakeOpus([() => Promise.resolve(snapshot)]);
    const page = startPage(opus, '?open=%2Fmagnum-opus.txt');
    expect(asked).toEqual(['/magnum-opus.txt']);
    await expect(page.forWorkspace().linkedAnswer('/magnum-opus.txt')).resolves.toBe(snapshot);
    expect(asked).toHaveLength(1);
  });

  it('asks again once signed in when the first call found nobody signed in', async () => {
    const { opus, asked } = fakeOpus([
      () => Promise.reject(refusal('signed_out')),
      () => Promise.resolve(snapshot),
    ]);
    const page = startPage(opus, '?open=/a.txt');
    await expect(page.forWorkspace().linkedAnswer('/a.txt')).resolves.toBe(snapshot);
    expect(asked).toEqual(['/a.txt', '/a.txt']);
  });

  it('passes any other refusal on, to be shown as an open error', async () => {
    const { opus } = fakeOpus([() => Promise.reject(refusal('binary_file'))]);
    const page = startPage(opus, '?open=/photo.png');
    await expect(page.forWorkspace().linkedAnswer('/photo.png')).rejects.toMatchObject({
      kind: 'binary_file',
    });
  });

  it('asks nothing when the address names no document', () => {
    const { opus, asked } = fakeOpus([]);
    expect(startPage(opus, '?open=notes.md').forWorkspace().linkedAnswer('notes.md')).toBeUndefined();
    expect(startPage(opus, '').forWorkspace().first).toBeUndefined();
    expect(asked).toEqual([]);
  });

  it('hands its answer over only for the path it asked for', () => {
    const { opus } = fakeOpus([() => Promise.resolve(snapshot)]);
    expect(startPage(opus, '?open=/a.txt').forWorkspace().linkedAnswer('/b.txt')).toBeUndefined();
  });
});
