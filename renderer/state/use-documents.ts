import { startTransition, useCallback, useMemo, useReducer, useRef, useState } from 'react';
import { helperStoppedSentence } from '../messages.ts';
import {
  type DocumentSnapshot,
  describeError,
  type Encoding,
  errorKind,
  type OpusApi,
  type RemoteFile,
  type RestoredDocument,
  type SaveResult,
  unwritableOf,
} from '../opus.ts';
import {
  activeDocument,
  type DocumentsAction,
  type DocumentsState,
  documentById,
  documentsReducer,
  NO_DOCUMENTS,
} from './documents-state.ts';
import { EditLoop } from './edit-loop.ts';
import { HelperOutage, helperStopped } from './helper-outage.ts';
import { type HandOver, handOverKept } from './kept-text-handover.ts';
import { type KeptText, pageKeptTexts } from './kept-texts.ts';
import type { OpenDocument } from './open-document.ts';
import type { SaveState, SaveTarget } from './save-state.ts';
import { useDocumentNews } from './use-document-news.ts';

/** A save's answer; `exists`: Save As found a file at its path, wrote nothing, and may ask to replace it. */
export type SaveOutcome = SaveResult | { kind: 'exists' } | null;

export interface DocumentsControls {
  state: DocumentsState;
  active: OpenDocument | null;
  opening: boolean;
  /**
   * Opens `path` in a new tab, or shows its tab when it is already open; throws what the core refused.
   * `answer` is the core's answer when it was asked already (a link, at start).
   */
  open(path: string, answer?: Promise<DocumentSnapshot>): Promise<void>;
  /** A new, untitled document in a tab of its own; throws what the core refused. */
  create(): Promise<void>;
  /**
   * Tabs for documents the core recovered from its journal after a crash, each with the newer text the
   * page kept of it while the browser host's helper was gone (`kept`), and the kept texts no restored
   * document took in tabs of their own (kept-text-handover.ts).
   */
  openRestored(restored: readonly RestoredDocument[], kept?: readonly KeptText[]): Promise<HandOver>;
  /** What the page kept while the browser host's helper was gone (none in Electron). */
  keptTexts(): Promise<KeptText[]>;
  activate(documentId: string): void;
  /** Carries every change of a tab's text to main; the editor pane attaches each tab's model to it. */
  loop: EditLoop;
  /**
   * Every edit made so far is in main: resolves with the editor's version main holds. Before anything
   * main does with the text (save, merge, a conflict's choice, a revision restored over it).
   */
  flush(documentId: string): Promise<number>;
  /** `encoding`: written in it (Save with Encoding…, Save as UTF-8), which becomes the document's. */
  save(documentId: string, confirmed?: boolean, encoding?: Encoding): Promise<SaveOutcome>;
  /** `exists`: without `overwrite`, a file is there already; nothing was written (ask to replace it). */
  saveAs(documentId: string, path: string, overwrite?: boolean, encoding?: Encoding): Promise<SaveOutcome>;
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
export function useDocuments(opus: OpusApi, first?: DocumentSnapshot): DocumentsControls {
  // `first`: a document already opened for the page (a link): it is in the very first render's tab.
  const [state, dispatchToReact] = useReducer(documentsReducer, first, (snapshot) =>
    snapshot ? documentsReducer(NO_DOCUMENTS, { type: 'opened', snapshot, activate: true }) : NO_DOCUMENTS,
  );
  const [opening, setOpening] = useReducer((_: boolean, next: boolean) => next, false);
  const latest = useRef(state);
  // The state after every action so far, at once: React applies them at its next render (a transition
  // even later), but a decision made meanwhile (is this path open already?) must see them all.
  const dispatch = useCallback((action: DocumentsAction) => {
    latest.current = documentsReducer(latest.current, action);
    dispatchToReact(action);
  }, []);
  const [kept] = useState(pageKeptTexts);
  const [{ loop, outage }] = useState(() => {
    const outage = new HelperOutage(kept, (documentId) => {
      const doc = documentById(latest.current, documentId);
      const text = loop.textOf(documentId);
      return doc && text !== null ? { path: doc.remote.path, baseRev: doc.remote.rev, text } : null;
    });
    const loop = new EditLoop(opus, {
      baseRevOf: (documentId) => documentById(latest.current, documentId)?.remote.rev ?? null,
      // A transition: the tab's dot, the title and the status bar follow the key, after it is painted,
      // not inside the keystroke's own frame (npm run bench, editor ready).
      onChange: (documentId) => {
        outage.changed(documentId);
        if (documentById(latest.current, documentId)?.dirty === false)
          startTransition(() => dispatch({ type: 'edited', documentId }));
      },
      onSettled: (documentId, _version, dirty) => {
        outage.answered(documentId);
        dispatch({ type: 'dirty', documentId, dirty });
      },
      onError: (documentId, error) => {
        const message = (words: string) =>
          dispatch({ type: 'saveState', documentId, state: { kind: 'error', message: words } });
        if (!helperStopped(error)) return message(describeError(error));
        const name = documentById(latest.current, documentId)?.remote.name ?? null;
        void outage.stopped(documentId).then((wasKept) => message(helperStoppedSentence(name, wasKept)));
      },
    });
    return { loop, outage };
  });
  useDocumentNews(opus, loop, latest, dispatch);

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
        // Opened meanwhile in a tab of its own (a restored document, as a link to it arrived): that tab
        // it is, and main lets go of the second copy.
        const twin = latest.current.docs.find(
          (doc) =>
            doc.remote.pathLower === snapshot.remote.pathLower &&
            doc.snapshot.documentId !== snapshot.documentId,
        );
        if (twin) {
          dispatch({ type: 'activate', documentId: twin.snapshot.documentId });
          void opus.closeDocument({ documentId: snapshot.documentId }).catch(() => undefined);
          return;
        }
        dispatch({ type: 'opened', snapshot, activate: true });
      } finally {
        setOpening(false);
      }
    },
    [opus, dispatch],
  );

  const create = useCallback(async () => {
    const snapshot = await opus.newDocument();
    dispatch({ type: 'opened', snapshot, activate: true });
  }, [opus, dispatch]);

  const openRestored = useCallback(
    (restored: readonly RestoredDocument[], keptTexts: readonly KeptText[] = []) =>
      handOverKept(restored, keptTexts, {
        opus,
        kept,
        isOpen: (path) => latest.current.docs.some((doc) => doc.remote.pathLower === path.toLowerCase()),
        openKept: (snapshot, keptText, activate, beside) => {
          loop.sendWholeOnAttach(snapshot.documentId);
          outage.handingOver(snapshot.documentId, keptText);
          dispatch({ type: 'opened', snapshot, restoredText: keptText.text, activate, beside });
        },
        openRestored: (entry, activate) =>
          dispatch({ type: 'opened', snapshot: entry.snapshot, restoredText: entry.text, activate }),
      }),
    [opus, kept, loop, outage, dispatch],
  );

  /**
   * Runs one save call and folds its result into the tab and the status bar. Characters the encoding
   * cannot hold are a state of their own, which asks about another encoding (`target`: Save As's).
   */
  const run = useCallback(
    async (
      documentId: string,
      call: (version: number, baseRev: string) => Promise<SaveResult>,
      target: SaveTarget | null = null,
    ) => {
      const doc = documentById(latest.current, documentId);
      if (!doc) return null;
      dispatch({ type: 'saveState', documentId, state: { kind: 'saving' } });
      try {
        // Exactly what the editor shows as Save is pressed: every edit up to now goes first.
        const version = await loop.flush(documentId);
        const result = await call(version, doc.remote.rev);
        dispatch({ type: 'saveFinished', documentId, result });
        return result;
      } catch (error) {
        // Save As onto a file that is there already: not a failure but a question (replace it?).
        if (target && !target.overwrite && errorKind(error) === 'conflict') {
          dispatch({ type: 'saveState', documentId, state: { kind: 'idle' } });
          return { kind: 'exists' } as const;
        }
        const unwritable = unwritableOf(error);
        const state: SaveState = unwritable
          ? { kind: 'unwritable', unwritable, target }
          : { kind: 'error', message: describeError(error) };
        dispatch({ type: 'saveState', documentId, state });
        return null;
      }
    },
    [loop, dispatch],
  );

  const save = useCallback(
    (documentId: string, confirmed?: boolean, encoding?: Encoding) =>
      run(documentId, (version, baseRev) =>
        opus.saveDocument({
          documentId,
          version,
          baseRev,
          ...(confirmed ? { confirmed } : {}),
          ...(encoding ? { encoding } : {}),
        }),
      ),
    [opus, run],
  );

  const saveAs = useCallback(
    (documentId: string, path: string, overwrite?: boolean, encoding?: Encoding) =>
      run(
        documentId,
        (version) =>
          opus.saveDocumentAs({
            documentId,
            version,
            path,
            ...(overwrite ? { overwrite } : {}),
            ...(encoding ? { encoding } : {}),
          }),
        { path, overwrite: overwrite ?? false },
      ),
    [opus, run],
  );

  const close = useCallback(
    async (documentId: string) => {
      loop.detach(documentId);
      dispatch({ type: 'closed', documentId });
      await opus.closeDocument({ documentId }).catch(() => {});
    },
    [opus, loop, dispatch],
  );

  const adopt = useCallback(
    (snapshot: DocumentSnapshot, saveState?: SaveState) => {
      dispatch({ type: 'reloaded', snapshot, ...(saveState ? { saveState } : {}) });
    },
    [dispatch],
  );

  const markSaved = useCallback(
    (documentId: string, remote: RemoteFile) => {
      dispatch({ type: 'saved', documentId, remote });
    },
    [dispatch],
  );

  const forgetAll = useCallback(() => {
    for (const doc of latest.current.docs) loop.detach(doc.snapshot.documentId);
    dispatch({ type: 'closeAll' });
  }, [loop, dispatch]);

  return useMemo(
    () => ({
      state,
      active: activeDocument(state),
      opening,
      open,
      create,
      openRestored,
      keptTexts: () => kept.all().catch(() => []),
      activate: (documentId: string) => dispatch({ type: 'activate', documentId }),
      loop,
      flush: (documentId: string) => loop.flush(documentId),
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
    [
      state,
      opening,
      open,
      create,
      openRestored,
      kept,
      loop,
      save,
      saveAs,
      close,
      adopt,
      markSaved,
      forgetAll,
      dispatch,
    ],
  );
}
