import { errorKind } from '../opus.ts';
import type { KeptText, KeptTexts } from './kept-texts.ts';

/**
 * An edit main never answered: in the browser host only the helper process going away does that (an
 * edit reaches no Dropbox, so "offline" is the host's bridge saying the helper did not answer).
 */
export const helperStopped = (error: unknown): boolean => errorKind(error) === 'offline';

interface Write {
  again: boolean;
  done: Promise<boolean>;
}

/**
 * While the browser host's helper is gone, every change of a tab's text is kept in the page (the
 * kept texts) instead of main's journal; once a restarted helper has a kept text, it is forgotten.
 */
export class HelperOutage {
  #down = false;
  readonly #writes = new Map<string, Write>();
  /** Kept texts handed to main, by document: forgotten once main has answered an edit of it. */
  readonly #handedOver = new Map<string, KeptText>();

  constructor(
    private readonly store: KeptTexts,
    /** The tab's whole text and what it is based on; null once the tab is gone. */
    private readonly read: (documentId: string) => KeptText | null,
  ) {}

  /** An edit went unanswered: from now on the text is kept here. Resolves whether it was. */
  stopped(documentId: string): Promise<boolean> {
    this.#down = true;
    return this.keep(documentId);
  }

  changed(documentId: string): void {
    if (this.#down) void this.keep(documentId);
  }

  /** Main applied the document's edits: the helper is there, and has what was kept of it. */
  answered(documentId: string): void {
    this.#down = false;
    const kept = this.#handedOver.get(documentId);
    if (!kept) return;
    this.#handedOver.delete(documentId);
    void this.store.forget(kept).catch(() => undefined);
  }

  /** A tab opened with a kept text, which main has still to hear. */
  handingOver(documentId: string, kept: KeptText): void {
    this.#handedOver.set(documentId, kept);
  }

  /** Writes the tab's text now; a change made meanwhile is written once more after, so the last is kept. */
  private keep(documentId: string): Promise<boolean> {
    const writing = this.#writes.get(documentId);
    if (writing) {
      writing.again = true;
      return writing.done;
    }
    const write: Write = { again: false, done: Promise.resolve(false) };
    write.done = (async () => {
      for (;;) {
        write.again = false;
        const kept = this.read(documentId);
        const ok =
          kept !== null &&
          (await this.store.keep(kept).then(
            () => true,
            () => false,
          ));
        // Checked and removed in one step: a change after this starts a write of its own.
        if (!write.again) {
          this.#writes.delete(documentId);
          return ok;
        }
      }
    })();
    this.#writes.set(documentId, write);
    return write.done;
  }
}
