import { OpusError } from '../errors.ts';

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/**
 * A local file-system failure of the journal, in words the user can act on. Kind `unknown`: the closed
 * set has no "local disk" kind, and `insufficient_space` means the Dropbox is full.
 */
export function journalError(
  error: unknown,
  path: string,
  folder: string,
  action: 'write' | 'remove' = 'write',
): OpusError {
  if (error instanceof OpusError) return error;
  const code = codeOf(error);
  const still =
    action === 'write'
      ? 'Your text is still open in Opus; save it to Dropbox to keep it safe.'
      : 'It may be offered again for recovery on the next start.';
  let message: string;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    message = `The disk is full, so Opus could not keep its crash-recovery copy of ${path}. ${still}`;
  } else if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    message = `Opus is not allowed to ${action} its crash-recovery copy of ${path} in ${folder}. ${still}`;
  } else {
    const reason = code ?? (error instanceof Error ? error.message : String(error));
    message = `Opus could not ${action} its crash-recovery copy of ${path} (${reason}). ${still}`;
  }
  const wrapped = new OpusError('local_io', message);
  wrapped.cause = error;
  return wrapped;
}
