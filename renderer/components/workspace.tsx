import { useCallback, useEffect, useRef, useState } from 'react';
import { languageForPath } from '../editor/language-for-path.ts';
import { baseName, parentFolder } from '../format.ts';
import { type Account, describeError, type OpusApi } from '../opus.ts';
import { useDocument } from '../state/use-document.ts';
import { useShortcuts } from '../state/use-shortcuts.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { type EditorHandle, EditorPane } from './editor-pane.tsx';
import { OpenDialog } from './open-dialog.tsx';
import { SaveAsDialog } from './save-as-dialog.tsx';
import { StatusBar } from './status-bar.tsx';
import { Toolbar } from './toolbar.tsx';
import { Welcome } from './welcome.tsx';

type Dialog = { kind: 'open' } | { kind: 'saveAs' } | { kind: 'replace'; path: string } | null;

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

  const openDialog = () => setDialog({ kind: 'open' });
  const save = () => void (current && doc.save());
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
          onConfirm={() => void doc.save(true)}
          onCancel={doc.dismissSaveState}
        />
      )}
    </div>
  );
}
