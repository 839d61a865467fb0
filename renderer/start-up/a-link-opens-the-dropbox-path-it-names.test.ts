import { describe, expect, it } from 'vitest';
import { type EarlyCalls, takeEarlyCalls } from '../early-calls.ts';
import type { DocumentSnapshot, OpusApi } from '../opus.ts';
import { deepLinkPath, openLinkedEarly } from './linked-open.ts';

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
    const linked = openLinkedEarly(opus, '?open=%2Fmagnum-opus.txt');
    expect(asked).toEqual(['/magnum-opus.txt']);
    expect(linked?.path).toBe('/magnum-opus.txt');
    await linked?.settled;
    expect(linked?.arrived()).toBe(snapshot);
    await expect(linked?.answer()).resolves.toBe(snapshot);
    expect(asked).toHaveLength(1);
  });

  it('asks again once signed in when the first call found nobody signed in', async () => {
    const { opus, asked } = fakeOpus([
      () => Promise.reject(refusal('signed_out')),
      () => Promise.resolve(snapshot),
    ]);
    const linked = openLinkedEarly(opus, '?open=/a.txt');
    await expect(linked?.answer()).resolves.toBe(snapshot);
    expect(asked).toEqual(['/a.txt', '/a.txt']);
  });

  it('passes any other refusal on, to be shown as an open error', async () => {
    const { opus } = fakeOpus([() => Promise.reject(refusal('binary_file'))]);
    await expect(openLinkedEarly(opus, '?open=/photo.png')?.answer()).rejects.toMatchObject({
      kind: 'binary_file',
    });
  });

  it('asks nothing when the address names no document', () => {
    const { opus, asked } = fakeOpus([]);
    expect(openLinkedEarly(opus, '?open=notes.md')).toBeNull();
    expect(openLinkedEarly(opus, '')).toBeNull();
    expect(asked).toEqual([]);
  });
});

describe("the page's start calls belong to its first workspace", () => {
  it('are taken once: a workspace shown again after signing out and in asks afresh', () => {
    const calls = { linked: null } as unknown as EarlyCalls;
    expect(takeEarlyCalls(calls)).toBe(calls);
    expect(takeEarlyCalls(calls)).toBeNull();
    expect(takeEarlyCalls(null)).toBeNull();
  });
});
