import { describe, expect, test } from 'vitest';
import type { RemoteFile } from '../../dropbox/remote-file.ts';
import { chooseAncestor } from './ancestor.ts';

const at = (time: string, rev: string, contentHash = `hash-${rev}`): RemoteFile => ({
  name: 'magnum-opus.txt',
  path: '/magnum-opus.txt',
  pathLower: '/magnum-opus.txt',
  id: 'id:1',
  rev,
  size: 1,
  contentHash,
  serverModified: `2026-11-30T${time}Z`,
  clientModified: `2026-11-30T${time}Z`,
});

// Dropbox lists revisions newest first; the choice must not depend on it.
const history = [at('09:00:00', 'r1'), at('10:00:00', 'r2'), at('11:00:00', 'r3'), at('12:00:00', 'r4')];

describe('the revision a conflicted copy diverged from', () => {
  test('is the newest revision older than the copy', () => {
    const copy = { ...at('10:30:00', 'c'), path: '/copy.txt' };
    expect(chooseAncestor(history, copy)).toEqual({ revision: history[1], reason: 'last_before_copy' });
    expect(chooseAncestor([...history].reverse(), copy)?.revision.rev).toBe('r2');
  });

  test('is judged by when the device wrote the copy, not when it was uploaded', () => {
    const copy = { ...at('11:30:00', 'c'), clientModified: '2026-11-30T10:30:00Z' };
    expect(chooseAncestor(history, copy)?.revision.rev).toBe('r2');
  });

  test('is the revision whose content the copy still has, whatever the times say', () => {
    const copy = { ...at('12:30:00', 'c', 'hash-r1') };
    expect(chooseAncestor(history, copy)).toEqual({ revision: history[0], reason: 'same_content' });
  });

  test('is a revision strictly older: one of the same second is not', () => {
    expect(chooseAncestor(history, at('10:00:00', 'c'))?.revision.rev).toBe('r1');
  });

  test('is none when every revision known is as new as the copy', () => {
    expect(chooseAncestor(history, at('08:00:00', 'c'))).toBeNull();
    expect(chooseAncestor([], at('08:00:00', 'c'))).toBeNull();
  });
});
