import { useCallback, useEffect, useState } from 'react';
import type { CommandId } from '../commands.ts';
import { folderNotOpenedSentence } from '../messages.ts';
import { type DocumentSnapshot, describeError, type Encoding, errorKind, type OpusApi } from '../opus.ts';
import { checkForUpdates } from './check-for-updates.ts';
import type { ConflictSides, ConflictView, Resolution } from './conflict-sides.ts';
import { documentById } from './documents-state.ts';
import { downloadToComputer } from './download-to-computer.ts';
import { copyDropboxLink, showInDropbox } from './dropbox-link.ts';
import { narrowNotice } from './notice-facts.ts';
import { isUntitled } from './open-document.ts';
import { takeResolution } from './resolution-taken.ts';
import { carriedOf, type SaveAtOptions } from './save-at.ts';
import type { DocumentsControls } from './use-documents.ts';
import { runCommand } from './workspace-commands.ts';
import { type Closing, type Notice, sidesOf, type WorkspaceDialog } from './workspace-dialog.ts';

export interface WorkspaceControls {
  dialog: WorkspaceDialog | null;
  notice: Notice | null;
  setDialog(dialog: WorkspaceDialog | null): void;
  setNotice(notice: Notice | null): void;
  /** Runs a menu, palette or keyboard command against the active tab. */
  run(command: CommandId): void;
  /** Opens `path`; `answer` is the core's answer when it was already asked (a link, at start). */
  openPath(path: string, answer?: Promise<DocumentSnapshot>): Promise<void>;
  /** `encoding`: written in it (Save with Encoding…, Save as UTF-8), which becomes the document's. */
  save(documentId: string, confirmed?: boolean, encoding?: Encoding): Promise<boolean>;
  /** `closing`: Save As answered the close question for a document with no file yet. */
  saveAt(documentId: string, path: string, options?: SaveAtOptions): Promise<void>;
  /** Asks about unsaved changes first; closes at once when there are none. */
  requestClose(documentId: string): void;
  /** The close question's Save: the tab closes only when the save landed. */
  saveAndClose(documentId: string): Promise<void>;
  /** The close question's Don't Save: the tab closes and its unsaved text is dropped. */
  discardAndClose(documentId: string): Promise<void>;
  /** The close question's Cancel: the tab stays, and so does the window if it was closing. */
  cancelClose(): void;
  showConflict(sides: ConflictSides, view: ConflictView): void;
  fromBanner(documentId: string, view: ConflictView): void;
  resolved(documentId: string, result: Resolution, text: string): void;
  /** The sign-out question's Sign Out: the account signs out and every tab closes. */
  signOut(): void;
}

const signOutNow = (opus: OpusApi, setNotice: (notice: Notice) => void) => {
  opus.signOut().catch((error: unknown) => setNotice({ tone: 'error', message: describeError(error) }));
};

