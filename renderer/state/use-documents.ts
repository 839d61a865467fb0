import { startTransition, useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import {
  type DocumentSnapshot,
  describeError,
  type OpusApi,
  type RemoteFile,
  type RestoredDocument,
  type SaveResult,
} from '../opus.ts';
import {
  activeDocument,
  type DocumentsState,
  documentsReducer,
  NO_DOCUMENTS,
  type OpenDocument,
} from './documents-state.ts';
import type { SaveState } from './save-state.ts';

/**
 * The text reaches the journal at most this long after a keystroke (PRODUCT §2: nothing typed is ever
 * lost). A throttle, not a debounce: someone typing without a pause is journaled every second too.
 */
const NOTE_EDIT_DELAY_MS = 1000;
/**
 * The first edit of a clean tab is noted almost at once, so main knows the document is dirty before a
 * remote change could reload it; not in the keystroke's own frame, though: serializing a large text
 * there would delay the key appearing (npm run bench, editor ready).
 */
const FIRST_NOTE_DELAY_MS = 100;

export interface DocumentsControls {
  state: DocumentsState;
  active: OpenDocument | null;
  opening: boolean;
  /**
   * Opens `path` in a new tab, or shows its tab when it is already open; throws what the core refused.
   * `answer` is the core's answer when it was asked already (a link, at start).
   */
  open(path: string, answer?: Promise<DocumentSnapshot>): Promise<void>;
  /** Tabs for documents the core recovered from its journal after a crash. */
  openRestored(restored: readonly RestoredDocument[]): void;
  activate(documentId: string): void;
  /** The editor calls this on every change; the text is read lazily through `getText`. */
  edited(documentId: string): void;
  save(documentId: string, confirmed?: boolean): Promise<SaveResult | null>;
  saveAs(documentId: string, path: string, overwrite?: boolean): Promise<SaveResult | null>;
  /** Closes the tab without asking: the caller has asked already. Unsaved text is discarded. */
  close(documentId: string): Promise<void>;
  /** A conflict was resolved or a revision restored: the editor takes this snapshot. */
  adopt(snapshot: DocumentSnapshot, saveState?: SaveState): void;
  /** A conflict was resolved by saving the editor's text (keep mine, a reviewed merge). */
  markSaved(documentId: string, remote: RemoteFile): void;
  showSaveState(documentId: string, state: SaveState): void;
  dismissRemote(documentId: string): void;
  /** The session ended (sign-out): forget every tab. */
  forgetAll(): void;
}

/**
 * The open documents, one per tab, and what happens to them: the contract's calls, the journal's
 * debounced notes, and the core's events about them (reloads, remote changes, pending uploads).
 */
export function useDocuments(
  opus: OpusApi,
  getText: (documentId: string) => string | null,
  first?: DocumentSnapshot,
): DocumentsControls {
  // `first`: a document already opened for the page (a link): it is in the very first render's tab.
  const [state, dispatch] = useReducer(documentsReducer, first, (snapshot) =>
    snapshot ? documentsReducer(NO_DOCUMENTS, { type: 'opened', snapshot, activate: true }) : NO_DOCUMENTS,
  );
  const [opening, setOpening] = useReducer((_: boolean, next: boolean) => next, false);
  const latest = useRef(state);
  latest.current = state;
  const noteTimers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  // Counts edits per document, so a save that finishes while the user kept typing does not mark it clean.
  const editVersions = useRef(new Map<string, number>());
  const versionAtPending = useRef(new Map<string, number>());
  const versionOf = useCallback((documentId: string) => editVersions.current.get(documentId) ?? 0, []);

  const cancelNote = useCallback((documentId: string) => {
    clearTimeout(noteTimers.current.get(documentId));
    noteTimers.current.delete(documentId);
  }, []);
  const notesInFlight = useRef(new Set<string>());

  /**
   * Sends the tab's text now, with the rev it is based on: if a silent reload in main overtook the
   * typing, main learns that this text belongs to the version the reload replaced.
   */
  const sendNote = useCallback(
    (documentId: string) => {
      cancelNote(documentId);
      const text = getText(documentId);
      const doc = latest.current.docs.find((d) => d.snapshot.documentId === documentId);
      if (text === null || !doc) return;
      notesInFlight.current.add(documentId);
      opus
        .noteEdit({ documentId, text, baseRev: doc.remote.rev })
        .catch((error: unknown) => {
          dispatch({
            type: 'saveState',
            documentId,
            state: { kind: 'error', message: describeError(error) },
          });
        })
        .finally(() => notesInFlight.current.delete(documentId));
    },
    [opus, getText, cancelNote],
  );
  useEffect(() => {
    const timers = noteTimers.current;
    return () => {
      for (const timer of timers.values()) clearTimeout(timer);
    };
  }, []);

  useEffect(() => {
    const stops = [
      opus.onDocumentReloaded(({ snapshot }) => {
        const { documentId } = snapshot;
        const doc = latest.current.docs.find((d) => d.snapshot.documentId === documentId);
        const typing =
          !!doc?.dirty || noteTimers.current.has(documentId) || notesInFlight.current.has(documentId);
        if (!typing) return dispatch({ type: 'reloaded', snapshot });
        // Main reloaded before it heard of the typing: keep the text, show the news, and tell main now
        // which rev the text is based on, so it puts that base back and the next save meets the conflict.
        dispatch({
          type: 'remoteChanged',
          change: { documentId, change: 'modified', remote: snapshot.remote },
        });
        sendNote(documentId);
      }),
      opus.onRemoteChanged((change) => dispatch({ type: 'remoteChanged', change })),
      opus.onPendingUploadChanged(({ documentId, state: pending, remote }) => {
        if (pending === 'uploaded' && remote) {
          const editedSince = versionOf(documentId) !== versionAtPending.current.get(documentId);
          dispatch({ type: 'saved', documentId, remote, editedSince });
        } else if (pending === 'conflict') {
          dispatch({ type: 'saveState', documentId, state: { kind: 'conflict', remote: remote ?? null } });
        } else if (pending === 'pending') {
          dispatch({ type: 'saveState', documentId, state: { kind: 'pending', reason: 'offline' } });
        }
      }),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  }, [opus, versionOf, sendNote]);

  const open = useCallback(
    async (path: string, answer?: Promise<DocumentSnapshot>) => {
      const already = latest.current.docs.find((doc) => doc.remote.pathLower === path.toLowerCase());
      if (already) {
        dispatch({ type: 'activate', documentId: already.snapshot.documentId });
        return;
      }
      setOpening(true);
      // A failure (binary file, not found, offline) is the caller's to show: no tab opens.
      try {
        const snapshot = await (answer ?? opus.openDocument({ path }));
        dispatch({ type: 'opened', snapshot, activate: true });
      } finally {
        setOpening(false);
      }
    },
    [opus],
  );

  const openRestored = useCallback((restored: readonly RestoredDocument[]) => {
    for (const [index, entry] of restored.entries()) {
      dispatch({
        type: 'opened',
        snapshot: entry.snapshot,
        restoredText: entry.text,
        activate: index === restored.length - 1,
      });
    }
  }, []);

  const edited = useCallback(
    (documentId: string) => {
      editVersions.current.set(documentId, versionOf(documentId) + 1);
      const wasClean = !latest.current.docs.find((d) => d.snapshot.documentId === documentId)?.dirty;
      // A transition: the tab's dot, the title and the status bar follow the key, after it is painted,
      // not inside the keystroke's own frame (npm run bench, editor ready).
      startTransition(() => dispatch({ type: 'edited', documentId }));
      // A note is already on its way: it reads the text when it fires, so it carries this edit too.
      if (noteTimers.current.has(documentId)) return;
      // The first edit of a clean tab goes at once, so main knows it is dirty before any reload can
      // come; later ones at most a second apart.
      noteTimers.current.set(
        documentId,
        setTimeout(() => sendNote(documentId), wasClean ? FIRST_NOTE_DELAY_MS : NOTE_EDIT_DELAY_MS),
      );
    },
    [versionOf, sendNote],
  );

  /** Runs one save call and folds its result into the tab and the status bar. */
  const run = useCallback(
    async (documentId: string, call: (text: string) => Promise<SaveResult>) => {
      const text = getText(documentId);
      if (text === null) return null;
      cancelNote(documentId);
      const version = versionOf(documentId);
      dispatch({ type: 'saveState', documentId, state: { kind: 'saving' } });
      try {
        const result = await call(text);
        if (result.kind === 'pending') versionAtPending.current.set(documentId, version);
        dispatch({
          type: 'saveFinished',
          documentId,
          result,
          editedSince: versionOf(documentId) !== version,
        });
        return result;
      } catch (error) {
        dispatch({ type: 'saveState', documentId, state: { kind: 'error', message: describeError(error) } });
        return null;
      }
    },
    [getText, cancelNote, versionOf],
  );

  const save = useCallback(
    (documentId: string, confirmed?: boolean) =>
      run(documentId, (text) =>
        opus.saveDocument(confirmed ? { documentId, text, confirmed } : { documentId, text }),
      ),
    [opus, run],
  );

  const saveAs = useCallback(
    (documentId: string, path: string, overwrite?: boolean) =>
      run(documentId, (text) =>
        opus.saveDocumentAs(overwrite ? { documentId, path, text, overwrite } : { documentId, path, text }),
      ),
    [opus, run],
  );

  const close = useCallback(
    async (documentId: string) => {
      cancelNote(documentId);
      editVersions.current.delete(documentId);
      dispatch({ type: 'closed', documentId });
      await opus.closeDocument({ documentId }).catch(() => {});
    },
    [opus, cancelNote],
  );

  const adopt = useCallback(
    (snapshot: DocumentSnapshot, saveState?: SaveState) => {
      cancelNote(snapshot.documentId);
      dispatch({ type: 'reloaded', snapshot, ...(saveState ? { saveState } : {}) });
    },
    [cancelNote],
  );

  const markSaved = useCallback((documentId: string, remote: RemoteFile) => {
    dispatch({ type: 'saved', documentId, remote, editedSince: false });
  }, []);

  const forgetAll = useCallback(() => {
    for (const timer of noteTimers.current.values()) clearTimeout(timer);
    noteTimers.current.clear();
    dispatch({ type: 'closeAll' });
  }, []);

  return useMemo(
    () => ({
      state,
      active: activeDocument(state),
      opening,
      open,
      openRestored,
      activate: (documentId: string) => dispatch({ type: 'activate', documentId }),
      edited,
      save,
      saveAs,
      close,
      adopt,
      markSaved,
      showSaveState: (documentId: string, saveState: SaveState) =>
        dispatch({ type: 'saveState', documentId, state: saveState }),
      dismissRemote: (documentId: string) => dispatch({ type: 'dismissRemote', documentId }),
      forgetAll,
    }),
    [state, opening, open, openRestored, edited, save, saveAs, close, adopt, markSaved, forgetAll],
  );
}
