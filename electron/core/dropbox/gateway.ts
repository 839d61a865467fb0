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

export interface AccountInfo {
  accountId: string;
  displayName: string;
  email: string;
  used: number;
  allocated: number;
}

/**
 * Dropbox as Opus sees it: one method per job, each one HTTP request unless it says otherwise, every
 * failure an OpusError with a kind. Retries (429, 5xx, network), token refresh and error mapping happen
 * inside; callers never see the SDK.
 */
export interface Gateway {
  /** One request: bytes and metadata (`files/download`). `path` may also be "id:…" or "rev:…". */
  download(path: string, signal?: AbortSignal): Promise<{ file: RemoteFile; bytes: Buffer }>;
  /** One request below the session threshold (`files/upload`), otherwise start/append…/finish. */
  upload(path: string, bytes: Uint8Array, options: UploadOptions): Promise<RemoteFile>;
  /** Commits bytes Dropbox kept from a refused upload (the conflict's uploadSessionId) to another path. */
  commitKeptUpload(uploadSessionId: string, size: number, path: string): Promise<RemoteFile>;
  /** null when nothing is there (or it was deleted). */
  getMetadata(path: string): Promise<RemoteEntry | null>;
  listFolder(path: string, options?: { limit?: number }): Promise<FolderPage>;
  listFolderContinue(cursor: string): Promise<FolderPage>;
  latestCursor(path: string): Promise<string>;
  /** No auth; resolves when something changed or after `timeoutSeconds` (+ Dropbox's jitter of up to 90 s). */
  longpoll(cursor: string, timeoutSeconds: number, signal?: AbortSignal): Promise<LongpollResult>;
  createFolder(path: string): Promise<RemoteFolder>;
  listRevisions(path: string, limit?: number): Promise<{ isDeleted: boolean; revisions: Revision[] }>;
  restore(path: string, rev: string): Promise<RemoteFile>;
  account(): Promise<AccountInfo>;
  /** Revokes the tokens server-side (`auth/token/revoke`). */
  revoke(): Promise<void>;
}

export type LongpollResult = { kind: 'changes' | 'timeout'; backoffSeconds?: number } | { kind: 'reset' };
