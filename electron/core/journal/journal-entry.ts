import { z } from 'zod';
import { type TextFormat, TextFormatShape } from '../../common/contract/shapes.ts';

/** Where a document's unsaved text belongs and what it was based on: all but the text itself. */
export interface JournalHeader {
  documentId: string;
  path: string;
  /** The rev the text was edited from; null for a document never saved to Dropbox. */
  baseRev: string | null;
  baseContentHash: string | null;
  format: TextFormat;
}

/** Unsaved text of one document, self-describing: where it belongs and which rev it was based on. */
export interface JournalEntry extends JournalHeader {
  text: string;
  /** ISO 8601: when the text was last recorded. */
  savedAt: string;
}

// The contract's fields, read as the journal reads everything (keys it does not know are dropped, as in
// the rest of the entry), and an encoding that names one: a journal with none could not be written back.
const TextFormatSchema = z.object({ ...TextFormatShape.shape, encoding: z.string().min(1) });

export const JournalEntrySchema = z.object({
  documentId: z.string().min(1),
  path: z.string(),
  baseRev: z.string().nullable(),
  baseContentHash: z.string().nullable(),
  format: TextFormatSchema,
  text: z.string(),
  savedAt: z.iso.datetime({ offset: true }),
}) satisfies z.ZodType<JournalEntry>;

export const JournalHeaderSchema = JournalEntrySchema.omit({
  text: true,
  savedAt: true,
}) satisfies z.ZodType<JournalHeader>;

export const headerOf = (entry: JournalHeader): JournalHeader => ({
  documentId: entry.documentId,
  path: entry.path,
  baseRev: entry.baseRev,
  baseContentHash: entry.baseContentHash,
  format: { ...entry.format },
});

const FORMAT_FIELDS = Object.keys(TextFormatShape.shape) as (keyof TextFormat)[];

export const sameHeader = (a: JournalHeader, b: JournalHeader): boolean =>
  a.documentId === b.documentId &&
  a.path === b.path &&
  a.baseRev === b.baseRev &&
  a.baseContentHash === b.baseContentHash &&
  FORMAT_FIELDS.every((field) => a.format[field] === b.format[field]);

// A version number lets a later Opus recognise, migrate or set aside journals written by this one.
const JournalFileSchema = z.object({ version: z.literal(1), entry: JournalEntrySchema });

/** A version 1 journal file (Opus 0.1 wrote one per document, the whole text); tests write them too. */
export const serializeEntry = (entry: JournalEntry): string => JSON.stringify({ version: 1, entry });

/** The entry in a version 1 file's text, or null when it is not one (torn, foreign, or another version). */
export function parseEntry(text: string): JournalEntry | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = JournalFileSchema.safeParse(json);
  return parsed.success ? parsed.data.entry : null;
}
