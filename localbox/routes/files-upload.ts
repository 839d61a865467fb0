import { rm } from 'node:fs/promises';
import { CONTENT_HASH_BLOCK } from '../domain/content-hash.ts';
import { commitFile, type StagedContent } from '../files/commit.ts';
import { fileMetadata } from '../files/metadata.ts';
import { RouteError, tag, type Union, WriteFailure } from '../http/errors.ts';
import {
  UploadArg,
  UploadSessionAppendArg,
  UploadSessionFinishArg,
  UploadSessionStartArg,
} from '../schemas/files-args.ts';
import { apiRoute, type StoredBody } from '../server/route.ts';
import type { Services } from '../server/services.ts';
import type { SessionRow } from '../store/sessions.ts';

/** Dropbox's largest file: 2^41 - 2^22 bytes. */
const MAX_FILE_BYTES = 2 ** 41 - 2 ** 22;

const requireBody = (body: StoredBody | undefined): StoredBody => {
  if (!body) throw new Error('upload route called without a body');
  return body;
};

function checkHash(expected: string | undefined, body: StoredBody): void {
  if (expected !== undefined && expected !== body.contentHash)
    throw new RouteError(tag('content_hash_mismatch'));
}

/**
 * The next chunk of a session at `offset`, or the lookup error that says why not. `wrap` puts the error
 * where the route wants it: at the top for append, under `lookup_failed` for finish.
 */
function appendChunk(
  services: Services,
  session: SessionRow | undefined,
  offset: number,
  body: StoredBody,
  close: boolean,
  wrap: (e: Union) => Union,
): void {
  const fail = (error: Union) => new RouteError(wrap(error));
  if (!session) throw fail(tag('not_found'));
  if (session.kind === 'sequential') {
    if (session.closed && body.size > 0) throw fail(tag('closed'));
    if (offset !== session.received)
      throw fail(tag('incorrect_offset', { correct_offset: session.received }));
  } else {
    if (offset % CONTENT_HASH_BLOCK !== 0) throw fail(tag('concurrent_session_invalid_offset'));
    if (body.size % CONTENT_HASH_BLOCK !== 0 && !close)
      throw fail(tag('concurrent_session_invalid_data_size'));
    if (session.closed && body.size > 0) throw fail(tag('closed'));
  }
  if (session.received + body.size > MAX_FILE_BYTES) throw fail(tag('too_large'));
  services.sessions.addPart(session.id, offset, body.tempPath, body.size, close);
}

/** Whether `size` more bytes fit beside the files and the other open sessions. */
const hasRoomFor = (services: Services, size: number) =>
  services.tree.usedBytes() + services.sessions.openBytes() + size <= services.config.quotaBytes;

/**
 * Session bytes count against the quota. Start and append have no insufficient_space in their Stone
 * unions (Dropbox checks only at commit), so this answers the WriteError's tag, which SDKs read as `other`.
 */
function ensureRoom(services: Services, size: number): void {
  if (size > 0 && !hasRoomFor(services, size)) throw new RouteError(tag('insufficient_space'));
}

/** Keeps a refused upload's bytes for a day, if they fit; otherwise the account has no room for them. */
function keepRefused(services: Services, content: StoredBody, reason: Union): RouteError {
  if (!hasRoomFor(services, content.size)) {
    // Nothing kept, so no session to name: the client must send the bytes again once there is room.
    return new RouteError(tag('path', { reason: tag('insufficient_space'), upload_session_id: '' }));
  }
  const session = services.sessions.create('sequential');
  services.sessions.addPart(session.id, 0, content.tempPath, content.size, false);
  services.sessions.markRefused(session.id);
  return new RouteError(tag('path', { reason, upload_session_id: session.id }));
}

