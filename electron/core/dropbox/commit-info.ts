import type { files } from 'dropbox';
import type { UploadOptions, WriteMode } from './gateway.ts';

export function writeMode(mode: WriteMode): files.WriteMode {
  return mode.kind === 'update' ? { '.tag': 'update', update: mode.rev } : { '.tag': mode.kind };
}

/** Where and how an upload commits, as files/upload and upload_session/finish both take it. */
export function commitInfo(
  path: string,
  options: Pick<UploadOptions, 'mode' | 'strictConflict' | 'autorename'>,
): files.CommitInfo {
  return {
    path,
    mode: writeMode(options.mode),
    autorename: options.autorename ?? false,
    strict_conflict: options.strictConflict ?? false,
  };
}

/** See CommitSafety.idempotent: only a strict, non-renaming update cannot write twice. */
export const isIdempotent = (options: Pick<UploadOptions, 'mode' | 'strictConflict' | 'autorename'>) =>
  options.mode.kind === 'update' && options.strictConflict === true && !options.autorename;
