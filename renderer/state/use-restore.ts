import { useEffect, useRef } from 'react';
import { describeError, type OpusApi, type RestoredDocument } from '../opus.ts';
import type { Notice } from './workspace-dialog.ts';

/** "Restored unsaved changes to a.txt and b.md …": one line for everything brought back. */
export function restoredNotice(restored: readonly RestoredDocument[]): Notice | null {
  const recovered = restored.filter((entry) => entry.text !== entry.snapshot.text || entry.remoteMoved);
  if (recovered.length === 0) return null;
  const names = recovered.map((entry) => entry.snapshot.remote.name);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  const moved = recovered.filter((entry) => entry.remoteMoved).length;
  return {
    tone: 'info',
    message:
      `Restored unsaved changes to ${list} from before Opus closed.` +
      (moved > 0 ? ' The file changed on Dropbox meanwhile: choose how to combine the two versions.' : ''),
  };
}

interface RestoreTargets {
  openRestored(restored: readonly RestoredDocument[]): void;
  setNotice(notice: Notice | null): void;
  /** Starts the conflict flow for a document whose Dropbox copy moved while Opus was down. */
  startConflict(documentId: string): void;
}

/**
 * Once per session: the documents the core recovered from its journal reopen as tabs with their
 * unsaved text, and where Dropbox moved meanwhile, the conflict prompt opens straight away.
 */
export function useRestore(opus: OpusApi, targets: RestoreTargets): void {
  const latest = useRef(targets);
  latest.current = targets;
  useEffect(() => {
    let live = true;
    opus
      .getRestoredDocuments()
      .then((restored) => {
        if (!live || restored.length === 0) return;
        latest.current.openRestored(restored);
        latest.current.setNotice(restoredNotice(restored));
        const moved = restored.find((entry) => entry.remoteMoved);
        if (moved) latest.current.startConflict(moved.snapshot.documentId);
      })
      .catch((error: unknown) => {
        if (live) latest.current.setNotice({ tone: 'error', message: describeError(error) });
      });
    return () => {
      live = false;
    };
  }, [opus]);
}
