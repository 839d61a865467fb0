import { expect, test } from 'vitest';
import type { RemoteFile } from '../opus.ts';
import { saveStateFrom } from './save-state.ts';

const remote: RemoteFile = {
  name: 'magnum-opus.txt',
  path: '/magnum-opus.txt',
  pathLower: '/magnum-opus.txt',
  id: 'id:abc',
  rev: '015f9a3bc0000000012345678',
  size: 12,
  contentHash: 'f'.repeat(64),
  serverModified: '2024-05-17T09:30:00Z',
  clientModified: '2024-05-17T09:30:00Z',
};

test('a save that landed reports the new rev', () => {
  expect(saveStateFrom({ kind: 'saved', remote })).toEqual({ kind: 'saved', rev: remote.rev });
});

test("a stale save becomes a conflict that knows Dropbox's version", () => {
  const state = saveStateFrom({
    kind: 'conflict',
    conflict: { documentId: 'd1', baseRev: 'a'.repeat(9), remote, remoteText: 'theirs', myChanges: 1 },
  });
  expect(state).toEqual({ kind: 'conflict', remote });
});

test('a save made offline waits as pending, with the reason', () => {
  expect(saveStateFrom({ kind: 'pending', reason: 'offline' })).toEqual({
    kind: 'pending',
    reason: 'offline',
  });
});

test('emptying a file asks first', () => {
  expect(saveStateFrom({ kind: 'needs_confirmation', reason: 'empty', removedRatio: 1 })).toEqual({
    kind: 'needs_confirmation',
    reason: 'empty',
    removedRatio: 1,
  });
});
