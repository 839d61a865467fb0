import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FileFromOsShape } from '../../common/contract/shapes.ts';
import type { EventHub } from './event-hub.ts';
import {
  type DropboxClientPlace,
  decideFileFromOs,
  dropboxFolders,
  type FileFromOs,
  thisComputer,
} from './files-from-os.ts';
import type { LocalChoices } from './local-choices.ts';

/**
 * Files the OS asked Opus to open, kept until the page takes them. They can arrive before any window
 * exists (the first launch's argv, macOS's open-file before `ready`) or while nobody is signed in, and
 * an event sent then reaches no listener; so the page takes them itself once its workspace can open
 * them, and the event only tells a page already listening that more arrived.
 */
export class FilesFromOsInbox {
  private waiting: FileFromOs[] = [];
  /** Files are decided one batch after another, so they reach the page in the order the OS gave them. */
  private deciding: Promise<void> = Promise.resolve();

  constructor(
    private readonly events: Pick<EventHub, 'emit'>,
    private readonly choices: LocalChoices,
    private readonly place: DropboxClientPlace = thisComputer(),
  ) {}

  /** Paths from the shell or the host's command line; relative ones are taken from `workingDirectory`. */
  receive(paths: readonly string[], workingDirectory?: string): Promise<void> {
    if (paths.length === 0) return this.deciding;
    const decided = this.deciding.then(async () => {
      // Read each time: people move their Dropbox folder, and the client rewrites info.json when they do.
      const folders = await dropboxFolders(this.place);
      const options = { platform: this.place.platform, workingDirectory };
      for (const path of paths) {
        // A file that vanishes between its stat and its realpath is as missing as one never there.
        const refused = { kind: 'refused', localPath: path, reason: 'missing' } as const;
        this.waiting.push(await decideFileFromOs(path, folders, options).catch(() => refused));
      }
      this.events.emit('filesFromOs', { waiting: this.waiting.length });
    });
    // One batch's failure (a listener that throws) must not stop the batches after it.
    this.deciding = decided.catch(() => undefined);
    return decided;
  }

  /** The files waiting, for the page; a local one becomes a choice only now, so it cannot expire first. */
  async take(): Promise<FileFromOsShape[]> {
    await this.deciding;
    const taken = this.waiting;
    this.waiting = [];
    return Promise.all(taken.map((file) => this.forPage(file)));
  }

  private async forPage(file: FileFromOs): Promise<FileFromOsShape> {
    if (file.kind === 'dropbox') return file;
    const name = basename(file.localPath);
    if (file.kind === 'refused') return { kind: 'refused', name, reason: file.reason };
    const found = await stat(file.localPath).catch(() => null);
    // Gone (or replaced by a folder) while it waited for the page.
    if (!found?.isFile()) return { kind: 'refused', name, reason: found ? 'not_a_file' : 'missing' };
    return { kind: 'upload', ...this.choices.remember(file.localPath, 'read'), size: found.size };
  }
}