/** What the workspace does: commands, dialogs and the save/close/conflict flows around the tabs. */
export function useWorkspace(
  opus: OpusApi,
  docs: DocumentsControls,
  getText: (documentId: string) => string | null,
  nativeDialogs: boolean,
  togglePreview: (documentId: string) => void,
): WorkspaceControls {
  const [dialog, setDialog] = useState<WorkspaceDialog | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  // Closing every tab, or the window: each unsaved tab is asked about in turn, then all go.
  const [closingAll, setClosingAll] = useState<Exclude<Closing, 'tab'> | null>(null);
  // An answer to the close question is being carried out: the next question waits for it.
  const [settling, setSettling] = useState(false);
  const active = docs.active;
  const activeId = active?.snapshot.documentId ?? null;
  const openDocs = docs.state.docs;
  // A notice about tabs says only what is still true of them (saved, replaced, closed: it narrows).
  useEffect(() => setNotice((old) => narrowNotice(old, openDocs)), [openDocs]);

  const showConflict = useCallback(
    (sides: ConflictSides, view: ConflictView) =>
      setDialog((old) => ({
        kind: 'conflict',
        sides,
        view,
        attempt: (old?.kind === 'conflict' ? old.attempt : 0) + 1,
      })),
    [],
  );

  const save = async (documentId: string, confirmed?: boolean, encoding?: Encoding) => {
    const doc = documentById(docs.state, documentId);
    if (!doc) return false;
    // No file on Dropbox yet: its first save asks where to keep it.
    if (isUntitled(doc.remote)) {
      setDialog({ kind: 'saveAs', documentId });
      return false;
    }
    const result = await docs.save(documentId, confirmed, encoding);
    if (result?.kind === 'conflict') showConflict(sidesOf(result.conflict, doc.remote.path), 'choose');
    return result?.kind === 'saved';
  };

  const saveAt = async (documentId: string, path: string, options: SaveAtOptions = {}) => {
    const { overwrite, closing, encoding } = options;
    const work = async () => {
      const result = await docs.saveAs(documentId, path, overwrite, encoding);
      // Without `overwrite` an existing file is refused: ask before replacing it.
      if (result?.kind === 'exists')
        return setDialog({ kind: 'replace', documentId, path, ...carriedOf({ closing, encoding }) });
      if (!closing) return;
      if (result?.kind === 'saved') await docs.close(documentId);
      // A failure keeps the tab, and the window with it.
      else setClosingAll(null);
    };
    if (closing) return settle(work);
    setDialog(null);
    await work();
  };

  const openPath = async (path: string, answer?: Promise<DocumentSnapshot>) => {
    setDialog(null);
    try {
      await docs.open(path, answer);
      // An earlier failure's words go; a notice about other tabs stays while it is true.
      setNotice((old) => (old?.about ? old : null));
    } catch (error) {
      // Dropbox says only that it is no file: a folder is said as one, and shown to choose from.
      if (errorKind(error) === 'invalid_request' && (await isFolder(opus, path))) {
        setNotice({ tone: 'info', message: folderNotOpenedSentence(path) });
        return setDialog({ kind: 'open', folder: path });
      }
      setNotice({ tone: 'error', message: describeError(error, { path, opening: true }) });
    }
  };

  const requestClose = (documentId: string) => {
    const doc = documentById(docs.state, documentId);
    if (!doc) return;
    if (doc.dirty) {
      // Show what is about to be closed while asking about it.
      docs.activate(documentId);
      setDialog({ kind: 'closeTab', documentId, closing: 'tab' });
    } else void docs.close(documentId);
  };

  const settle = async (work: () => Promise<void>) => {
    setSettling(true);
    setDialog(null);
    try {
      await work();
    } finally {
      setSettling(false);
    }
  };

  const saveAndClose = (documentId: string) => {
    const doc = documentById(docs.state, documentId);
    // No file on Dropbox yet: Save As asks where, and the tab closes once it is saved there.
    if (doc && isUntitled(doc.remote)) {
      const closing = dialog?.kind === 'closeTab' ? dialog.closing : 'tab';
      setDialog({ kind: 'saveAs', documentId, closing });
      return Promise.resolve();
    }
    return settle(async () => {
      if (await save(documentId)) await docs.close(documentId);
      // A conflict or a failure keeps the tab, and the window with it.
      else setClosingAll(null);
    });
  };

  const discardAndClose = (documentId: string) => settle(() => docs.close(documentId));

  const cancelClose = () => {
    setDialog(null);
    setClosingAll(null);
  };

  const nextUnsaved = docs.state.docs.find((doc) => doc.dirty)?.snapshot.documentId ?? null;
  useEffect(() => {
    if (!closingAll || settling || dialog !== null) return;
    if (nextUnsaved) {
      docs.activate(nextUnsaved);
      setDialog({ kind: 'closeTab', documentId: nextUnsaved, closing: closingAll });
      return;
    }
    setClosingAll(null);
    if (closingAll === 'window') opus.closeWindow().catch(() => {});
    else if (closingAll === 'signOut') signOutNow(opus, setNotice);
    else for (const doc of docs.state.docs) void docs.close(doc.snapshot.documentId);
  }, [closingAll, settling, dialog, nextUnsaved, docs, opus]);

  const fromBanner = (documentId: string, view: ConflictView) => {
    const doc = documentById(docs.state, documentId);
    const change = doc?.remoteChange;
    if (!doc || !change?.remote) return;
    showConflict(
      {
        documentId,
        path: doc.remote.path,
        baseRev: doc.remote.rev,
        remote: change.remote,
        remoteText: null,
        myChanges: null,
      },
      view,
    );
  };

  const resolved = (documentId: string, result: Resolution, text: string) => {
    const doc = documentById(docs.state, documentId);
    if (!doc) return;
    if (result.kind === 'conflict') {
      // Dropbox moved again while the dialog was open: ask again about the newest version.
      docs.showSaveState(documentId, { kind: 'conflict', remote: result.remote });
      if (dialog?.kind === 'conflict') {
        showConflict({ ...dialog.sides, remote: result.remote, remoteText: null, myChanges: null }, 'choose');
      }
      return;
    }
    setDialog(null);
    docs.dismissRemote(documentId);
    takeResolution(docs, doc, result, text, getText(documentId));
  };

  const newFile = async () => {
    try {
      await docs.create();
      setNotice((old) => (old?.about ? old : null));
    } catch (error) {
      setNotice({ tone: 'error', message: describeError(error) });
    }
  };

  /** Download and Revision History need the file on Dropbox: an untitled tab has none yet. */
  const onDropbox = (documentId: string) => {
    const doc = documentById(docs.state, documentId);
    if (!doc || !isUntitled(doc.remote)) return true;
    setNotice({
      tone: 'info',
      message: `${doc.remote.name} is not on Dropbox yet. Save it first (Save As… chooses where).`,
    });
    return false;
  };

  const download = async (documentId: string) => {
    const doc = documentById(docs.state, documentId);
    if (!doc) return;
    try {
      const result = await downloadToComputer(opus, doc.remote.path, nativeDialogs);
      if (result.saved) setNotice({ tone: 'info', message: `Downloaded ${result.name} to this computer.` });
    } catch (error) {
      setNotice({ tone: 'error', message: describeError(error) });
    }
  };

  // Every tab closes on sign-out: unsaved ones are asked about first, and with none it is still confirmed.
  const requestSignOut = () =>
    docs.state.docs.some((doc) => doc.dirty) ? setClosingAll('signOut') : setDialog({ kind: 'signOut' });

  const signOut = () => {
    setDialog(null);
    signOutNow(opus, setNotice);
  };

  const run = (command: CommandId) =>
    runCommand(command, {
      activeId,
      setDialog,
      closeAll: setClosingAll,
      newFile: () => void newFile(),
      requestSignOut,
      checkForUpdates: () => void checkForUpdates(opus, setNotice),
      save: (documentId) => void save(documentId),
      requestClose,
      download: (documentId) => void (onDropbox(documentId) && download(documentId)),
      onDropbox,
      togglePreview,
      dropboxLink: (documentId, command) => {
        const file = documentById(docs.state, documentId)?.remote;
        const act = command === 'copyDropboxLink' ? copyDropboxLink : showInDropbox;
        if (file) void act(opus, file).then((shown) => shown && setNotice(shown));
      },
    });

  return {
    dialog,
    notice,
    setDialog,
    setNotice,
    run,
    openPath,
    save,
    saveAt,
    requestClose,
    saveAndClose,
    discardAndClose,
    cancelClose,
    showConflict,
    fromBanner,
    resolved,
    signOut,
  };
}

const isFolder = (opus: OpusApi, path: string) =>
  opus.listFolder({ path }).then(
    () => true,
    () => false,
  );
