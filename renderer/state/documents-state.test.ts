import { describe, expect, it, test } from 'vitest';
import type { DocumentSnapshot, RemoteFile } from '../opus.ts';
import { activeDocument, documentsReducer, NO_DOCUMENTS, tabLabels } from './documents-state.ts';
import { windowTitle } from './use-window-title.ts';

const remote = (path: string, rev = 'a1b2c3d4e5'): RemoteFile => ({
  name: path.slice(path.lastIndexOf('/') + 1),
  path,
  pathLower: path.toLowerCase(),
  id: `id:${path}`,
  rev,
  size: 10,
  contentHash: 'h',
  serverModified: '2026-11-30T10:00:00Z',
  clientModified: '2026-11-30T10:00:00Z',
});
const snapshot = (documentId: string, path: string, text = 'text\n'): DocumentSnapshot => ({
  documentId,
  remote: remote(path),
  text,
  format: { encoding: 'utf-8', bom: false, lineEnding: 'lf', finalNewline: true },
});
const opened = (...docs: [string, string][]) =>
  docs.reduce(
    (state, [id, path]) =>
      documentsReducer(state, { type: 'opened', snapshot: snapshot(id, path), activate: true }),
    NO_DOCUMENTS,
  );

describe('a snapshot the tab takes', () => {
  it('leaves it unsaved only when its text still waits to go up (a merge chosen offline)', () => {
    const edited = documentsReducer(opened(['a', '/a.txt']), { type: 'edited', documentId: 'a' });
    const merged = snapshot('a', '/a.txt', 'merged\n');
    const waiting = documentsReducer(edited, {
      type: 'reloaded',
      snapshot: merged,
      saveState: { kind: 'pending', reason: 'offline' },
    });
    expect(activeDocument(waiting)).toMatchObject({ dirty: true, snapshot: { text: 'merged\n' } });
    expect(activeDocument(documentsReducer(edited, { type: 'reloaded', snapshot: merged }))?.dirty).toBe(
      false,
    );
  });
});

