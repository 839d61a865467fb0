import type { Unwritable } from '../../electron/common/encodings.ts';
import type { RemoteFile, SaveResult } from '../opus.ts';

/** Where a refused Save As was going, so it can be sent again in another encoding. */
export interface SaveTarget {
  path: string;
  overwrite: boolean;
}

/** What the status bar says about the last save. */
export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; rev: string }
  | { kind: 'conflict'; remote: RemoteFile | null }
  | { kind: 'copied'; path: string }
  | { kind: 'pending'; reason: string }
  | { kind: 'needs_confirmation'; reason: 'empty' | 'most_removed'; removedRatio: number }
  | { kind: 'error'; message: string }
  /** The encoding cannot hold some characters: which, and where (Save As: `target`, else Save). */
  | { kind: 'unwritable'; unwritable: Unwritable; target: SaveTarget | null };

export function saveStateFrom(result: SaveResult): SaveState {
  switch (result.kind) {
    case 'saved':
      return { kind: 'saved', rev: result.remote.rev };
    case 'conflict':
      return { kind: 'conflict', remote: result.conflict.remote };
    case 'pending':
      return { kind: 'pending', reason: result.reason };
    case 'needs_confirmation':
      return { kind: 'needs_confirmation', reason: result.reason, removedRatio: result.removedRatio };
  }
}
