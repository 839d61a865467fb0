import type { DocumentSnapshot, RemoteFile, SaveResult } from '../opus.ts';
import { type DocumentNews, takeNews } from './document-news.ts';
import type { OpenDocument, RemoteChange } from './open-document.ts';
import { type SaveState, saveStateFrom } from './save-state.ts';

export interface DocumentsState {
  docs: OpenDocument[];
  activeId: string | null;
}

export const NO_DOCUMENTS: DocumentsState = { docs: [], activeId: null };

export type DocumentsAction =
  /** `beside`: a text kept while the helper was stopped, in a second tab on a file open already. */
  | { type: 'opened'; snapshot: DocumentSnapshot; restoredText?: string; activate: boolean; beside?: boolean }
  | { type: 'activate'; documentId: string }
  | { type: 'closed'; documentId: string }
  | { type: 'edited'; documentId: string }
  /** Main judged the editor's current text (undo back to Dropbox's text is clean again). */
  | { type: 'dirty'; documentId: string; dirty: boolean }
  /** Main's news about the document; `current`: judged on the text the tab shows (documentStateChanged). */
  | { type: 'state'; news: DocumentNews; current: boolean }
  | { type: 'saveState'; documentId: string; state: SaveState }
  /** A save's answer: its rev and the status bar's words. Whether the tab is unsaved is main's news. */
  | { type: 'saveFinished'; documentId: string; result: SaveResult }
  | { type: 'reloaded'; snapshot: DocumentSnapshot; saveState?: SaveState }
  | { type: 'saved'; documentId: string; remote: RemoteFile }
  | { type: 'remoteChanged'; change: RemoteChange }
  | { type: 'dismissRemote'; documentId: string }
  | { type: 'closeAll' };

const update = (
  state: DocumentsState,
  documentId: string,
  change: (doc: OpenDocument) => OpenDocument,
): DocumentsState => {
  const index = state.docs.findIndex((doc) => doc.snapshot.documentId === documentId);
  const doc = state.docs[index];
  if (!doc) return state;
  const changed = change(doc);
  // Unchanged (typing in a tab already marked unsaved): the same state, so nothing re-renders.
  if (changed === doc) return state;
  const docs = [...state.docs];
  docs[index] = changed;
  return { ...state, docs };
};

/** The tab that becomes active when `documentId` closes: the one to its right, else to its left. */
function neighbour(state: DocumentsState, documentId: string): string | null {
  if (state.activeId !== documentId) return state.activeId;
  const index = state.docs.findIndex((doc) => doc.snapshot.documentId === documentId);
  const next = state.docs[index + 1] ?? state.docs[index - 1];
  return next ? next.snapshot.documentId : null;
}

export function documentsReducer(state: DocumentsState, action: DocumentsAction): DocumentsState {
  switch (action.type) {
    case 'opened': {
      const { documentId } = action.snapshot;
      const exists = state.docs.some((doc) => doc.snapshot.documentId === documentId);
      if (exists)
        return action.activate && state.activeId !== documentId ? { ...state, activeId: documentId } : state;
      const restored = action.restoredText !== undefined && action.restoredText !== action.snapshot.text;
      const doc: OpenDocument = {
        // The editor shows the recovered text; the core still holds the base it was written against.
        snapshot: restored ? { ...action.snapshot, text: action.restoredText as string } : action.snapshot,
        remote: action.snapshot.remote,
        dirty: restored,
        saveState: { kind: 'idle' },
        remoteChange: null,
        restored,
        ...(action.beside ? { keptBeside: true as const } : {}),
      };
      return {
        docs: [...state.docs, doc],
        activeId: action.activate || state.activeId === null ? documentId : state.activeId,
      };
    }
    case 'activate':
      // The same state when nothing changes: React then skips the render.
      return state.activeId !== action.documentId &&
        state.docs.some((doc) => doc.snapshot.documentId === action.documentId)
        ? { ...state, activeId: action.documentId }
        : state;
    case 'closed':
      return {
        docs: state.docs.filter((doc) => doc.snapshot.documentId !== action.documentId),
        activeId: neighbour(state, action.documentId),
      };
    case 'edited':
      return update(state, action.documentId, (doc) => (doc.dirty ? doc : { ...doc, dirty: true }));
    case 'dirty':
      return update(state, action.documentId, (doc) =>
        doc.dirty === action.dirty ? doc : { ...doc, dirty: action.dirty },
      );
    case 'state':
      return update(state, action.news.documentId, (doc) => takeNews(doc, action.news, action.current));
    case 'saveState':
      return update(state, action.documentId, (doc) => ({ ...doc, saveState: action.state }));
    case 'saveFinished':
      return update(state, action.documentId, (doc) => {
        const saveState = saveStateFrom(action.result);
        if (action.result.kind !== 'saved') return { ...doc, saveState };
        return {
          ...doc,
          remote: action.result.remote,
          saveState,
          remoteChange: null,
          restored: false,
          ...(action.result.format ? { format: action.result.format } : {}),
        };
      });
    case 'saved':
      return update(state, action.documentId, (doc) => ({
        ...doc,
        remote: action.remote,
        saveState: { kind: 'saved', rev: action.remote.rev },
        remoteChange: null,
        restored: false,
      }));
    case 'reloaded':
      return update(state, action.snapshot.documentId, (doc) => ({
        ...doc,
        snapshot: action.snapshot,
        remote: action.snapshot.remote,
        format: action.snapshot.format,
        // A text waiting to be sent (a reviewed merge chosen offline) is not on Dropbox yet.
        dirty: action.saveState?.kind === 'pending',
        saveState: action.saveState ?? { kind: 'idle' },
        remoteChange: null,
        restored: false,
      }));
    case 'remoteChanged':
      return update(state, action.change.documentId, (doc) => ({ ...doc, remoteChange: action.change }));
    case 'dismissRemote':
      return update(state, action.documentId, (doc) => ({ ...doc, remoteChange: null }));
    case 'closeAll':
      return NO_DOCUMENTS;
  }
}

export const activeDocument = (state: DocumentsState): OpenDocument | null =>
  state.docs.find((doc) => doc.snapshot.documentId === state.activeId) ?? null;

export const documentById = (state: DocumentsState, documentId: string): OpenDocument | null =>
  state.docs.find((doc) => doc.snapshot.documentId === documentId) ?? null;

/**
 * What each tab is called: the file name, and where two open files share a name, the folder too
 * (as editors do), so "notes.txt — Work" and "notes.txt — Home" can be told apart.
 */
export function tabLabels(docs: readonly OpenDocument[]): Map<string, string> {
  // The folders each name is open in: two tabs on one file (a kept text beside it) are not two folders.
  const byName = new Map<string, Set<string>>();
  for (const doc of docs) {
    const name = doc.remote.name.toLowerCase();
    byName.set(name, (byName.get(name) ?? new Set()).add(doc.remote.pathLower));
  }
  const labels = new Map<string, string>();
  for (const doc of docs) {
    const { name, path } = doc.remote;
    const folder = path.slice(0, path.lastIndexOf('/')) || '/';
    const twin = (byName.get(name.toLowerCase())?.size ?? 0) > 1;
    labels.set(
      doc.snapshot.documentId,
      doc.keptBeside ? `${name} — kept text` : twin ? `${name} — ${folder}` : name,
    );
  }
  return labels;
}
