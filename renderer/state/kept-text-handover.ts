import type { DocumentSnapshot, OpusApi, RestoredDocument } from '../opus.ts';
import { type KeptText, type KeptTexts, pairKept } from './kept-texts.ts';

/** A text the page kept now in a tab: the document that took it, and what happened to its file. */
export interface CarriedText {
  path: string;
  documentId: string;
  /** Dropbox moved past the text's base meanwhile: the tab goes straight to the conflict prompt. */
  remoteMoved: boolean;
  /** Its file was open in a tab already, on another base: the text came back in a second tab beside it. */
  beside?: true;
}

/** What became of the kept texts: those now in tabs, and those no tab could take (left kept). */
export interface HandOver {
  carried: CarriedText[];
  left: KeptText[];
}

/** Where the hand-over lands: the core, the kept texts, and the workspace's tabs. */
export interface HandOverTargets {
  opus: Pick<OpusApi, 'restoreKeptText'>;
  kept: KeptTexts;
  /** Whether a tab shows `path` already. */
  isOpen(path: string): boolean;
  /**
   * A tab on `snapshot` showing `text`, which main has still to hear: the page kept it. `beside`: a tab
   * on the same file is open already, so this one is told apart from it.
   */
  openKept(snapshot: DocumentSnapshot, keptText: KeptText, activate: boolean, beside?: boolean): void;
  /** A tab on a restored document with the text main restored. */
  openRestored(entry: RestoredDocument, activate: boolean): void;
}

/**
 * The journal's restored documents reopen as tabs, each with the newer text the page kept of it while
 * the browser host's helper was gone; a kept text the journal has no document for opens in a tab of
 * its own, on its base rev, and goes to the conflict prompt where Dropbox moved past it — beside the
 * file's tab when that is open already on another base, never only named in a notice.
 */
export async function handOverKept(
  restored: readonly RestoredDocument[],
  keptTexts: readonly KeptText[],
  to: HandOverTargets,
): Promise<HandOver> {
  const { paired, unpaired } = pairKept(restored, keptTexts);
  const carried: CarriedText[] = [];
  for (const [index, entry] of restored.entries()) {
    const activate = index === restored.length - 1 && unpaired.length === 0;
    const keptText = paired.get(entry.snapshot.documentId);
    if (keptText && keptText.text !== entry.text) to.openKept(entry.snapshot, keptText, activate);
    else {
      if (keptText) void to.kept.forget(keptText).catch(() => undefined);
      to.openRestored(entry, activate);
    }
    if (keptText) carried.push(carriedBy(keptText, entry.snapshot.documentId, entry.remoteMoved, false));
  }
  const left: KeptText[] = [];
  for (const keptText of unpaired) {
    // Its file open already, on another base: that tab stays as it is, and the text gets a tab of its
    // own beside it, on its own base, so each saves revision-checked and the later one meets the merge.
    const beside = to.isOpen(keptText.path);
    // Reopened on the rev it was typed on, as a journaled text is: where Dropbox moved on meanwhile (or
    // the file is gone), the tab goes to the conflict prompt. Refused (offline): it stays kept.
    const restoredText = await to.opus
      .restoreKeptText({ path: keptText.path, baseRev: keptText.baseRev, text: keptText.text })
      .catch(() => null);
    if (!restoredText) {
      left.push(keptText);
      continue;
    }
    const { snapshot, remoteMoved } = restoredText;
    to.openKept(snapshot, keptText, true, beside);
    carried.push(carriedBy(keptText, snapshot.documentId, remoteMoved, beside));
  }
  return { carried, left };
}

const carriedBy = (
  { path }: KeptText,
  documentId: string,
  remoteMoved: boolean,
  beside: boolean,
): CarriedText => ({ path, documentId, remoteMoved, ...(beside ? { beside: true } : {}) });
