import { useCallback, useEffect, useRef, useState } from 'react';
import { languageForPath } from '../editor/language-for-path.ts';
import { baseName, parentFolder } from '../format.ts';
import { type Account, type Conflict, describeError, type OpusApi } from '../opus.ts';
import { useDocument } from '../state/use-document.ts';
import { useRemoteChange } from '../state/use-remote-change.ts';
import { useShortcuts } from '../state/use-shortcuts.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';
import {
  ConflictDialog,
  type ConflictSides,
  type ConflictView,
  type Resolution,
} from './conflict-dialog.tsx';
import { type EditorHandle, EditorPane } from './editor-pane.tsx';
import { OpenDialog } from './open-dialog.tsx';
import { RemoteBanner } from './remote-banner.tsx';
import { SaveAsDialog } from './save-as-dialog.tsx';
import { StatusBar } from './status-bar.tsx';
import { Toolbar } from './toolbar.tsx';
import { Welcome } from './welcome.tsx';

type Dialog =
  | { kind: 'open' }
  | { kind: 'saveAs' }
  | { kind: 'replace'; path: string }
  | { kind: 'conflict'; sides: ConflictSides; view: ConflictView; attempt: number }
  | null;

const sidesOf = (conflict: Conflict, path: string): ConflictSides => ({
  documentId: conflict.documentId,
  path,
  baseRev: conflict.baseRev,
  remote: conflict.remote,
  remoteText: conflict.remoteText,
  myChanges: conflict.myChanges,
});

/** Signed in: the toolbar, the editor and the status bar, and the dialogs they open. */
export function Workspace({ opus, account }: { opus: OpusApi; account: Account | null }) {
  const editor = useRef<EditorHandle | null>(null);
  const getText = useCallback(() => editor.current?.getText() ?? '', []);
  const onReady = useCallback((handle: EditorHandle | null) => {
    editor.current = handle;
  }, []);
  const doc = useDocument(opus, getText);
  const [dialog, setDialog] = useState<Dialog>(null);
  const accountName = account?.displayName ?? 'Signed in';
  const current = doc.document;
  const language = current ? languageForPath(current.remote.path) : 'plaintext';

  const remote = useRemoteChange(opus, current?.snapshot.documentId ?? null);

  const openDialog = () => setDialog({ kind: 'open' });
  const showConflict = (sides: ConflictSides, view: ConflictView) =>
    setDialog((old) => ({
      kind: 'conflict',
      sides,
      view,
      attempt: (old?.kind === 'conflict' ? old.attempt : 0) + 1,
    }));
  const saveChecked = async (confirmed?: boolean) => {
    if (!current) return;
    const result = await doc.save(confirmed);
    if (result?.kind === 'saved') remote.dismiss();
    if (result?.kind === 'conflict') showConflict(sidesOf(result.conflict, current.remote.path), 'choose');
  };
  const save = () => void saveChecked();
  const fromBanner = (view: ConflictView) => {
    const change = remote.change;
    if (!current || !change?.remote) return;
    showConflict(
      {
        documentId: current.snapshot.documentId,
        path: current.remote.path,
        baseRev: current.remote.rev,
        remote: change.remote,
        remoteText: null,
        myChanges: null,
      },
      view,
    );
  };
  const resolved = (result: Resolution, text: string) => {
    if (!current) return;
    if (result.kind === 'conflict') {
      // Dropbox moved again while the dialog was open: ask again about the newest version.
      doc.showSaveState({ kind: 'conflict', remote: result.remote });
      if (dialog?.kind === 'conflict') {
        showConflict({ ...dialog.sides, remote: result.remote, remoteText: null, myChanges: null }, 'choose');
      }
      return;
    }
    setDialog(null);
    remote.dismiss();
    if (result.kind === 'saved') {
      // A reviewed merge replaces the editor's text; Keep mine saved what the editor already shows.
      if (text === getText()) doc.markSaved(result.remote);
      else
        doc.adopt(
          { ...current.snapshot, remote: result.remote, text },
          { kind: 'saved', rev: result.remote.rev },
        );
    } else if (result.kind === 'reloaded') {
      doc.adopt(result.snapshot);
    } else {
      doc.adopt(result.snapshot, { kind: 'copied', path: result.copy.path });
    }
  };
  const saveAs = () => current && setDialog({ kind: 'saveAs' });
  useShortcuts({ save, saveAs, open: openDialog });

  const saveAt = async (path: string, overwrite?: boolean) => {
    setDialog(null);
    const result = await doc.saveAs(path, overwrite);
    // Without `overwrite` an existing file is reported as a conflict: ask before replacing it.
    if (result?.kind === 'conflict' && !overwrite) setDialog({ kind: 'replace', path });
  };

  const signOut = () => {
    opus.signOut().catch((error: unknown) => window.alert(describeError(error)));
  };

  const title = current ? `${current.dirty ? '● ' : ''}${baseName(current.remote.path)} — Opus` : 'Opus';
  useEffect(() => {
    document.title = title;
  }, [title]);

  return (
    <div className="workspace">
      <Toolbar
        accountName={accountName}
        hasDocument={!!current}
        onOpen={openDialog}
        onSave={save}
        onSaveAs={saveAs}
        onSignOut={signOut}
      />
      {current && remote.change && (
        <RemoteBanner
          change={remote.change}
          onMerge={() => fromBanner('merge')}
          onCompare={() => fromBanner('compare')}
          onLater={remote.dismiss}
          onRecreate={save}
          onClose={() => void doc.close()}
        />
      )}
      <main className="editor-area">
        {current ? (
          <EditorPane
            snapshot={current.snapshot}
            language={language}
            onEdited={doc.edited}
            onReady={onReady}
          />
        ) : (
          <Welcome onOpen={openDialog} />
        )}
      </main>
      <StatusBar accountName={accountName} document={current} language={language} saveState={doc.saveState} />

      {dialog?.kind === 'open' && (
        <OpenDialog
          opus={opus}
          initialFolder={current ? parentFolder(current.remote.path) : ''}
          onClose={() => setDialog(null)}
          onOpenFile={(path) => {
            setDialog(null);
            void doc.open(path);
          }}
        />
      )}
      {dialog?.kind === 'saveAs' && current && (
        <SaveAsDialog initialPath={current.remote.path} onSave={saveAt} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'replace' && (
        <ConfirmDialog
          title="Replace the file?"
          message={`${dialog.path} already exists in Dropbox. Replace it with this document?`}
          confirmLabel="Replace"
          onConfirm={() => void saveAt(dialog.path, true)}
          onCancel={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'conflict' && current && (
        <ConflictDialog
          key={dialog.attempt}
          opus={opus}
          sides={dialog.sides}
          initialView={dialog.view}
          language={language}
          getText={getText}
          onResolved={resolved}
          onClose={() => setDialog(null)}
        />
      )}
      {doc.saveState.kind === 'needs_confirmation' && (
        <ConfirmDialog
          title={
            doc.saveState.reason === 'empty'
              ? 'Save an empty document?'
              : 'Save with most of the text removed?'
          }
          message={
            doc.saveState.reason === 'empty'
              ? 'Saving now empties the file in Dropbox.'
              : `Saving now removes ${Math.round(doc.saveState.removedRatio * 100)}% of the file in Dropbox.`
          }
          confirmLabel="Save anyway"
          onConfirm={() => void saveChecked(true)}
          onCancel={doc.dismissSaveState}
        />
      )}
    </div>
  );
}
