import type { AutoSaveVerdict } from './auto-save-policy.ts';

export interface AutoSaverOptions {
  /** What the policy says of the document now (null: it has no tab any more). */
  verdict(documentId: string): AutoSaveVerdict | null;
  /** The one revision-checked save, exactly as Save runs it. */
  save(documentId: string): Promise<unknown>;
  /** How long a pause in editing is before it saves; null: edits do not save (on focus loss only). */
  delayMs: number | null;
}

/**
 * When auto-save saves: a debounce per document (each edit restarts its pause, so a pause makes one
 * save), at most one save of a document at a time, and edits made while one is on its way saved after
 * it by another pause. Whether it saves is the policy's (auto-save-policy.ts), asked as each pause ends.
 */
export class AutoSaver {
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #saving = new Set<string>();
  readonly #editedWhileSaving = new Set<string>();

  constructor(private readonly options: AutoSaverOptions) {}

  /** The user changed the document's text. */
  edited(documentId: string): void {
    if (this.#saving.has(documentId)) this.#editedWhileSaving.add(documentId);
    this.#pause(documentId);
  }

  /** Saves the document now if the policy lets it (a pause ended, the window lost focus). */
  attempt(documentId: string): void {
    if (this.#saving.has(documentId)) {
      this.#editedWhileSaving.add(documentId);
      return;
    }
    const verdict = this.options.verdict(documentId);
    if (!verdict) return;
    // A save by hand is on its way: ask again after another pause, once it has answered.
    if (!verdict.save) {
      if (verdict.hold === 'saving') this.#pause(documentId);
      return;
    }
    this.#saving.add(documentId);
    void this.options
      .save(documentId)
      .catch(() => undefined)
      .finally(() => {
        this.#saving.delete(documentId);
        if (this.#editedWhileSaving.delete(documentId)) this.#pause(documentId);
      });
  }

  stop(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  #pause(documentId: string): void {
    const { delayMs } = this.options;
    if (delayMs === null) return;
    clearTimeout(this.#timers.get(documentId));
    this.#timers.set(
      documentId,
      setTimeout(() => {
        this.#timers.delete(documentId);
        this.attempt(documentId);
      }, delayMs),
    );
  }
}
