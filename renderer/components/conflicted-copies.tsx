import { languageForPath } from '../editor/language-for-path.ts';
import type { OpusApi } from '../opus.ts';
import { useConflictedCopies } from '../state/use-conflicted-copies.ts';
import type { DocumentsControls } from '../state/use-documents.ts';
import type { WorkspaceControls } from '../state/use-workspace.ts';
import { ConflictedCopyBar } from './conflicted-copy-bar.tsx';
import { ConflictedCopyDialog } from './conflicted-copy-dialog.tsx';

/**
 * Dropbox's conflicted copies of the open documents: the active one's bar, and the Resolve… dialog (the
 * bar's button, or the `resolveConflictedCopy` command).
 */
export function ConflictedCopies({
  opus,
  ws,
  docs,
}: {
  opus: OpusApi;
  ws: WorkspaceControls;
  docs: DocumentsControls;
}) {
  const copies = useConflictedCopies(
    opus,
    docs.state.docs.map((doc) => doc.snapshot.documentId),
  );
  const active = docs.active;
  const activeId = active?.snapshot.documentId ?? null;
  const { dialog } = ws;
  const target =
    dialog?.kind === 'conflictedCopy'
      ? docs.state.docs.find((doc) => doc.snapshot.documentId === dialog.documentId)
      : undefined;

  return (
    <>
      {active && activeId && (
        <ConflictedCopyBar
          originalName={active.remote.name}
          copies={copies.shown(activeId)}
          onResolve={() => ws.setDialog({ kind: 'conflictedCopy', documentId: activeId })}
          onDismiss={() => copies.dismiss(activeId)}
        />
      )}
      {target && (
        <ConflictedCopyDialog
          opus={opus}
          documentId={target.snapshot.documentId}
          originalName={target.remote.name}
          language={languageForPath(target.remote.path)}
          flush={() => docs.flush(target.snapshot.documentId)}
          onSaved={(snapshot) => {
            docs.adopt(snapshot, { kind: 'saved', rev: snapshot.remote.rev });
            copies.refresh(snapshot.documentId);
          }}
          onConflict={() => {
            ws.setDialog(null);
            ws.setNotice({
              tone: 'error',
              message: `${target.remote.name} changed on Dropbox while you merged: nothing was overwritten, and the copy is kept. Resolve… again to merge it with the newer version.`,
            });
          }}
          onCopiesChanged={() => copies.refresh(target.snapshot.documentId)}
          onClose={() => ws.setDialog(null)}
        />
      )}
    </>
  );
}
