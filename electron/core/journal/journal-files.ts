import { createHash, randomUUID } from 'node:crypto';

// A document's files are named from a hash of its id: never from the path, which may hold characters a
// file system refuses, may be long, and changes on rename while the document stays the same.
export const documentKey = (documentId: string): string =>
  createHash('sha256').update(documentId, 'utf8').digest('hex');

/** The document's whole text at one sequence number, replaced atomically. */
export const snapshotFileName = (documentId: string): string => `${documentKey(documentId)}.snapshot`;

/** The edits made since the snapshot of sequence number `seq`, appended one record per line. */
export const logFileName = (documentId: string, seq: number): string =>
  `${documentKey(documentId)}.${seq}.log`;

/** The whole-text file of journal version 1 (Opus 0.1), still read so an upgrade loses nothing. */
export const entryFileName = (documentId: string): string => `${documentKey(documentId)}.json`;

export type JournalFileName =
  | { kind: 'snapshot'; key: string }
  | { kind: 'log'; key: string; seq: number }
  | { kind: 'v1'; key: string };

/** What a file in the journal folder is, or null for a temp file, a corrupt one set aside, or a stranger. */
export function parseFileName(name: string): JournalFileName | null {
  const match = /^([0-9a-f]{64})\.(?:(snapshot)|(json)|(\d{1,15})\.log)$/.exec(name);
  if (!match?.[1]) return null;
  const key = match[1];
  if (match[2]) return { kind: 'snapshot', key };
  if (match[3]) return { kind: 'v1', key };
  return { kind: 'log', key, seq: Number(match[4]) };
}

/** A temp file in the same folder, so the final rename stays on one file system and is atomic. */
export const tempFileName = (finalName: string): string => `${finalName}.${randomUUID()}.tmp`;

export const isTempFileName = (name: string): boolean => name.endsWith('.tmp');

/** Where an unreadable journal file is moved, kept for a human rather than deleted. */
export const corruptFileName = (name: string, now: Date): string => `${name}.${now.getTime()}.corrupt`;
