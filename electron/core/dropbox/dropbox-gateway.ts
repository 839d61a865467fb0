import type { files, users } from 'dropbox';
import { CONTENT_HASH_BLOCK } from './content-hash.ts';
import { downloadedBytes } from './download-body.ts';
import { downloadInto } from './download-stream.ts';
import { type CallContext, callDropbox, callWithToken, mapped } from './dropbox-call.ts';
import type { DropboxEndpoints } from './endpoints.ts';
import { tagChain } from './error-mapping.ts';
import type { FolderPage, Gateway, SearchMatch } from './gateway.ts';
import { commitKeptUpload } from './kept-upload.ts';
import { DEFAULT_LONGPOLL_MARGIN_SECONDS, longpoll } from './longpoll.ts';
import { toRemoteEntry, toRemoteFile, toRemoteFolder } from './metadata.ts';
import { DEFAULT_RETRY, MAX_RETRY_AFTER_SECONDS, type RetryPolicy, type Sleep, sleep } from './retry.ts';
import { createSdkClients } from './sdk-client.ts';
import { sharedLinkUrl } from './shared-link.ts';
import type { TokenProvider } from './token-provider.ts';
import { type UploadContext, upload } from './upload.ts';
import { isHttpFailure, routeError } from './wire-failure.ts';

const MiB = 1024 * 1024;
/** Dropbox refuses request bodies above 150 MiB: past that, only upload sessions work. */
export const MAX_REQUEST_BYTES = 150 * MiB;

export interface GatewayOptions {
  endpoints: DropboxEndpoints;
  tokens: TokenProvider;
  fetch?: typeof fetch;
  retry?: Partial<RetryPolicy>;
  /** Waits between attempts; tests pass a recorder to run fast. */
  sleep?: Sleep;
  /** The jitter source of the backoff (Math.random). */
  random?: () => number;
  /** Retry-After values above this are not waited out in the call: `rate_limited` goes to the caller. */
  maxRetryAfterSeconds?: number;
  /** Files above this many bytes go through upload sessions. Default and maximum: 150 MiB. */
  uploadSessionThreshold?: number;
  /** Bytes per upload-session request, a multiple of 4 MiB. Default 8 MiB. */
  uploadChunkBytes?: number;
  /** Extra seconds past Dropbox's timeout + 90 s before a longpoll counts as lost (tests may go negative). */
  longpollClientTimeoutMarginSeconds?: number;
}

function checkSizes(threshold: number, chunk: number): void {
  if (!(threshold > 0 && threshold <= MAX_REQUEST_BYTES))
    throw new RangeError(`uploadSessionThreshold must be in (0, ${MAX_REQUEST_BYTES}]`);
  if (!(chunk > 0 && chunk <= MAX_REQUEST_BYTES && chunk % CONTENT_HASH_BLOCK === 0))
    throw new RangeError('uploadChunkBytes must be a multiple of 4 MiB, at most 150 MiB');
}

const page = (result: {
  entries: Parameters<typeof toRemoteEntry>[0][];
  cursor: string;
  has_more: boolean;
}) =>
  ({
    entries: result.entries.map(toRemoteEntry),
    cursor: result.cursor,
    hasMore: result.has_more,
  }) satisfies FolderPage;

const matchedOn = (type: files.SearchMatchTypeV2 | undefined): SearchMatch['matchedOn'] =>
  type?.['.tag'] === 'file_content' ? 'content' : type?.['.tag'] === 'filename_and_content' ? 'both' : 'name';

/** A team member's own limit when the team sets one, else the team's (or the individual's) space. */
function allocatedBytes(allocation: users.SpaceAllocation): number {
  if (allocation['.tag'] === 'individual') return allocation.allocated;
  if (allocation['.tag'] === 'team')
    return allocation.user_within_team_space_allocated || allocation.allocated;
  return 0;
}

