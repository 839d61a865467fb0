// The contract's types straight from it, not through ../opus.ts (which reaches for the page's window):
// the loop's property test runs it in Node against main's own documents service.
import type { OpusApi } from '../../electron/common/contract/api.ts';
import type { TextEdit } from '../../electron/common/contract/shapes.ts';

/** What the loop needs of a Monaco text model (monaco.editor.ITextModel). */
export interface EditedModel {
  getVersionId(): number;
  getValue(): string;
  onDidChangeContent(
    listener: (event: {
      versionId: number;
      changes: readonly { rangeOffset: number; rangeLength: number; text: string }[];
    }) => void,
  ): { dispose(): void };
}

/**
 * Edits reach main at most this long after a keystroke (nothing typed is ever lost: main journals them).
 * A throttle, not a debounce: someone typing without a pause is journaled this often too.
 */
const SEND_DELAY_MS = 300;
/** The first edit of a clean tab goes almost at once, so main knows it is dirty before any reload. */
const FIRST_SEND_DELAY_MS = 100;

interface Tracked {
  model: EditedModel;
  /** Edits made since the last send, each to the text the one before left. */
  pending: TextEdit[];
  /** The version main holds once everything sent has arrived; edits in `pending` start from it. */
  sent: number;
  /** Main's copy cannot be trusted (a send failed, main refused): the next send carries the whole text. */
  whole: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  /** Sends of one document, one after another: main applies them in the order they were made. */
  chain: Promise<void>;
  failure: unknown;
  /** Sends on their way. */
  inFlight: number;
  muted: boolean;
  stop(): void;
}

export interface EditLoopOptions {
  /** The rev the tab's text is based on, read as each send leaves. */
  baseRevOf(documentId: string): string | null;
  /** Every change of the text, for the tab's dot. */
  onChange(documentId: string): void;
  /** Main has every edit up to `version`, and judged the text then dirty or not (undo back: clean). */
  onSettled(documentId: string, version: number, dirty: boolean): void;
  onError(documentId: string, error: unknown): void;
}

/**
 * The edit loop: every change of a tab's Monaco model travels to main as the edit it is (offset, length,
 * text), batched, never as the whole text, so a keystroke costs the size of the edit and not of the
 * document. Main applies them to its own copy, which it journals and saves.
 */
export class EditLoop {
  readonly #tracked = new Map<string, Tracked>();
  /** Tabs whose first text main does not hold (a text the page kept while main was gone). */
  readonly #wholeOnAttach = new Set<string>();
  readonly #listeners = new Set<(documentId: string) => void>();

  constructor(
    private readonly opus: Pick<OpusApi, 'editDocument'>,
    private readonly options: EditLoopOptions,
  ) {}

