import { useEffect, useRef, useState } from 'react';
import { baseName, formatExactTime, parentFolder } from '../format.ts';
import { type DocumentSnapshot, describeError, errorKind, type OpusApi } from '../opus.ts';
import { revisionCopyName } from '../state/revision-copy-name.ts';
import { type Revision, useRevisions, useRevisionText } from '../state/use-revisions.ts';
import { useShortRevs } from '../state/use-short-revs.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { ModalDialog } from './modal-dialog.tsx';
import { RevisionCopyForm } from './revision-copy-form.tsx';
import { RevisionList } from './revision-list.tsx';
import { RevisionPreview } from './revision-preview.tsx';

export interface RevisionHistoryProps {
  opus: OpusApi;
  /** The active document's Dropbox path. */
  path: string;
  /** The active document. */
  documentId: string;
  /** The rev the editor's text is based on (marked "Current" in the list). */
  currentRev: string;
  /** Unsaved changes in the editor: restoring asks first. */
  dirty: boolean;
  /** Monaco language id for the diff preview. */
  language: string;
  /** The editor's current text. */
  getText(): string;
  /** Every edit made so far is in main, which keeps the unsaved text before restoring over it. */
  flush(): Promise<unknown>;
  /**
   * The editor takes this snapshot (the restored revision, now its base); `previousRev` is the rev
   * the text stood on before, for an Undo. The panel then closes.
   */
  onRestored(snapshot: DocumentSnapshot, restored: { revision: Revision; previousRev: string }): void;
  /** Open this Dropbox path in a new tab (a revision saved as a new document). The panel then closes. */
  onOpenCopy(path: string): void;
  onClose(): void;
}

type Naming = { name: string; error: string | null };

/**
 * Revision history of the active document: Dropbox's revisions newest first, any one
 * compared side by side with the editor's text, restored in place, or opened as a new document.
 */
export function RevisionHistory(props: RevisionHistoryProps) {
  const { opus, path, documentId, currentRev, dirty, language, getText, onClose } = props;
  const { list, reload } = useRevisions(opus, path);
  const revisions = list.kind === 'loaded' ? list.revisions : [];
  const shortOf = useShortRevs([currentRev, ...revisions.map((each) => each.rev)]);
  const [selected, setSelected] = useState(0);
  const revision = revisions[selected] ?? null;
  const preview = useRevisionText(opus, path, revision?.rev ?? null);
  // The editor sits behind a modal dialog and cannot change meanwhile: read its text once.
  const [currentText] = useState(getText);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [naming, setNaming] = useState<Naming | null>(null);
  const listRef = useRef<HTMLDivElement>(null);

  // Arrow keys work at once: the list takes the focus as soon as it is there.
  useEffect(() => {
    if (list.kind === 'loaded') listRef.current?.focus();
  }, [list.kind]);

  const select = (index: number) => {
    // A restore or a copy is on its way for the selected revision: it stays selected until it lands.
    if (busy) return;
    setSelected(index);
    setError(null);
    // The name offered was for the previous revision.
    setNaming(null);
  };

  const restore = async (target: Revision) => {
    setConfirming(false);
    setError(null);
    setBusy('Restoring…');
    try {
      await props.flush();
      const { snapshot } = await opus.restoreRevision({ path, rev: target.rev, documentId });
      if (!snapshot) throw new Error('Dropbox restored the revision, but the editor could not follow it.');
      props.onRestored(snapshot, { revision: target, previousRev: currentRev });
      onClose();
    } catch (caught) {
      setError(describeError(caught));
      setBusy(null);
    }
  };

  const saveCopy = async (target: Revision, name: string) => {
    setBusy('Creating the new document…');
    const folder = parentFolder(path);
    try {
      const remote = await opus.saveRevisionAs({ path, rev: target.rev, targetPath: `${folder}/${name}` });
      props.onOpenCopy(remote.path);
      onClose();
    } catch (caught) {
      // Nothing was written: the form stays, with the name, for another try.
      const words =
        errorKind(caught) === 'conflict'
          ? `“${name}” already exists in this folder. Choose another name.`
          : describeError(caught);
      setNaming({ name, error: words });
      setBusy(null);
    }
  };

  const isCurrent = revision?.rev === currentRev;
  const canAct = revision !== null && busy === null;

  return (
    <>
      <ModalDialog label="Revision history" onClose={onClose} className="revision-history">
        <h2>Revision history — {baseName(path)}</h2>
        {list.kind === 'loaded' && list.isDeleted && (
          <p className="hint">This file is deleted on Dropbox; restoring a revision brings it back.</p>
        )}
        <div className="revision-panes">
          <div className="revision-list-frame">
            {list.kind === 'loading' && <p aria-busy="true">Loading revisions…</p>}
            {list.kind === 'error' && (
              <div className="revision-list-error">
                <p className="error" role="alert">
                  {list.message}
                </p>
                <button type="button" onClick={reload}>
                  Try again
                </button>
              </div>
            )}
            {list.kind === 'loaded' && revisions.length === 0 && (
              <p className="empty">Dropbox keeps no revisions of this file.</p>
            )}
            {revisions.length > 0 && (
              <RevisionList
                revisions={revisions}
                currentRev={currentRev}
                shortOf={shortOf}
                selected={selected}
                onSelect={select}
                listRef={listRef}
              />
            )}
          </div>
          <RevisionPreview
            revision={revision}
            short={revision ? shortOf(revision.rev) : ''}
            preview={preview}
            currentText={currentText}
            language={language}
          />
        </div>
        {naming && revision && (
          <RevisionCopyForm
            folder={parentFolder(path)}
            name={naming.name}
            error={naming.error}
            busy={busy !== null}
            onChange={(name) => setNaming({ name, error: null })}
            onSubmit={(name) => void saveCopy(revision, name)}
            onCancel={() => setNaming(null)}
          />
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            Close
          </button>
          <span className="spacer" />
          {busy && (
            <span className="hint" aria-live="polite" aria-busy="true">
              {busy}
            </span>
          )}
          <button
            type="button"
            disabled={!canAct || naming !== null}
            onClick={() =>
              revision &&
              setNaming({ name: revisionCopyName(baseName(path), shortOf(revision.rev)), error: null })
            }
          >
            Open as new document…
          </button>
          <button
            type="button"
            className="primary"
            disabled={!canAct || isCurrent}
            title={isCurrent ? 'Your text is already based on this revision.' : undefined}
            onClick={() => setConfirming(true)}
          >
            Restore this revision
          </button>
        </div>
      </ModalDialog>
      {confirming && revision && (
        <ConfirmDialog
          title={`Restore the version of ${formatExactTime(revision.serverModified)}?`}
          message={restoreWords(dirty)}
          confirmLabel="Restore"
          onConfirm={() => void restore(revision)}
          onCancel={() => setConfirming(false)}
        />
      )}
    </>
  );
}

/** Restoring destroys nothing, and the question says so. */
const restoreWords = (dirty: boolean): string =>
  dirty
    ? "Your last saved text becomes a revision you can return to. Your unsaved changes are replaced; a copy of them is kept in Opus's local history."
    : 'The current text becomes a revision you can return to.';
