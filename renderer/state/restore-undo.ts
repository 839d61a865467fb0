import { baseName, formatExactTime } from '../format.ts';
import { type DocumentSnapshot, describeError, type OpusApi } from '../opus.ts';
import type { Revision } from './use-revisions.ts';
import type { Notice } from './workspace-dialog.ts';

export interface RestoreUndo {
  opus: OpusApi;
  path: string;
  documentId: string;
  /** The revision just restored. */
  revision: Revision;
  /** The rev the document stood on before the restore: what Undo restores. */
  previousRev: string;
  /** Every edit typed since is in main, which keeps unsaved text before restoring over it. */
  flush(): Promise<unknown>;
  adopt(snapshot: DocumentSnapshot): void;
  setNotice(notice: Notice | null): void;
}

/**
 * The notice a restore leaves: what happened, and an Undo that restores the revision that was current
 * before. Undo is itself a restore, so it too destroys nothing: the restored text stays a revision.
 */
export function restoredNotice(undo: RestoreUndo): Notice {
  const name = baseName(undo.path);
  return {
    tone: 'info',
    message: `Restored ${name} to the version of ${formatExactTime(undo.revision.serverModified)}.`,
    action: { label: 'Undo', run: () => void undoRestore(undo, name) },
  };
}

async function undoRestore(undo: RestoreUndo, name: string): Promise<void> {
  const { opus, path, documentId, previousRev, setNotice } = undo;
  setNotice({ tone: 'info', message: `Putting back ${name} as it was before the restore…` });
  try {
    await undo.flush().catch(() => undefined);
    const { snapshot } = await opus.restoreRevision({ path, rev: previousRev, documentId });
    if (snapshot) undo.adopt(snapshot);
    setNotice({ tone: 'info', message: `${name} is back to the text it had before the restore.` });
  } catch (caught) {
    setNotice({
      tone: 'error',
      message: `${name} could not be put back as it was: ${describeError(caught)} Its earlier version is still in History.`,
    });
  }
}
