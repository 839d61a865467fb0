import type { AutoSave } from '../../electron/common/contract/shapes.ts';
import { isUntitled, type OpenDocument } from './open-document.ts';

/**
 * Why auto-save leaves a document alone. Each of these is a state the user must see and decide on
 * (ARCHITECTURE.md, "A document's life"); saving by itself past one would decide for them.
 */
export type AutoSaveHold =
  | 'off'
  /** No file yet: its first save asks for a name (Save As). */
  | 'untitled'
  /** Nothing to save. */
  | 'clean'
  /** A save is on its way: the next one waits for its answer, so saves never overtake each other. */
  | 'saving'
  | 'conflict'
  /** Dropbox has a newer version (the banner): a save now would only meet the conflict. */
  | 'remote_changed'
  /** An offline save waits to be sent; main sends it when Dropbox is back. */
  | 'pending_upload'
  /** The guard rail (emptied or mostly removed) or the encoding refusal asked, or was answered "no". */
  | 'question'
  /** The last save failed: the words stay until the user saves by hand. */
  | 'failed'
  /** Text recovered after a crash: the user looks at it and saves it by hand the first time. */
  | 'restored';

export type AutoSaveVerdict = { save: true } | { save: false; hold: AutoSaveHold };

type Judged = Pick<OpenDocument, 'remote' | 'dirty' | 'saveState' | 'remoteChange' | 'restored'>;

const hold = (why: AutoSaveHold): AutoSaveVerdict => ({ save: false, hold: why });

/**
 * Whether auto-save saves `doc` now. `pendingUpload`: main holds an offline save of it
 * (the connection's news), which a save state does not always say.
 */
export function autoSaveVerdict(
  doc: Judged,
  mode: AutoSave['mode'],
  pendingUpload: boolean,
): AutoSaveVerdict {
  if (mode === 'off') return hold('off');
  if (isUntitled(doc.remote)) return hold('untitled');
  const state = doc.saveState.kind;
  if (state === 'conflict') return hold('conflict');
  if (doc.remoteChange) return hold('remote_changed');
  if (state === 'pending' || pendingUpload) return hold('pending_upload');
  if (state === 'needs_confirmation' || state === 'unwritable') return hold('question');
  if (state === 'error') return hold('failed');
  if (state === 'saving') return hold('saving');
  if (doc.restored) return hold('restored');
  if (!doc.dirty) return hold('clean');
  return { save: true };
}

/** The holds the status bar names: the ones the user has to act on before auto-save goes on. */
const STOPPED: Partial<Record<AutoSaveHold, string>> = {
  conflict: 'the document is in conflict with Dropbox',
  remote_changed: 'Dropbox has a newer version',
  pending_upload: 'an offline save waits to be sent',
  question: 'a save is waiting for your answer',
  failed: 'the last save failed',
  restored: 'recovered text is saved by hand the first time',
  untitled: 'a new document is saved by hand the first time, to give it a name',
};

/** What the status bar says of auto-save for the active document (null: off, nothing said). */
export function autoSaveWords(
  setting: AutoSave,
  verdict: AutoSaveVerdict | null,
): { words: string; title: string; stopped: boolean } | null {
  if (setting.mode === 'off') return null;
  const when =
    setting.mode === 'delay'
      ? `Saves ${setting.delayMs / 1000} s after you stop typing`
      : 'Saves when the window loses focus';
  const why = verdict && !verdict.save ? STOPPED[verdict.hold] : undefined;
  return why
    ? { words: 'Auto-save paused', title: `Auto-save is paused: ${why}.`, stopped: true }
    : { words: 'Auto-save on', title: `Auto-save on. ${when}.`, stopped: false };
}
