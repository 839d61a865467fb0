import type { RestoredDocument, TextFormat } from '../../common/contract/shapes.ts';
import { decodeText, encodeText } from '../documents/codec.ts';
import type { Documents } from '../documents/documents.ts';
import { contentHash } from '../dropbox/content-hash.ts';
import type { Gateway } from '../dropbox/gateway.ts';
import { remoteFileOf } from '../dropbox/remote-file.ts';
import { isOpusError } from '../errors.ts';
import type { Journal } from '../journal/journal.ts';

type JournalEntry = Awaited<ReturnType<Journal['readAll']>>[number];

const UTF8_CHOICE_FORMAT = { encoding: 'utf-8', bom: false } as const;

/**
 * After a crash: every journaled document is reopened on the rev its text was based on (Dropbox keeps
 * revisions, so the exact base comes back for a three-way merge). If Dropbox's copy moved meanwhile,
 * the conflict is prepared at once, so the next save goes straight to the conflict prompt. An untitled
 * document comes back untitled, with its text.
 */
async function restoreOne(
  gateway: Gateway,
  documents: Documents,
  journaled: JournalEntry,
  journalClear: (id: string) => Promise<void>,
): Promise<RestoredDocument> {
  const { entry, bytes, formerEncoding } = writable(journaled);
  const former = formerEncoding ? { formerEncoding } : {};
  // Never saved to Dropbox (untitled.ts): nothing to fetch, the text comes back on the empty base.
  if (entry.baseRev === null && entry.path === '') {
    const doc = documents.create({ id: entry.documentId, unclaimed: true });
    documents.showText(doc.id, entry.text);
    return { snapshot: documents.snapshot(doc.id), text: entry.text, remoteMoved: false, ...former };
  }
  const current = await gateway.getMetadata(entry.path);
  if (current?.kind === 'file' && current.contentHash === contentHash(bytes)) {
    // The save landed just before the crash: Dropbox already has this text, nothing is unsaved.
    const remote = remoteFileOf(current);
    const doc = documents.register(remote, entry.text, entry.format, {
      id: entry.documentId,
      unclaimed: true,
    });
    await journalClear(doc.id);
    return { snapshot: documents.snapshot(doc.id), text: entry.text, remoteMoved: false };
  }
  return reopenOnBase(gateway, documents, current, entry, { id: entry.documentId, unclaimed: true }, former);
}

/** Text typed on `baseRev` of `path`, in `format` (null: the base's own). */
export interface TypedText {
  path: string;
  baseRev: string | null;
  text: string;
  format: TextFormat | null;
}

/**
 * The document reopened on the rev `typed` was based on, showing that text; when Dropbox's copy
 * (`current`) moved past it, the conflict is prepared, so the next save goes to the conflict prompt.
 */
export async function reopenOnBase(
  gateway: Gateway,
  documents: Documents,
  current: Awaited<ReturnType<Gateway['getMetadata']>>,
  typed: TypedText,
  options: { id?: string; unclaimed: boolean },
  former: { formerEncoding?: string } = {},
): Promise<RestoredDocument> {
  let base = typed.baseRev ? await gateway.download(`rev:${typed.baseRev}`).catch(() => null) : null;
  if (!base && current?.kind === 'file') base = await gateway.download(typed.path);
  if (!base) throw new Error(`nothing on Dropbox to restore ${typed.path} against`);
  const decoded = decodeText(base.bytes);
  const remote = { ...base.file, path: current?.kind === 'file' ? current.path : typed.path };
  const doc = documents.register(remote, decoded.text, typed.format ?? decoded.format, options);
  documents.showText(doc.id, typed.text);
  const remoteMoved =
    current?.kind !== 'file' ||
    (current.rev !== base.file.rev && current.contentHash !== base.file.contentHash);
  if (remoteMoved) await documents.theirs(doc.id);
  return { snapshot: documents.snapshot(doc.id), text: typed.text, remoteMoved, ...former };
}

/**
 * A text the browser host's page kept while its helper was stopped (renderer/state/kept-texts.ts), its
 * file moved on meanwhile: reopened on its base like a journaled text, so nothing typed is lost and the
 * next save meets the conflict. Main's journal holds the text from here on.
 */
export async function restoreKeptText(
  gateway: Gateway,
  documents: Documents,
  kept: { path: string; baseRev: string; text: string },
): Promise<RestoredDocument> {
  const current = await gateway.getMetadata(kept.path);
  return reopenOnBase(gateway, documents, current, { ...kept, format: null }, { unclaimed: false });
}

/**
 * The entry as it can be saved: in its own format, or, when that encoding cannot hold the text (typed
 * before a save refused it, then Opus closed), in UTF-8, so the text is shown and saved, never left
 * behind in the journal where the user would not see it again.
 */
function writable(entry: JournalEntry): { entry: JournalEntry; bytes: Buffer; formerEncoding?: string } {
  try {
    return { entry, bytes: encodeText(entry.text, entry.format) };
  } catch (error) {
    if (!isOpusError(error, 'unsupported_encoding')) throw error;
    const format = { ...entry.format, ...UTF8_CHOICE_FORMAT };
    return {
      entry: { ...entry, format },
      bytes: encodeText(entry.text, format),
      formerEncoding: entry.format.encoding,
    };
  }
}

export async function restoreJournal(
  gateway: Gateway,
  documents: Documents,
  journal: Pick<Journal, 'readAll' | 'clear'>,
  log: (line: string) => void,
) {
  const restored: RestoredDocument[] = [];
  for (const entry of await journal.readAll()) {
    try {
      restored.push(await restoreOne(gateway, documents, entry, (id) => journal.clear(id)));
    } catch (error) {
      // Signed out or offline: the entry stays in the journal for the next start; nothing is dropped.
      if (isOpusError(error, 'signed_out') || isOpusError(error, 'offline')) throw error;
      log(
        `opus: could not restore ${entry.path}: ${(error as Error).message}; the text stays in the journal`,
      );
    }
  }
  return restored;
}
