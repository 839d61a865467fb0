import { useCallback, useEffect, useRef, useState } from 'react';
import {
  type DocumentSnapshot,
  describeError,
  type OpusApi,
  type RemoteFile,
  type SaveResult,
} from '../opus.ts';
import { type SaveState, saveStateFrom } from './save-state.ts';

/** Journal the text about a second after typing stops (PRODUCT §2: nothing typed is ever lost). */
const NOTE_EDIT_DELAY_MS = 1000;

export interface OpenDocument {
  /** What the editor loaded; replaced only when the text itself is replaced (open, reload). */
  snapshot: DocumentSnapshot;
  /** Dropbox's file as of the last open or save: the rev the next save is checked against. */
  remote: RemoteFile;
  dirty: boolean;
}

export interface DocumentControls {
  document: OpenDocument | null;
  saveState: SaveState;
  opening: boolean;
  open(path: string): Promise<boolean>;
  /** The editor calls this on every change; the text is read lazily through `getText`. */
  edited(): void;
  save(confirmed?: boolean): Promise<SaveResult | null>;
  saveAs(path: string, overwrite?: boolean): Promise<SaveResult | null>;
  dismissSaveState(): void;
  /** A conflict was resolved: the editor takes this snapshot (take theirs, save a copy). */
  adopt(snapshot: DocumentSnapshot, saveState?: SaveState): void;
  /** A conflict was resolved by saving the editor's text (keep mine, a reviewed merge). */
  markSaved(remote: RemoteFile): void;
  showSaveState(state: SaveState): void;
  close(): Promise<void>;
}

export function useDocument(opus: OpusApi, getText: () => string): DocumentControls {
  const [document, setDocument] = useState<OpenDocument | null>(null);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [opening, setOpening] = useState(false);
  const current = useRef<OpenDocument | null>(null);
  current.current = document;
  const noteTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Counts edits, so a save that finishes while the user kept typing does not mark the text clean.
  const editVersion = useRef(0);

  const cancelNote = useCallback(() => clearTimeout(noteTimer.current), []);
  useEffect(() => cancelNote, [cancelNote]);

  useEffect(
    () =>
      opus.onDocumentReloaded(({ snapshot }) => {
        if (snapshot.documentId !== current.current?.snapshot.documentId) return;
        setDocument({ snapshot, remote: snapshot.remote, dirty: false });
        setSaveState({ kind: 'idle' });
      }),
    [opus],
  );

  const open = useCallback(
    async (path: string) => {
      setOpening(true);
      try {
        const snapshot = await opus.openDocument({ path });
        const previous = current.current;
        cancelNote();
        if (previous && previous.snapshot.documentId !== snapshot.documentId) {
          // One document at a time until tabs arrive; its journal entry stays if it was dirty.
          await opus.closeDocument({ documentId: previous.snapshot.documentId }).catch(() => {});
        }
        editVersion.current = 0;
        setDocument({ snapshot, remote: snapshot.remote, dirty: false });
        setSaveState({ kind: 'idle' });
        return true;
      } catch (error) {
        setSaveState({ kind: 'error', message: describeError(error) });
        return false;
      } finally {
        setOpening(false);
      }
    },
    [opus, cancelNote],
  );

  const edited = useCallback(() => {
    const doc = current.current;
    if (!doc) return;
    editVersion.current++;
    if (!doc.dirty) setDocument({ ...doc, dirty: true });
    cancelNote();
    const { documentId } = doc.snapshot;
    noteTimer.current = setTimeout(() => {
      opus.noteEdit({ documentId, text: getText() }).catch((error: unknown) => {
        setSaveState({ kind: 'error', message: describeError(error) });
      });
    }, NOTE_EDIT_DELAY_MS);
  }, [opus, getText, cancelNote]);

  /** Runs one save call and folds its result into the document and the status bar. */
  const run = useCallback(
    async (call: (documentId: string, text: string) => Promise<SaveResult>) => {
      const doc = current.current;
      if (!doc) return null;
      const version = editVersion.current;
      setSaveState({ kind: 'saving' });
      try {
        const result = await call(doc.snapshot.documentId, getText());
        if (result.kind === 'saved') {
          setDocument((latest) =>
            latest && latest.snapshot.documentId === doc.snapshot.documentId
              ? { ...latest, remote: result.remote, dirty: editVersion.current !== version }
              : latest,
          );
        }
        setSaveState(saveStateFrom(result));
        return result;
      } catch (error) {
        setSaveState({ kind: 'error', message: describeError(error) });
        return null;
      }
    },
    [getText],
  );

  const save = useCallback(
    async (confirmed?: boolean) => {
      cancelNote();
      return run((documentId, text) =>
        opus.saveDocument(confirmed ? { documentId, text, confirmed } : { documentId, text }),
      );
    },
    [opus, run, cancelNote],
  );

  const saveAs = useCallback(
    (path: string, overwrite?: boolean) => {
      cancelNote();
      return run((documentId, text) =>
        opus.saveDocumentAs(overwrite ? { documentId, path, text, overwrite } : { documentId, path, text }),
      );
    },
    [opus, run, cancelNote],
  );

  const dismissSaveState = useCallback(() => setSaveState({ kind: 'idle' }), []);

  const adopt = useCallback(
    (snapshot: DocumentSnapshot, state: SaveState = { kind: 'idle' }) => {
      cancelNote();
      editVersion.current = 0;
      setDocument({ snapshot, remote: snapshot.remote, dirty: false });
      setSaveState(state);
    },
    [cancelNote],
  );

  const markSaved = useCallback((remote: RemoteFile) => {
    setDocument((latest) => (latest ? { ...latest, remote, dirty: false } : latest));
    setSaveState({ kind: 'saved', rev: remote.rev });
  }, []);

  const close = useCallback(async () => {
    const doc = current.current;
    if (!doc) return;
    cancelNote();
    setDocument(null);
    setSaveState({ kind: 'idle' });
    await opus.closeDocument({ documentId: doc.snapshot.documentId }).catch(() => {});
  }, [opus, cancelNote]);

  return {
    close,
    document,
    saveState,
    opening,
    open,
    edited,
    save,
    saveAs,
    dismissSaveState,
    adopt,
    markSaved,
    showSaveState: setSaveState,
  };
}
