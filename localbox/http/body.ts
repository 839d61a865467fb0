import { open, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { ContentHasher } from '../domain/content-hash.ts';
import { PRIVATE_FILE, restrictHandle } from '../store/private-files.ts';

export type ReceivedBody =
  | { kind: 'stored'; tempPath: string; size: number; contentHash: string }
  | { kind: 'too_large'; size: number };

/**
 * Streams a request body to a temp file, hashing as it goes, and fsyncs it before returning.
 * Past `limit` bytes it stops storing but keeps reading, so the client still gets our answer
 * instead of a broken pipe.
 */
export async function receiveBody(
  req: IncomingMessage,
  tempPath: string,
  limit: number,
): Promise<ReceivedBody> {
  const hasher = new ContentHasher();
  // Every blob and session part starts here: a file only this user may read (SECURITY.md).
  const file = await open(tempPath, 'wx', PRIVATE_FILE);
  let size = 0;
  let overLimit = false;
  try {
    await restrictHandle(file);
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (overLimit) continue;
      if (size > limit) {
        overLimit = true;
        continue;
      }
      hasher.update(chunk);
      await file.write(chunk);
    }
    // An acknowledged upload must survive a power cut, so the bytes hit the disk before we answer.
    if (!overLimit) await file.sync();
  } catch (error) {
    await file.close();
    await rm(tempPath, { force: true });
    throw error;
  }
  await file.close();
  if (overLimit) {
    await rm(tempPath, { force: true });
    return { kind: 'too_large', size };
  }
  return { kind: 'stored', tempPath, size, contentHash: hasher.digest() };
}

/** Reads a small body (RPC JSON, OAuth forms) into memory, refusing anything past `limit`. */
export async function readSmallBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  let overLimit = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) overLimit = true;
    if (!overLimit) chunks.push(chunk);
  }
  return overLimit ? null : Buffer.concat(chunks);
}