/** The Gateway over the official SDK, for real Dropbox or a localbox origin. */
export function createGateway(options: GatewayOptions): Gateway {
  const threshold = options.uploadSessionThreshold ?? MAX_REQUEST_BYTES;
  const chunkBytes = options.uploadChunkBytes ?? 8 * MiB;
  checkSizes(threshold, chunkBytes);
  const context: CallContext = {
    clients: createSdkClients(options.endpoints, options.fetch),
    tokens: options.tokens,
    policy: { ...DEFAULT_RETRY, ...options.retry },
    sleep: options.sleep ?? sleep,
    random: options.random ?? Math.random,
    maxRetryAfterSeconds: options.maxRetryAfterSeconds ?? MAX_RETRY_AFTER_SECONDS,
  };
  const call = <T>(run: Parameters<typeof callDropbox<T>>[1], signal?: AbortSignal) =>
    callDropbox(context, run, { signal });

  const gateway: Gateway = {
    download: (path, signal) =>
      mapped(() =>
        call(async (client) => {
          const { result } = await client.filesDownload({ path }, { signal });
          return { file: toRemoteFile(result), bytes: await downloadedBytes(result) };
        }, signal),
      ),
    downloadInto: (path, sinkFor, signal) =>
      mapped(() =>
        callWithToken(context, (token) => downloadInto(context.clients.fetch, token, path, sinkFor, signal), {
          signal,
        }),
      ),
    upload: (path, bytes, uploadOptions) => mapped(() => upload(uploads, path, bytes, uploadOptions)),
    commitKeptUpload: (sessionId, size, path) =>
      mapped(() => commitKeptUpload(uploads, sessionId, size, path)),
    getMetadata: (path) =>
      mapped(async () => {
        try {
          return toRemoteEntry((await call((client) => client.filesGetMetadata({ path }))).result);
        } catch (error) {
          // "Is anything there?" is a question, not a failure: not_found answers it.
          if (
            isHttpFailure(error) &&
            error.status === 409 &&
            tagChain(routeError(error)).includes('not_found')
          )
            return null;
          throw error;
        }
      }),
    listFolder: (path, listOptions) =>
      mapped(async () =>
        page((await call((client) => client.filesListFolder({ path, ...listOptions }))).result),
      ),
    listFolderContinue: (cursor) =>
      mapped(async () => page((await call((client) => client.filesListFolderContinue({ cursor }))).result)),
    latestCursor: (path) =>
      mapped(
        async () => (await call((client) => client.filesListFolderGetLatestCursor({ path }))).result.cursor,
      ),
    longpoll: (cursor, timeoutSeconds, signal) =>
      mapped(() =>
        longpoll(
          {
            ...context,
            longpollMarginSeconds:
              options.longpollClientTimeoutMarginSeconds ?? DEFAULT_LONGPOLL_MARGIN_SECONDS,
          },
          cursor,
          timeoutSeconds,
          signal,
        ),
      ),
    createFolder: (path) =>
      mapped(async () =>
        toRemoteFolder((await call((client) => client.filesCreateFolderV2({ path }))).result.metadata),
      ),
    search: (query, { filenameOnly, maxResults }) =>
      mapped(async () => {
        const { result } = await call((client) =>
          client.filesSearchV2({ query, options: { filename_only: filenameOnly, max_results: maxResults } }),
        );
        return result.matches.flatMap((match) =>
          match.metadata['.tag'] === 'metadata'
            ? [{ entry: toRemoteEntry(match.metadata.metadata), matchedOn: matchedOn(match.match_type) }]
            : [],
        );
      }),
    listRevisions: (path, limit) =>
      mapped(async () => {
        const { result } = await call((client) => client.filesListRevisions({ path, limit }));
        return { isDeleted: result.is_deleted, revisions: result.entries.map(toRemoteFile) };
      }),
    restore: (path, rev) =>
      mapped(async () => toRemoteFile((await call((client) => client.filesRestore({ path, rev }))).result)),
    createSharedLink: (path) => mapped(() => call((client) => sharedLinkUrl(client, path))),
    deleteFile: (path, parentRev) =>
      mapped(async () => {
        await call((client) =>
          client.filesDeleteV2({ path, ...(parentRev ? { parent_rev: parentRev } : {}) }),
        );
      }),
    // Two requests, in parallel: Dropbox has no route that answers both.
    account: () =>
      mapped(async () => {
        const [account, space] = await Promise.all([
          call((client) => client.usersGetCurrentAccount()),
          call((client) => client.usersGetSpaceUsage()),
        ]);
        return {
          accountId: account.result.account_id,
          displayName: account.result.name.display_name,
          email: account.result.email,
          used: space.result.used,
          allocated: allocatedBytes(space.result.allocation),
        };
      }),
    revoke: () =>
      mapped(async () => {
        await call((client) => client.authTokenRevoke());
      }),
  };
  const uploads: UploadContext = { ...context, lookup: gateway, sessionThreshold: threshold, chunkBytes };
  return gateway;
}