export const uploadRoutes = [
  apiRoute({
    name: 'files/upload',
    style: 'upload',
    auth: 'user',
    scope: 'files.content.write',
    arg: UploadArg,
    handle: ({ arg, body, services }) => {
      const content = requireBody(body);
      const { content_hash, ...commit } = arg;
      checkHash(content_hash, content);
      try {
        return fileMetadata(commitFile(services, commit, content));
      } catch (error) {
        if (!(error instanceof WriteFailure)) throw error;
        // Dropbox keeps the refused bytes as a session, so the client can commit them elsewhere
        // (a conflicted copy) with upload_session/finish and no second upload.
        throw keepRefused(services, content, error.reason);
      }
    },
  }),
  apiRoute({
    name: 'files/upload_session/start',
    style: 'upload',
    auth: 'user',
    scope: 'files.content.write',
    arg: UploadSessionStartArg,
    handle: ({ arg, body, services }) => {
      const content = requireBody(body);
      const kind = arg.session_type?.['.tag'] ?? 'sequential';
      if (kind === 'concurrent' && content.size > 0)
        throw new RouteError(tag('concurrent_session_data_not_allowed'));
      if (kind === 'concurrent' && arg.close)
        throw new RouteError(tag('concurrent_session_close_not_allowed'));
      checkHash(arg.content_hash, content);
      ensureRoom(services, content.size);
      const session = services.sessions.create(kind);
      services.sessions.addPart(session.id, 0, content.tempPath, content.size, arg.close);
      return { session_id: session.id };
    },
  }),
  apiRoute({
    name: 'files/upload_session/append_v2',
    style: 'upload',
    auth: 'user',
    scope: 'files.content.write',
    arg: UploadSessionAppendArg,
    handle: ({ arg, body, services }) => {
      const content = requireBody(body);
      checkHash(arg.content_hash, content);
      const session = services.sessions.get(arg.cursor.session_id);
      ensureRoom(services, content.size);
      appendChunk(services, session, arg.cursor.offset, content, arg.close, (error) => error);
      return null;
    },
  }),
  apiRoute({
    name: 'files/upload_session/finish',
    style: 'upload',
    auth: 'user',
    scope: 'files.content.write',
    arg: UploadSessionFinishArg,
    handle: async ({ arg, body, services }) => {
      const content = requireBody(body);
      checkHash(arg.content_hash, content);
      const lookupFailed = (error: Union) => tag('lookup_failed', { lookup_failed: error });
      const session = services.sessions.get(arg.cursor.session_id);
      if (session?.kind === 'concurrent') {
        if (content.size > 0) throw new RouteError(tag('concurrent_session_data_not_allowed'));
        if (!session.closed) throw new RouteError(tag('concurrent_session_not_closed'));
        if (!contiguous(services, session)) throw new RouteError(tag('concurrent_session_missing_data'));
      } else if (content.size > 0 || !session || arg.cursor.offset !== session.received) {
        appendChunk(services, session, arg.cursor.offset, content, false, lookupFailed);
      }
      const staged: StagedContent = await services.sessions.assemble(
        arg.cursor.session_id,
        services.blobs.newTempPath(),
      );
      try {
        const row = commitFile(services, arg.commit, staged, arg.cursor.session_id);
        services.sessions.remove(arg.cursor.session_id);
        return fileMetadata(row);
      } catch (error) {
        if (error instanceof WriteFailure) {
          // The client may still finish it elsewhere, but a refused session is not kept for 7 days.
          services.sessions.markRefused(arg.cursor.session_id);
          // finish nests the WriteError under `path`, unlike upload, which inlines it as `reason`.
          throw new RouteError(tag('path', { path: error.reason }));
        }
        throw error;
      } finally {
        await rm(staged.tempPath, { force: true });
      }
    },
  }),
];

function contiguous(services: Services, session: SessionRow): boolean {
  let expected = 0;
  for (const part of services.sessions.parts(session.id)) {
    if (part.offset !== expected) return false;
    expected += part.size;
  }
  return expected === session.received;
}
