import type { AccountShape } from '../../common/contract/shapes.ts';
import type { ByteSource } from './byte-source.ts';
import type { RemoteEntry, RemoteFile, RemoteFolder } from './remote-file.ts';

export type WriteMode = { kind: 'add' } | { kind: 'overwrite' } | { kind: 'update'; rev: string };

export interface UploadOptions {
  mode: WriteMode;
  /** Conflict even for identical content or a file deleted meanwhile (Opus saves always set it). */
  strictConflict?: boolean;
  autorename?: boolean;
  /** Bytes sent so far; called for uploads that go through upload sessions. */
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
}

export interface FolderPage {
  entries: RemoteEntry[];
  cursor: string;
  hasMore: boolean;
}

export type Revision = RemoteFile;

/** Takes a download's body a chunk at a time, as it arrives. A throw from `write` stops the transfer. */
export interface BodySink<T> {
  /** The next bytes of the body; the sink may keep them (they are not reused). */
  write(chunk: Uint8Array): void;
  /** The body is complete: the answer made of it. */
  end(): T;
}

/** The account as Dropbox describes it: the contract's, but for where the files live, which the core knows. */
export type AccountInfo = Omit<AccountShape, 'provider'>;

/**
 * Dropbox as Opus sees it: one method per job, each one HTTP request unless it says otherwise, every
 * failure an OpusError with a kind. Retries (429, 5xx, network), token refresh and error mapping happen
 * inside; callers never see the SDK. Counts above are for the happy path: a retry, a refresh, or the
 * check that a lost upload landed adds requests. An aborted `signal` rejects with the signal's reason
 * (an AbortError), not an OpusError: cancelling is not a failure.
 */
export interface Gateway {
  /** One request: bytes and metadata (`files/download`). `path` may also be "id:…" or "rev:…". */
  download(path: string, signal?: AbortSignal): Promise<{ file: RemoteFile; bytes: Buffer }>;
  /**
   * One request, as `download`, but the body is handed to a sink as it arrives, so work on the bytes
   * overlaps their transfer. `sinkFor` is called once per attempt, with the file's metadata, before any
   * byte: a retry after a connection lost mid-body starts with a fresh sink. What the sink throws ends
   * the download as it is (an OpusError stays itself; it is not retried).
   */
  downloadInto<T>(
    path: string,
    sinkFor: (file: RemoteFile) => BodySink<T>,
    signal?: AbortSignal,
  ): Promise<{ file: RemoteFile; value: T }>;
  /**
   * One request up to the session threshold (`files/upload`), otherwise start/append…/finish (one per
   * chunk). A write the mode refuses (a stale `update` rev; under strictConflict also a file deleted
   * meanwhile, or identical content) is a `conflict` whose `detail.uploadSessionId` keeps the refused
   * bytes (single-request uploads only). A ByteSource above the threshold is made a chunk at a time.
   */
  upload(path: string, body: Uint8Array | ByteSource, options: UploadOptions): Promise<RemoteFile>;
  /**
   * One request (`upload_session/finish`, mode add, no autorename): commits bytes Dropbox kept from a
   * refused upload (the conflict's uploadSessionId, `size` = their length) to a free path.
   */
  commitKeptUpload(uploadSessionId: string, size: number, path: string): Promise<RemoteFile>;
  /** null when nothing is there (or it was deleted). */
  getMetadata(path: string): Promise<RemoteEntry | null>;
  /** `recursive`: every entry below `path`, and a cursor whose changes cover them all. */
  listFolder(path: string, options?: { limit?: number; recursive?: boolean }): Promise<FolderPage>;
  /** A cursor Dropbox can no longer continue (`reset`) fails as not_found, tags "reset": list again. */
  listFolderContinue(cursor: string): Promise<FolderPage>;
  latestCursor(path: string): Promise<string>;
  /**
   * No auth; resolves when something changed or after `timeoutSeconds` (30–480, + Dropbox's jitter of up
   * to 90 s); `reset` for a cursor Dropbox cannot continue. Silence past timeout + 90 s + a margin is offline.
   */
  longpoll(cursor: string, timeoutSeconds: number, signal?: AbortSignal): Promise<LongpollResult>;
  createFolder(path: string): Promise<RemoteFolder>;
  /**
   * One request (`files/search_v2`): the first page of matches, best first. `filenameOnly: false` asks
   * for contents too, which Dropbox answers only for accounts whose plan searches contents; the others
   * get name matches alone. Eventually consistent: a file written a moment ago may be missing.
   */
  search(query: string, options: { filenameOnly: boolean; maxResults: number }): Promise<SearchMatch[]>;
  listRevisions(path: string, limit?: number): Promise<{ isDeleted: boolean; revisions: Revision[] }>;
  restore(path: string, rev: string): Promise<RemoteFile>;
  /**
   * The URL of the item's shared link: one request (`sharing/create_shared_link_with_settings`) that
   * makes it, or finds it already there; a second (`sharing/list_shared_links`) when Dropbox's refusal
   * leaves the existing link out. The same URL every time, never a second link.
   */
  createSharedLink(path: string): Promise<string>;
  /** One request (`files/delete_v2`); with `parentRev`, only while the file is still at that rev (else `conflict`). */
  deleteFile(path: string, parentRev?: string): Promise<void>;
  /** Two requests, in parallel (`users/get_current_account`, `users/get_space_usage`). */
  account(): Promise<AccountInfo>;
  /** Revokes the tokens server-side (`auth/token/revoke`). */
  revoke(): Promise<void>;
}

/** A search answer: the entry, and whether its name, its contents or both matched. */
export interface SearchMatch {
  entry: RemoteEntry;
  matchedOn: 'name' | 'content' | 'both';
}

export type LongpollResult = { kind: 'changes' | 'timeout'; backoffSeconds?: number } | { kind: 'reset' };
