import { useEffect, useRef, useState } from 'react';
import {
  type CommandResponse,
  describeError,
  errorKind,
  type OpusApi,
  type RestoredDocument,
} from '../opus.ts';
import type { EarlyAnswer } from './early-answer.ts';
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

type Restored = CommandResponse<'getRestoredDocuments'>;

/** The page's own early call, unless it was made signed out (then it is asked again). */
function restoredNow(opus: OpusApi, early?: EarlyAnswer<Restored>): Promise<Restored> {
  if (!early) return opus.getRestoredDocuments();
  return early.promise.catch((error: unknown) =>
    errorKind(error) === 'signed_out' ? opus.getRestoredDocuments() : Promise.reject(error),
  );
}

/**
 * Once per session: the documents the core recovered from its journal reopen as tabs with their
 * unsaved text, and where Dropbox moved meanwhile, the conflict prompt opens straight away. `early` is
 * the page's own call, made as it started. Resolves once that is done (or failed): a linked document
 * opens after it, so a journaled one comes back as the restored tab, never as a second one.
 */
export function useRestore(
  opus: OpusApi,
  targets: RestoreTargets,
  early?: EarlyAnswer<Restored>,
): Promise<void> {
  const latest = useRef(targets);
  latest.current = targets;
  const [[done, settle]] = useState(settleable);
  useEffect(() => {
    let live = true;
    restoredNow(opus, early)
      .then((restored) => {
        if (!live || restored.length === 0) return;
        latest.current.openRestored(restored);
        latest.current.setNotice(restoredNotice(restored));
        const moved = restored.find((entry) => entry.remoteMoved);
        if (moved) latest.current.startConflict(moved.snapshot.documentId);
      })
      .catch((error: unknown) => {
        if (live) latest.current.setNotice({ tone: 'error', message: describeError(error) });
      })
      .finally(settle.resolve);
    return () => {
      live = false;
    };
  }, [opus, early, settle]);
  return done;
}

/** A promise and the function that resolves it, made once per mount. */
function settleable(): [Promise<void>, { resolve: () => void }] {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return [promise, { resolve }];
}
