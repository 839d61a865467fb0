import { z } from 'zod';
import type { TextFormat } from '../documents/codec.ts';

/** Unsaved text of one document, self-describing: where it belongs and which rev it was based on. */
export interface JournalEntry {
  documentId: string;
  path: string;
  /** The rev the text was edited from; null for a document never saved to Dropbox. */
  baseRev: string | null;
  baseContentHash: string | null;
  format: TextFormat;
  text: string;
  /** ISO 8601. */
  savedAt: string;
}

const TextFormatSchema = z.object({
  encoding: z.string().min(1),
  bom: z.boolean(),
  lineEnding: z.enum(['lf', 'crlf']),
  finalNewline: z.boolean(),
});

export const JournalEntrySchema = z.object({
  documentId: z.string().min(1),
  path: z.string(),
  baseRev: z.string().nullable(),
  baseContentHash: z.string().nullable(),
  format: TextFormatSchema,
  text: z.string(),
  savedAt: z.iso.datetime({ offset: true }),
}) satisfies z.ZodType<JournalEntry>;

// A version number lets a later Opus recognise, migrate or set aside journals written by this one.
const JournalFileSchema = z.object({ version: z.literal(1), entry: JournalEntrySchema });

export const serializeEntry = (entry: JournalEntry): string => JSON.stringify({ version: 1, entry });

/** The entry in a journal file's text, or null when it is not one (torn, foreign, or from an unknown version). */
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
