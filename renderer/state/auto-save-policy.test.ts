import { describe, expect, test } from 'vitest';
import type { RemoteFile } from '../opus.ts';
import { autoSaveVerdict, autoSaveWords } from './auto-save-policy.ts';
import type { RemoteChange } from './open-document.ts';
import type { SaveState } from './save-state.ts';

const remote: RemoteFile = {
  name: 'draft.md',
  path: '/draft.md',
  pathLower: '/draft.md',
  id: 'id:draft',
  rev: '015f9a3bc0000000012345678',
  size: 12,
  contentHash: 'f'.repeat(64),
  serverModified: '2026-11-30T10:00:00Z',
  clientModified: '2026-11-30T10:00:00Z',
};
const typedIn: Parameters<typeof autoSaveVerdict>[0] = {
  remote,
  dirty: true,
  saveState: { kind: 'idle' },
  remoteChange: null,
  restored: false,
};
const inState = (saveState: SaveState) => ({ ...typedIn, saveState });

describe('auto-save saves', () => {
  test('a document with unsaved changes, when auto-save is on either way', () => {
    expect(autoSaveVerdict(typedIn, 'delay', false)).toEqual({ save: true });
    expect(autoSaveVerdict(typedIn, 'blur', false)).toEqual({ save: true });
  });

  test('typing after a save, or after the user kept a copy of theirs', () => {
    expect(autoSaveVerdict(inState({ kind: 'saved', rev: remote.rev }), 'delay', false).save).toBe(true);
    expect(autoSaveVerdict(inState({ kind: 'copied', path: '/draft (copy).md' }), 'delay', false).save).toBe(
      true,
    );
  });
});

describe('auto-save holds', () => {
  const holdOf = (doc: typeof typedIn, pendingUpload = false) => {
    const verdict = autoSaveVerdict(doc, 'delay', pendingUpload);
    return verdict.save ? 'save' : verdict.hold;
  };

  test('when it is off', () => {
    expect(autoSaveVerdict(typedIn, 'off', false)).toEqual({ save: false, hold: 'off' });
  });

  test('an untitled document, which needs a name first', () => {
    expect(holdOf({ ...typedIn, remote: { ...remote, rev: '', path: '' } })).toBe('untitled');
  });

  test('a document with nothing to save', () => {
    expect(holdOf({ ...typedIn, dirty: false })).toBe('clean');
  });

  test('at a conflict, never saving over it', () => {
    expect(holdOf(inState({ kind: 'conflict', remote }))).toBe('conflict');
    expect(holdOf(inState({ kind: 'conflict', remote: null }))).toBe('conflict');
  });

  test('when Dropbox has a newer version than the one being edited', () => {
    const change = { documentId: 'd', remote } as unknown as RemoteChange;
    expect(holdOf({ ...typedIn, remoteChange: change })).toBe('remote_changed');
  });

  test('while an offline save waits to be sent, whether the state or the connection says so', () => {
    expect(holdOf(inState({ kind: 'pending', reason: 'offline' }))).toBe('pending_upload');
    expect(holdOf(typedIn, true)).toBe('pending_upload');
  });

  test("at the guard rail's question and the encoding refusal", () => {
    expect(holdOf(inState({ kind: 'needs_confirmation', reason: 'empty', removedRatio: 1 }))).toBe(
      'question',
    );
    const unwritable = { encoding: 'iso-8859-1', characters: [], moreCharacters: 0 };
    expect(holdOf(inState({ kind: 'unwritable', unwritable, target: null }))).toBe('question');
  });

  test('after a failed save, and while a save is on its way', () => {
    expect(holdOf(inState({ kind: 'error', message: 'Dropbox is full.' }))).toBe('failed');
    expect(holdOf(inState({ kind: 'saving' }))).toBe('saving');
  });

  test('text recovered after a crash, until it is saved by hand', () => {
    expect(holdOf({ ...typedIn, restored: true })).toBe('restored');
  });
});

describe('the status bar', () => {
  test('says nothing when auto-save is off', () => {
    expect(autoSaveWords({ mode: 'off', delayMs: 1000 }, null)).toBeNull();
  });

  test('says "Auto-save on", and when it saves', () => {
    expect(autoSaveWords({ mode: 'delay', delayMs: 1500 }, { save: true })).toEqual({
      words: 'Auto-save on',
      title: 'Auto-save on. Saves 1.5 s after you stop typing.',
      stopped: false,
    });
    expect(autoSaveWords({ mode: 'blur', delayMs: 1000 }, { save: false, hold: 'clean' })?.words).toBe(
      'Auto-save on',
    );
  });

  test('says it is paused, and why, where the user has to act', () => {
    expect(autoSaveWords({ mode: 'delay', delayMs: 1000 }, { save: false, hold: 'conflict' })).toEqual({
      words: 'Auto-save paused',
      title: 'Auto-save is paused: the document is in conflict with Dropbox.',
      stopped: true,
    });
  });
});