  /** Follows a tab's model, whose text is the one main holds for the document. */
  attach(documentId: string, model: EditedModel): void {
    this.detach(documentId);
    const tracked: Tracked = {
      model,
      pending: [],
      sent: model.getVersionId(),
      whole: false,
      timer: null,
      chain: Promise.resolve(),
      failure: null,
      inFlight: 0,
      muted: false,
      stop: () => subscription.dispose(),
    };
    const subscription = model.onDidChangeContent((event) => {
      if (tracked.muted) return;
      // A multi-cursor edit's ranges all refer to the text before it: from the last one down, each
      // leaves the offsets of the ones still to apply where they were.
      const changes = [...event.changes].sort((a, b) => b.rangeOffset - a.rangeOffset);
      for (const change of changes)
        tracked.pending.push({ at: change.rangeOffset, remove: change.rangeLength, insert: change.text });
      const first = tracked.timer === null && tracked.pending.length === changes.length;
      this.options.onChange(documentId);
      for (const listener of this.#listeners) listener(documentId);
      if (tracked.timer === null)
        tracked.timer = setTimeout(
          () => void this.send(documentId),
          first ? FIRST_SEND_DELAY_MS : SEND_DELAY_MS,
        );
    });
    this.#tracked.set(documentId, tracked);
    if (this.#wholeOnAttach.delete(documentId)) {
      tracked.whole = true;
      tracked.timer = setTimeout(() => void this.send(documentId), FIRST_SEND_DELAY_MS);
    }
  }

  /** Every edit the user made in any tab, not main's replacements (auto-save). Returns the unsubscribe. */
  listen(listener: (documentId: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The tab's model, once attached, starts with a text main has not heard: it is sent whole. */
  sendWholeOnAttach(documentId: string): void {
    this.#wholeOnAttach.add(documentId);
  }

  /** The model's whole text now (null when the tab has no model). */
  textOf(documentId: string): string | null {
    return this.#tracked.get(documentId)?.model.getValue() ?? null;
  }

  detach(documentId: string): void {
    const tracked = this.#tracked.get(documentId);
    if (!tracked) return;
    if (tracked.timer) clearTimeout(tracked.timer);
    tracked.stop();
    this.#tracked.delete(documentId);
  }

  /**
   * Main set the text and the tab takes it (`replace` does): edits from before are superseded, and the
   * next ones start from the replaced text, which main holds.
   */
  replacing(documentId: string, replace: () => void): void {
    const tracked = this.#tracked.get(documentId);
    if (!tracked) {
      replace();
      return;
    }
    tracked.muted = true;
    try {
      replace();
    } finally {
      tracked.muted = false;
    }
    if (tracked.timer) clearTimeout(tracked.timer);
    tracked.timer = null;
    tracked.pending = [];
    tracked.whole = false;
    tracked.sent = tracked.model.getVersionId();
  }

  /** Whether edits are made but not yet in main. */
  busy(documentId: string): boolean {
    const tracked = this.#tracked.get(documentId);
    return (
      !!tracked &&
      (tracked.pending.length > 0 || tracked.timer !== null || tracked.whole || tracked.inFlight > 0)
    );
  }

  /** The model's version now. */
  versionOf(documentId: string): number | null {
    return this.#tracked.get(documentId)?.model.getVersionId() ?? null;
  }

  /** Sends what is pending now; resolves with the version main holds, every edit up to it applied. */
  async flush(documentId: string): Promise<number> {
    const tracked = this.#tracked.get(documentId);
    if (!tracked) throw new Error('That document has no editor.');
    this.send(documentId);
    await tracked.chain;
    if (tracked.failure !== null) {
      // Tried once more as a whole text: a save must not fail for an edit lost on the way.
      const failure = tracked.failure;
      tracked.failure = null;
      tracked.whole = true;
      this.send(documentId);
      await tracked.chain;
      if (tracked.failure !== null) throw failure;
    }
    return tracked.sent;
  }

  private send(documentId: string): void {
    const tracked = this.#tracked.get(documentId);
    if (!tracked) return;
    if (tracked.timer) clearTimeout(tracked.timer);
    tracked.timer = null;
    tracked.chain = tracked.chain.then(() => this.deliver(documentId, tracked));
  }

  private async deliver(documentId: string, tracked: Tracked): Promise<void> {
    if (tracked.pending.length === 0 && !tracked.whole) return;
    const baseRev = this.options.baseRevOf(documentId);
    if (baseRev === null) return;
    const version = tracked.model.getVersionId();
    const change = tracked.whole
      ? { kind: 'text' as const, text: tracked.model.getValue() }
      : { kind: 'edits' as const, from: tracked.sent, edits: tracked.pending };
    tracked.pending = [];
    tracked.whole = false;
    tracked.failure = null;
    tracked.inFlight++;
    try {
      const { applied, dirty } = await this.opus.editDocument({ documentId, baseRev, version, change });
      tracked.sent = version;
      tracked.inFlight--;
      if (applied) {
        if (!this.busy(documentId) && version === tracked.model.getVersionId())
          this.options.onSettled(documentId, version, dirty);
        return;
      }
      // Main no longer holds the version these edits start from: it gets the whole text instead.
      tracked.whole = true;
      return this.deliver(documentId, tracked);
    } catch (error) {
      tracked.inFlight--;
      tracked.whole = true;
      tracked.failure = error;
      this.options.onError(documentId, error);
    }
  }
}
