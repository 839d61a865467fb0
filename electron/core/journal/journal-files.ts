import { createHash, randomUUID } from 'node:crypto';

// One file per document, named from a hash of its id: never from the path, which may hold characters a
// file system refuses, may be long, and changes on rename while the document stays the same.
export const entryFileName = (documentId: string): string =>
  `${createHash('sha256').update(documentId, 'utf8').digest('hex')}.json`;

export const isEntryFileName = (name: string): boolean => /^[0-9a-f]{64}\.json$/.test(name);

/** A temp file in the same folder, so the final rename stays on one file system and is atomic. */
export const tempFileName = (finalName: string): string => `${finalName}.${randomUUID()}.tmp`;

export const isTempFileName = (name: string): boolean => name.endsWith('.tmp');

/** Where an unreadable journal file is moved, kept for a human rather than deleted. */
export const corruptFileName = (name: string, now: Date): string => `${name}.${now.getTime()}.corrupt`;
