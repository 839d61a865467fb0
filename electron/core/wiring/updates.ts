import type { CommandResponse } from '../../common/contract/commands.ts';
import type { DocumentPhase, UpdateBlocker, UpdateState } from '../../common/contract/shapes.ts';
import type { Emit } from '../documents/context.ts';
import { isOpusError, OpusError } from '../errors.ts';
import { contractError, type Handlers } from './dispatch.ts';

/** What the release server said of this version. `inactive`: this copy cannot update itself. */
export type UpdateCheck =
  | { kind: 'available'; version: string }
  | { kind: 'up_to_date'; version: string }
  | { kind: 'inactive' };

/**
 * The updater as the core needs it (electron/shell/updates.ts adapts electron-updater to it). Failures are
 * OpusErrors with a kind: `offline` when the server cannot be reached.
 */
export interface UpdaterPort {
  check(): Promise<UpdateCheck>;
  /** Downloads the version the last check found; `onProgress` hears the percent as bytes arrive. */
  download(onProgress: (percent: number) => void): Promise<void>;
  /** Quits Opus, installs the downloaded version and starts it again. */
  quitAndInstall(): void;
}

export interface OpenDocumentState {
  name: string;
  phase: DocumentPhase;
}

export interface UpdatesOptions {
  /** None in the browser host: there `npm start` builds what runs. */
  updater: UpdaterPort | null;
  /** The open documents and where each stands (documents/document-state.ts). */
  documents(): readonly OpenDocumentState[];
  emit: Emit;
  log?: (line: string) => void;
  /** The first background check comes this long after start, then one every `everyMs`. */
  firstCheckMs?: number;
  everyMs?: number;
}

type InstallAnswer = CommandResponse<'installUpdate'>;

const BUSY: ReadonlySet<UpdateState['phase']> = new Set([
  'checking',
  'available',
  'downloading',
  'downloaded',
  'installing',
]);

/**
 * Updates of the desktop app, decided here without Electron:
 *
 *   idle ──check──▶ checking ──▶ up_to_date │ offline │ failed │ unavailable
 *   checking ──newer version──▶ available ──▶ downloading (percent) ──▶ downloaded │ offline │ failed
 *   downloaded ──the user agrees, nothing unsaved──▶ installing (Opus quits, installs, starts again)
 *
 * Nothing installs without the user's agreement, and the agreement is refused while any document is
 * unsaved, waits to be uploaded or is in conflict: an install restarts Opus, and those wait on the user.
 */
export class Updates {
  private state: UpdateState = { phase: 'idle' };
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: UpdatesOptions) {}

  current(): UpdateState {
    return this.options.updater ? this.state : { phase: 'unavailable', reason: 'browser' };
  }

  /** Asks the server; a newer version then downloads in the background. One check at a time. */
  async check(): Promise<UpdateState> {
    const { updater } = this.options;
    if (!updater || BUSY.has(this.state.phase)) return this.current();
    this.set({ phase: 'checking' });
    try {
      const answer = await updater.check();
      if (answer.kind === 'inactive') this.set({ phase: 'unavailable', reason: 'not_installed' });
      else if (answer.kind === 'up_to_date') this.set({ phase: 'up_to_date', version: answer.version });
      else {
        // The check's answer; the download goes on in the background and is heard of by events.
        const found: UpdateState = { phase: 'available', version: answer.version };
        this.set(found);
        void this.download(updater, answer.version);
        return found;
      }
    } catch (error) {
      this.failed(error);
    }
    return this.current();
  }

  /** The user's agreement to restart and install: refused, with the reason, while anything waits on them. */
  install(): InstallAnswer {
    const { updater } = this.options;
    if (!updater || this.state.phase !== 'downloaded') return { kind: 'not_ready' };
    const blockers = blockersOf(this.options.documents());
    if (blockers.length > 0) return { kind: 'refused', blockers };
    const { version } = this.state;
    this.set({ phase: 'installing', version });
    updater.quitAndInstall();
    return { kind: 'installing', version };
  }

  /** Checks in the background: soon after start, then every few hours, quietly when offline. */
  startChecking(): void {
    if (!this.options.updater || this.timer) return;
    const every = this.options.everyMs ?? 6 * 60 * 60 * 1000;
    const next = (delay: number) => {
      this.timer = setTimeout(() => {
        void this.check().finally(() => {
          if (this.timer) next(every);
        });
      }, delay);
      this.timer.unref?.();
    };
    next(this.options.firstCheckMs ?? 30_000);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async download(updater: UpdaterPort, version: string): Promise<void> {
    try {
      await updater.download((percent) => {
        const whole = Math.min(100, Math.max(0, Math.floor(percent)));
        // One event per whole percent: a fast connection reports far more often than anyone reads.
        const last = this.state.phase === 'downloading' ? this.state.percent : -1;
        if (whole !== last) this.set({ phase: 'downloading', version, percent: whole });
      });
      this.set({ phase: 'downloaded', version });
    } catch (error) {
      this.failed(error);
    }
  }

  private failed(error: unknown): void {
    if (isOpusError(error, 'offline')) this.set({ phase: 'offline' });
    else if (isOpusError(error)) this.set({ phase: 'failed', error: contractError(error) });
    else {
      this.options.log?.(`opus: update: ${(error as Error)?.stack ?? String(error)}`);
      const words = new OpusError('update_failed', 'Opus could not check for updates. It tries again later.');
      this.set({ phase: 'failed', error: contractError(words) });
    }
  }

  private set(state: UpdateState): void {
    this.state = state;
    this.options.emit('updateStateChanged', state);
  }
}

/** The open documents an install would have to wait for, each with why. */
export function blockersOf(documents: readonly OpenDocumentState[]): UpdateBlocker[] {
  const blockers: UpdateBlocker[] = [];
  for (const { name, phase } of documents) if (phase !== 'clean') blockers.push({ name, phase });
  return blockers;
}

/** The contract's update commands (Check for Updates…, the agreement to install). */
export const updateHandlers = (
  updates: Updates,
): Pick<Handlers, 'getUpdateState' | 'checkForUpdates' | 'installUpdate'> => ({
  getUpdateState: () => updates.current(),
  checkForUpdates: () => updates.check(),
  installUpdate: () => updates.install(),
});