describe('tabs', () => {
  it('opening a document already in a tab shows that tab instead of adding one', () => {
    const state = opened(['a', '/a.txt'], ['b', '/b.txt']);
    const again = documentsReducer(state, {
      type: 'opened',
      snapshot: snapshot('a', '/a.txt'),
      activate: true,
    });
    expect(again.docs).toHaveLength(2);
    expect(again.activeId).toBe('a');
  });

  it('closing the active tab shows its right neighbour, or the left one at the end', () => {
    const state = { ...opened(['a', '/a.txt'], ['b', '/b.txt'], ['c', '/c.txt']), activeId: 'b' };
    expect(documentsReducer(state, { type: 'closed', documentId: 'b' }).activeId).toBe('c');
    const last = { ...state, activeId: 'c' };
    expect(documentsReducer(last, { type: 'closed', documentId: 'c' }).activeId).toBe('b');
    expect(documentsReducer(state, { type: 'closed', documentId: 'a' }).activeId).toBe('b');
  });

  it("a save's answer moves the rev; whether the tab is unsaved is main's news, on the text it shows", () => {
    let state = documentsReducer(opened(['a', '/a.txt']), { type: 'edited', documentId: 'a' });
    const saved = remote('/a.txt', 'ffff00001');
    state = documentsReducer(state, {
      type: 'saveFinished',
      documentId: 'a',
      result: { kind: 'saved', remote: saved },
    });
    expect(activeDocument(state)).toMatchObject({ dirty: true, remote: { rev: 'ffff00001' } });
    const news = { documentId: 'a', phase: 'clean' as const, dirty: false, version: 7, remote: saved };
    // Judged on a text the user has typed past: the tab stays unsaved.
    state = documentsReducer(state, { type: 'state', news, current: false });
    expect(activeDocument(state)?.dirty).toBe(true);
    state = documentsReducer(state, { type: 'state', news, current: true });
    expect(activeDocument(state)?.dirty).toBe(false);
  });

  it("offline, then a conflict or the upload landing: the status bar follows main's phase", () => {
    const base = remote('/a.txt');
    const theirs = remote('/a.txt', 'eeee00002');
    const news = (phase: 'pending_upload' | 'conflict' | 'dirty', extra = {}) => ({
      type: 'state' as const,
      news: { documentId: 'a', phase, dirty: true, version: 3, remote: base, ...extra },
      current: false,
    });
    let state = documentsReducer(opened(['a', '/a.txt']), news('pending_upload'));
    expect(activeDocument(state)?.saveState).toEqual({ kind: 'pending', reason: 'offline' });
    const conflict = documentsReducer(state, news('conflict', { theirs }));
    expect(activeDocument(conflict)?.saveState).toEqual({ kind: 'conflict', remote: theirs });
    const deleted = documentsReducer(state, news('conflict', { theirs: null }));
    expect(activeDocument(deleted)?.saveState).toEqual({ kind: 'conflict', remote: null });
    // Back online, the offline save landed (typed on since: still unsaved, on the new rev).
    const landed = remote('/a.txt', 'dddd00003');
    state = documentsReducer(state, {
      ...news('dirty'),
      news: { ...news('dirty').news, remote: landed },
      current: true,
    });
    expect(activeDocument(state)).toMatchObject({
      dirty: true,
      remote: { rev: 'dddd00003' },
      saveState: { kind: 'saved', rev: 'dddd00003' },
    });
  });

  it('a conflicted save keeps the rev the text is based on', () => {
    const state = documentsReducer(opened(['a', '/a.txt']), {
      type: 'saveFinished',
      documentId: 'a',
      result: {
        kind: 'conflict',
        conflict: { documentId: 'a', baseRev: 'a1b2c3d4e5', remote: null, remoteText: null, myChanges: 1 },
      },
    });
    expect(activeDocument(state)).toMatchObject({
      remote: { rev: 'a1b2c3d4e5' },
      saveState: { kind: 'conflict' },
    });
  });

  it('a restored document shows the recovered text and counts as unsaved', () => {
    const state = documentsReducer(NO_DOCUMENTS, {
      type: 'opened',
      snapshot: snapshot('a', '/a.txt', 'base\n'),
      restoredText: 'base\nrecovered',
      activate: true,
    });
    expect(activeDocument(state)).toMatchObject({
      dirty: true,
      restored: true,
      snapshot: { text: 'base\nrecovered' },
    });
  });

  it('tabs with the same file name also name their folder', () => {
    const state = opened(['a', '/Work/notes.txt'], ['b', '/Home/Notes.txt'], ['c', '/todo.md']);
    expect([...tabLabels(state.docs).values()]).toEqual([
      'notes.txt — /Work',
      'Notes.txt — /Home',
      'todo.md',
    ]);
  });

  it('a kept text in a second tab on an open file is called that, and the file keeps its plain name', () => {
    const state = documentsReducer(opened(['a', '/notes.txt']), {
      type: 'opened',
      snapshot: snapshot('k', '/notes.txt'),
      restoredText: 'kept',
      activate: true,
      beside: true,
    });
    expect([...tabLabels(state.docs).values()]).toEqual(['notes.txt', 'notes.txt — kept text']);
  });

  it('the window title names the file, its folder and whether it has unsaved changes', () => {
    const state = documentsReducer(opened(['a', '/Work/notes.txt']), { type: 'edited', documentId: 'a' });
    expect(windowTitle(activeDocument(state))).toBe('● notes.txt — /Work — Opus');
    expect(windowTitle(null)).toBe('Opus');
  });
});

test('typing in a tab already marked unsaved leaves the state as it was, so nothing re-renders', () => {
  const state = documentsReducer(opened(['a', '/a.txt']), { type: 'edited', documentId: 'a' });
  expect(documentsReducer(state, { type: 'edited', documentId: 'a' })).toBe(state);
});
