import { expect, test } from 'vitest';
import type { RemoteFile } from '../opus.ts';
import type { SaveState } from '../state/save-state.ts';
import { saveProgress, saveStateAlerts, saveStateWords } from './save-state-words.ts';

const REV = '015f9a3bc0000000012345678';
const remote = { rev: '015f9a3bc00000000abcdef12' } as RemoteFile;

const doc = (saveState: SaveState, { dirty = false, restored = false } = {}) => ({
  saveState,
  dirty,
  restored,
});

test('a document just opened reads Saved, and Unsaved once typed in', () => {
  expect(saveStateWords(doc({ kind: 'idle' }), null, false)).toBe('Saved');
  expect(saveStateWords(doc({ kind: 'idle' }, { dirty: true }), null, false)).toBe('Unsaved');
});

test('text recovered after a crash says it is restored and unsaved', () => {
  expect(saveStateWords(doc({ kind: 'idle' }, { restored: true }), null, false)).toBe('Restored · Unsaved');
});

test('a save that landed names the short rev, and typing after it adds unsaved changes', () => {
  expect(saveStateWords(doc({ kind: 'saved', rev: REV }), null, false)).toBe('Saved rev 012345678');
  expect(saveStateWords(doc({ kind: 'saved', rev: REV }, { dirty: true }), null, false)).toBe(
    'Saved rev 012345678 · Unsaved changes',
  );
});

test('a long upload counts its percent; a short save only says it is saving', () => {
  expect(saveStateWords(doc({ kind: 'saving' }), null, false)).toBe('Saving…');
  expect(saveStateWords(doc({ kind: 'saving' }), { direction: 'upload', percent: 42 }, false)).toBe(
    'Saving 42 %',
  );
  expect(saveStateWords(doc({ kind: 'saving' }), { direction: 'download', percent: 42 }, false)).toBe(
    'Saving…',
  );
});

test("a conflict names Dropbox's rev, or says the file was deleted there", () => {
  expect(saveStateWords(doc({ kind: 'conflict', remote }), null, false)).toBe(
    'Conflict: Dropbox has rev 0abcdef12',
  );
  expect(saveStateWords(doc({ kind: 'conflict', remote: null }), null, false)).toBe(
    'Conflict: the file was deleted in Dropbox',
  );
});

test('the other outcomes say what happened in words', () => {
  expect(saveStateWords(doc({ kind: 'copied', path: '/a (copy).txt' }), null, false)).toBe(
    'Your version was saved as /a (copy).txt',
  );
  expect(saveStateWords(doc({ kind: 'pending', reason: 'offline' }), null, false)).toBe(
    'Offline: pending upload',
  );
  const asking: SaveState = { kind: 'needs_confirmation', reason: 'empty', removedRatio: 1 };
  expect(saveStateWords(doc(asking), null, false)).toBe('Waiting for confirmation');
  expect(saveStateWords(doc({ kind: 'error', message: 'Dropbox is full.' }), null, false)).toBe(
    'Dropbox is full.',
  );
});

test('a save still waiting to go up is mentioned once, whatever happened since', () => {
  expect(saveStateWords(doc({ kind: 'idle' }, { dirty: true }), null, true)).toBe('Unsaved · Pending upload');
  expect(saveStateWords(doc({ kind: 'pending', reason: 'offline' }), null, true)).toBe(
    'Offline: pending upload',
  );
});

test('only a conflict or a failure stands out as an alert', () => {
  expect(saveStateAlerts({ kind: 'conflict', remote: null })).toBe(true);
  expect(saveStateAlerts({ kind: 'error', message: 'no' })).toBe(true);
  expect(saveStateAlerts({ kind: 'pending', reason: 'offline' })).toBe(false);
  expect(saveStateAlerts({ kind: 'saved', rev: REV })).toBe(false);
});

test('a progress bar shows beside a long save only, named for its direction', () => {
  expect(saveProgress({ kind: 'saving' }, { direction: 'upload', percent: 30 })).toEqual({
    percent: 30,
    label: 'Upload progress',
  });
  expect(saveProgress({ kind: 'saving' }, { direction: 'download', percent: 70 })).toEqual({
    percent: 70,
    label: 'Download progress',
  });
  expect(saveProgress({ kind: 'saving' }, null)).toBeNull();
  expect(saveProgress({ kind: 'idle' }, { direction: 'upload', percent: 30 })).toBeNull();
});
