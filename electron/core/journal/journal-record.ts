import { crc32 } from 'node:zlib';
import { z } from 'zod';
import type { TextEdit } from '../../common/contract/shapes.ts';
import {
  type JournalEntry,
  JournalEntrySchema,
  type JournalHeader,
  JournalHeaderSchema,
} from './journal-entry.ts';

/*
 * Every journal line (a snapshot file is one line, a log holds one per record) is the CRC-32 of its
 * JSON in 8 hex digits, a space, the JSON, "\n". JSON escapes line breaks and lone surrogates, so a line
 * never holds a raw "\n" and stays valid UTF-8. A line without its "\n" was torn by a crash; a line
 * whose checksum differs was damaged on disk: either ends what can be trusted.
 */

/** The 8 hex digits and the space that start the line of `json`. */
const prefixOf = (json: string): string => `${crc32(json).toString(16).padStart(8, '0')} `;

export const checksummedLine = (json: string): string => `${prefixOf(json)}${json}\n`;

/** The JSON value of one line (without its "\n"), or undefined when the checksum or the JSON fails. */
function parseChecksummedLine(line: string): unknown {
  const json = line.slice(9);
  if (line.slice(0, 9) !== prefixOf(json)) return undefined;
  // Stryker disable BlockStatement: an empty catch returns undefined all the same (an empty try only loses a kill)
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
  // Stryker restore BlockStatement
}

/** A snapshot file: the whole text and its header at sequence number `seq` (journal version 2). */
export interface Snapshot {
  seq: number;
  entry: JournalEntry;
}

const SnapshotSchema = z.object({
  version: z.literal(2),
  seq: z.number().int().min(0),
  entry: JournalEntrySchema,
});

export const serializeSnapshot = ({ seq, entry }: Snapshot): string =>
  checksummedLine(JSON.stringify({ version: 2, seq, entry }));

export function parseSnapshot(file: string): Snapshot | null {
  // Stryker disable next-line ConditionalExpression,StringLiteral: without its "\n" the slice cuts the JSON's last character, and the checksum fails anyway
  if (!file.endsWith('\n')) return null;
  const parsed = SnapshotSchema.safeParse(parseChecksummedLine(file.slice(0, -1)));
  return parsed.success ? { seq: parsed.data.seq, entry: parsed.data.entry } : null;
}

/**
 * One log record: edits (each `[at, remove, insert]`, to keep a keystroke's record short) and/or a new
 * header, when it was recorded, and the text's length after it, which replay checks.
 */
export interface LogRecord {
  edits: readonly TextEdit[];
  header: JournalHeader | null;
  savedAt: number;
  length: number;
}

export function serializeRecord(record: LogRecord): string {
  const json: { t: number; n: number; e?: [number, number, string][]; h?: JournalHeader } = {
    t: record.savedAt,
    n: record.length,
  };
  // Stryker disable next-line ConditionalExpression,EqualityOperator: an empty `e` reads back as none; it only costs a header-only record 7 bytes
  if (record.edits.length > 0) json.e = record.edits.map((edit) => [edit.at, edit.remove, edit.insert]);
  if (record.header) json.h = record.header;
  return checksummedLine(JSON.stringify(json));
}

const count = z.number().int().min(0);
const RecordSchema = z.object({
  // The latest instant a Date can hold, so `savedAt` always converts.
  t: count.max(8.64e15),
  n: count,
  e: z.array(z.tuple([count, count, z.string()])).optional(),
  h: JournalHeaderSchema.optional(),
});

export function parseRecord(line: string): LogRecord | null {
  const parsed = RecordSchema.safeParse(parseChecksummedLine(line));
  if (!parsed.success) return null;
  const { t, n, e = [], h } = parsed.data;
  return {
    edits: e.map(([at, remove, insert]) => ({ at, remove, insert })),
    header: h ?? null,
    savedAt: t,
    length: n,
  };
}
