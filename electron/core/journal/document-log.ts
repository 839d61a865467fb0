import { join } from 'node:path';
import type { Text } from '@codemirror/state';
import { replaceFile } from './atomic-write.ts';
import { headerOf, type JournalHeader } from './journal-entry.ts';
import { documentKey, entryFileName, logFileName, parseFileName, snapshotFileName } from './journal-files.ts';
import type { JournalFileHandle, JournalFs } from './journal-fs.ts';
import { type LogRecord, serializeRecord, serializeSnapshot } from './journal-record.ts';

/** Where a document's files live, shared by all documents of one journal. */
export interface JournalPlace {
  fs: JournalFs;
  folder: string;
  inFlight: Set<string>;
}

const codeOf = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;

async function removeIfThere(place: JournalPlace, name: string): Promise<void> {
  try {
    await place.fs.remove(join(place.folder, name));
  } catch (error) {
    if (codeOf(error) !== 'ENOENT') throw error;
  }
}

/** The logs of `documentId` on disk now, by sequence number. */
async function logsOnDisk(place: JournalPlace, documentId: string): Promise<number[]> {
  const key = documentKey(documentId);
  let names: string[];
  try {
    names = await place.fs.list(place.folder);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return [];
    throw error;
  }
  return names.flatMap((name) => {
    const file = parseFileName(name);
    return file?.kind === 'log' && file.key === key ? [file.seq] : [];
  });
}

/**
 * One document's journal as this process writes it: the snapshot of sequence number `seq` and the log
 * of edits since, open for appending. It holds the text last recorded (a `Text` is immutable, so keeping
 * it costs nothing) to fold the log into the next snapshot. Not safe for concurrent calls: the journal's
 * per-document queue serializes them.
 */
export class DocumentLog {
  #handle: JournalFileHandle | null = null;
  #intact = true;
  #unsynced = false;
  #folderUnsynced = false;
  #logBytes = 0;
  #snapshotBytes = 0;
  /** The sequence number of the snapshot on disk, and of the log that goes with it. */
  #seq: number;

  private constructor(
    private readonly place: JournalPlace,
    public header: JournalHeader,
    public text: Text,
    seq: number,
  ) {
    this.#seq = seq;
  }

  /**
   * The document's first snapshot in this process. Its sequence number is above every log on disk, so
   * no log from an earlier life can ever be replayed onto it; those logs and a version 1 file go once
   * the snapshot is durable.
   */
  static async start(
    place: JournalPlace,
    header: JournalHeader,
    text: Text,
    now: Date,
  ): Promise<DocumentLog> {
    await place.fs.makeFolder(place.folder);
    const old = await logsOnDisk(place, header.documentId);
    const log = new DocumentLog(place, header, text, Math.max(0, ...old));
    await log.snapshot(header, text, now);
    for (const seq of old)
      await removeIfThere(place, logFileName(header.documentId, seq)).catch(() => undefined);
    await removeIfThere(place, entryFileName(header.documentId)).catch(() => undefined);
    return log;
  }

  /**
   * False after a write that may have left the files in doubt (an append that failed midway would hide
   * every later record behind its torn line): only a new snapshot may follow.
   */
  get intact(): boolean {
    return this.#intact;
  }

  get logBytes(): number {
    return this.#logBytes;
  }

  get snapshotBytes(): number {
    return this.#snapshotBytes;
  }

  get unsynced(): boolean {
    return this.#unsynced;
  }

  /**
   * Writes `text` as the snapshot of the next sequence number and starts an empty log for it. If this
   * rejects before the rename, nothing changed and the old log still holds; after it (the folder's fsync
   * failed), the caller must not append until another snapshot succeeds.
   */
  async snapshot(header: JournalHeader, text: Text, now: Date): Promise<void> {
    const { documentId } = header;
    const seq = this.#seq + 1;
    const data = serializeSnapshot({
      seq,
      entry: { ...headerOf(header), text: text.toString(), savedAt: now.toISOString() },
    });
    await replaceFile(
      this.place.fs,
      this.place.folder,
      snapshotFileName(documentId),
      data,
      this.place.inFlight,
    );
    const oldSeq = this.#seq;
    await this.close();
    this.#seq = seq;
    this.header = header;
    this.text = text;
    this.#logBytes = 0;
    this.#snapshotBytes = Buffer.byteLength(data);
    this.#intact = false;
    await this.place.fs.syncFolder(this.place.folder);
    this.#intact = true;
    // Only now: until the rename is durable, a power cut brings back the old snapshot, which needs its log.
    // A crash before this line leaves a stale log that recovery recognises by its sequence number.
    await removeIfThere(this.place, logFileName(documentId, oldSeq)).catch(() => undefined);
  }

  /** Appends one record; resolves once the kernel has it (a killed process loses nothing), before fsync. */
  async append(record: LogRecord, header: JournalHeader, text: Text): Promise<void> {
    if (!this.#intact) throw new Error('the log is in doubt: a snapshot must come first');
    const line = serializeRecord(record);
    if (!this.#handle) {
      this.#handle = await this.place.fs.append(
        join(this.place.folder, logFileName(header.documentId, this.#seq)),
      );
      this.#folderUnsynced = true;
    }
    this.#unsynced = true;
    this.#intact = false;
    await this.#handle.write(line);
    this.#intact = true;
    this.#logBytes += Buffer.byteLength(line);
    this.header = header;
    this.text = text;
  }

  /** Makes the records appended so far survive a power cut (and a new log's name with them). */
  async sync(): Promise<void> {
    if (!this.#handle || !this.#unsynced) return;
    this.#unsynced = false;
    try {
      await this.#handle.sync();
      if (this.#folderUnsynced) await this.place.fs.syncFolder(this.place.folder);
      this.#folderUnsynced = false;
    } catch (error) {
      // After a failed fsync the kernel may have dropped the unwritten pages: what the log holds is unknown.
      this.#intact = false;
      throw error;
    }
  }

  async close(): Promise<void> {
    const handle = this.#handle;
    this.#handle = null;
    this.#unsynced = false;
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Removes every file of `documentId`. The snapshot goes before its logs, so a crash midway leaves either
 * the whole journal or logs with nothing to replay onto, which recovery deletes.
 */
export async function removeDocument(place: JournalPlace, documentId: string): Promise<void> {
  await removeIfThere(place, entryFileName(documentId));
  await removeIfThere(place, snapshotFileName(documentId));
  for (const seq of await logsOnDisk(place, documentId))
    await removeIfThere(place, logFileName(documentId, seq));
}
