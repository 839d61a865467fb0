import { languageForPath } from '../editor/language-for-path.ts';
import { parentFolder } from '../format.ts';
import type { Account, DocumentSnapshot, OpusApi } from '../opus.ts';
import { documentById } from '../state/documents-state.ts';
import { saveAsPath } from '../state/open-document.ts';
import { restoredNotice } from '../state/restore-undo.ts';
import { carriedOf } from '../state/save-at.ts';
import type { DocumentsControls } from '../state/use-documents.ts';
import type { WorkspaceControls } from '../state/use-workspace.ts';
import { AccountPanel } from './account-panel.tsx';
import { CommandPalette } from './command-palette.tsx';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { ConflictDialog } from './conflict-dialog.tsx';
import { EncodingDialogs } from './encoding-dialogs.tsx';
import { OpenDialog } from './open-dialog.tsx';
import { QuickOpenDialogs } from './quick-open-dialogs.tsx';
import { RevisionHistory } from './revision-history.tsx';
import { SaveAsDialog } from './save-as-dialog.tsx';
import { saveGuardQuestion } from './save-guard-question.ts';
import { SettingsDialog } from './settings-dialog.tsx';
import { signOutQuestion } from './sign-out-question.ts';
import { UnsavedChangesDialog } from './unsaved-changes-dialog.tsx';
import { UploadDialog } from './upload-dialog.tsx';

interface WorkspaceDialogsProps {
  opus: OpusApi;
  ws: WorkspaceControls;
  docs: DocumentsControls;
  getText(documentId: string): string | null;
  nativeDialogs: boolean;
  language: string;
  /** Who is signed in, for the sign-out question. */
  account: Account | null;
}

/** The workspace's modal of the moment, and the guard rail's question about the active tab. */
export function WorkspaceDialogs({
  opus,
  ws,
  docs,
  getText,
  nativeDialogs,
  language,
  account,
}: WorkspaceDialogsProps) {
  const { dialog } = ws;
  const close = () => ws.setDialog(null);
  const active = docs.active;
  const guard = active?.saveState.kind === 'needs_confirmation' ? active.saveState : null;
  const question = guard ? saveGuardQuestion(guard) : null;
  const docOf = (documentId: string) => documentById(docs.state, documentId);
  const folderOfActive = active ? parentFolder(active.remote.path) : '';

  return (
    <>
      {dialog?.kind === 'open' && (
        <OpenDialog
          opus={opus}
          initialFolder={dialog.folder ?? folderOfActive}
          onClose={close}
          onOpenFile={ws.openPath}
        />
      )}
      {dialog?.kind === 'saveAs' && docOf(dialog.documentId) && (
        <SaveAsDialog
          opus={opus}
          initialPath={saveAsPath(docOf(dialog.documentId))}
          onSave={(path) => void ws.saveAt(dialog.documentId, path, carriedOf(dialog))}
          onClose={dialog.closing ? ws.cancelClose : close}
        />
      )}
      {dialog?.kind === 'replace' && (
        <ConfirmDialog
          title="Replace the file?"
          message={`${dialog.path} already exists in Dropbox. Replace it with this document?`}
          confirmLabel="Replace"
          onConfirm={() =>
            void ws.saveAt(dialog.documentId, dialog.path, { overwrite: true, ...carriedOf(dialog) })
          }
          onCancel={dialog.closing ? ws.cancelClose : close}
        />
      )}
      {dialog?.kind === 'conflict' && docOf(dialog.sides.documentId) && (
        <ConflictDialog
          key={dialog.attempt}
          opus={opus}
          sides={dialog.sides}
          initialView={dialog.view}
          language={languageForPath(dialog.sides.path)}
          getText={() => getText(dialog.sides.documentId) ?? ''}
          flush={() => docs.flush(dialog.sides.documentId)}
          onResolved={(result, text) => ws.resolved(dialog.sides.documentId, result, text)}
          onClose={close}
        />
      )}
      {dialog?.kind === 'closeTab' && docOf(dialog.documentId) && (
        <UnsavedChangesDialog
          name={docOf(dialog.documentId)?.remote.name ?? ''}
          closing={dialog.closing}
          onSave={() => void ws.saveAndClose(dialog.documentId)}
          onDiscard={() => void ws.discardAndClose(dialog.documentId)}
          onCancel={ws.cancelClose}
        />
      )}
      <QuickOpenDialogs
        opus={opus}
        dialog={dialog}
        onOpen={(path) => void ws.openPath(path)}
        onClose={close}
      />
      {dialog?.kind === 'palette' && <CommandPalette hasDocument={!!active} onRun={ws.run} onClose={close} />}
      {dialog?.kind === 'history' && active && active.snapshot.documentId === dialog.documentId && (
        <RevisionHistory
          opus={opus}
          path={active.remote.path}
          documentId={dialog.documentId}
          currentRev={active.remote.rev}
          dirty={active.dirty}
          language={language}
          getText={() => getText(dialog.documentId) ?? ''}
          flush={() => docs.flush(dialog.documentId)}
          onRestored={(snapshot, restored) => {
            close();
            const adopt = (next: DocumentSnapshot) =>
              docs.adopt(next, { kind: 'saved', rev: next.remote.rev });
            adopt(snapshot);
            ws.setNotice(
              restoredNotice({
                opus,
                path: snapshot.remote.path,
                documentId: dialog.documentId,
                ...restored,
                flush: () => docs.flush(dialog.documentId),
                adopt,
                setNotice: ws.setNotice,
              }),
            );
          }}
          onOpenCopy={(path) => void ws.openPath(path)}
          onClose={close}
        />
      )}
      {dialog?.kind === 'upload' && (
        <UploadDialog
          opus={opus}
          nativeDialogs={nativeDialogs}
          initialFolder={folderOfActive}
          initialFile={dialog.chosen}
          onUploaded={(remote) => {
            close();
            ws.setNotice({
              tone: 'info',
              message: `Uploaded ${remote.name} to ${remote.path}.`,
              action: { label: 'Open it', run: () => void ws.openPath(remote.path) },
            });
          }}
          onClose={close}
        />
      )}
      {dialog?.kind === 'account' && (
        <AccountPanel
          opus={opus}
          onClose={close}
          onSignOut={() => {
            close();
            ws.run('signOut');
          }}
        />
      )}
      {dialog?.kind === 'settings' && <SettingsDialog opus={opus} onClose={close} />}
      <EncodingDialogs opus={opus} ws={ws} docs={docs} />
      {dialog?.kind === 'signOut' && (
        <ConfirmDialog
          {...signOutQuestion(account, docs.state.docs.length)}
          confirmLabel="Sign Out"
          onConfirm={ws.signOut}
          onCancel={close}
        />
      )}
      {question && active && (
        <ConfirmDialog
          title={question.title}
          message={question.message}
          confirmLabel="Save anyway"
          onConfirm={() => void ws.save(active.snapshot.documentId, true)}
          onCancel={() => docs.showSaveState(active.snapshot.documentId, { kind: 'idle' })}
        />
      )}
    </>
  );
}
