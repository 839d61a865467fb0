import { baseName, isDisallowedName, lowerPath, malformedReason, withSuffix } from '../domain/paths.ts';
import { tag, WriteFailure } from '../http/errors.ts';
import type { CommitInfo } from '../schemas/files-args.ts';
import type { Services } from '../server/services.ts';
import { type EntryRow, type FileRow, isFile, isLive } from '../store/tree.ts';
import { namespacePath } from './lookup.ts';

export interface StagedContent {
  /** An fsynced temp file holding the bytes, adopted into the blob store only if they are written. */
  tempPath: string;
  contentHash: string;
  size: number;
}

type Decision =
  | { kind: 'write' }
  | { kind: 'noop'; row: FileRow }
  | { kind: 'conflict'; on: 'file' | 'folder' };

// Stryker disable next-line ObjectLiteral,StringLiteral: commitFile writes on every decision that is neither noop nor conflict
const WRITE: Decision = { kind: 'write' };

/**
 * WriteMode as the spec describes it: nothing at the path → write; a folder → conflict; identical
 * content → no-op unless strict_conflict; otherwise add conflicts, overwrite replaces, update(rev)
 * replaces only when rev matches. strict_conflict also makes update conflict on a deleted file.
 */
function decide(current: EntryRow | undefined, commit: CommitInfo, contentHash: string): Decision {
  const mode = commit.mode;
  if (!isLive(current)) {
    return mode['.tag'] === 'update' && commit.strict_conflict ? { kind: 'conflict', on: 'file' } : WRITE;
  }
  if (current.kind === 'folder') return { kind: 'conflict', on: 'folder' };
  const file = current as FileRow;
  if (file.content_hash === contentHash && !commit.strict_conflict) return { kind: 'noop', row: file };
  if (mode['.tag'] === 'overwrite') return WRITE;
  // Stryker disable next-line ConditionalExpression: only update carries a rev (add's `update` is undefined)
  if (mode['.tag'] === 'update' && mode.update === file.rev) return WRITE;
  return { kind: 'conflict', on: 'file' };
}

/** "doc (2).txt", "doc (3).txt"…: an autorenamed add, overwrite, copy or move. */
const numbered = (n: number) => ` (${n + 1})`;
/** "doc (conflicted copy).txt", "doc (conflicted copy 2).txt"…: an autorenamed update. */
const conflictedCopy = (n: number) => (n === 1 ? ' (conflicted copy)' : ` (conflicted copy ${n})`);

/**
 * The first of the suffixed names that names nothing live: where an autorenamed write goes. A free name
 * always comes: the tree holds finitely many entries, so the count outruns them.
 */
export function freePath(services: Services, pathDisplay: string, suffixes = numbered): string {
  for (let n = 1; ; n++) {
    const candidate = withSuffix(pathDisplay, suffixes(n));
    if (!isLive(services.tree.entry(lowerPath(candidate)))) return candidate;
  }
}

/** Resolves a WritePathOrId to a display path, or the WriteError that Dropbox gives for it. */
export function writeTarget(services: Services, path: string): string {
  if (path.startsWith('id:')) {
    const row = services.tree.entryById(path);
    if (!row) throw new WriteFailure(tag('malformed_path'));
    return row.path_display;
  }
  let plain: string;
  try {
    // Stryker disable next-line StringLiteral: the lookup error it names is replaced by malformed_path below
    plain = namespacePath(services, path, 'path');
  } catch {
    throw new WriteFailure(tag('malformed_path'));
  }
  if (plain === '' || malformedReason(plain)) throw new WriteFailure(tag('malformed_path'));
  if (isDisallowedName(baseName(plain))) throw new WriteFailure(tag('disallowed_name'));
  return plain;
}

/**
 * Commits staged bytes to a path under the commit's rules, atomically: the check and the write happen in
 * one transaction, so of two saves against the same rev exactly one wins. Throws WriteFailure.
 * `ownSession`: the upload session being finished, whose bytes become the file rather than add to it.
 */
export function commitFile(
  services: Services,
  commit: CommitInfo,
  content: StagedContent,
  // Stryker disable next-line StringLiteral: a plain upload finishes no session, and no session has either id
  ownSession = '',
  now = Date.now(),
): FileRow {
  const { tree, db } = services;
  return db.transaction(() => {
    let pathDisplay = writeTarget(services, commit.path);
    if (tree.fileAncestor(lowerPath(pathDisplay)))
      throw new WriteFailure(tag('conflict', { conflict: tag('file_ancestor') }));
    let current = tree.entry(lowerPath(pathDisplay));
    const decision = decide(current, commit, content.contentHash);
    if (decision.kind === 'noop') return decision.row;
    if (decision.kind === 'conflict') {
      if (!commit.autorename) throw new WriteFailure(tag('conflict', { conflict: tag(decision.on) }));
      pathDisplay = freePath(
        services,
        pathDisplay,
        commit.mode['.tag'] === 'update' ? conflictedCopy : numbered,
      );
      current = undefined;
    }
    const replaced = isFile(current) ? current.size : 0;
    // Open upload sessions hold space too, or refused uploads could fill the disk past the quota.
    const held = services.sessions.openBytes(ownSession, now);
    if (tree.usedBytes() + held - replaced + content.size > services.config.quotaBytes) {
      throw new WriteFailure(tag('insufficient_space'));
    }
    services.blobs.adopt(content.tempPath, content.contentHash);
    return tree.putFile(
      {
        pathDisplay,
        contentHash: content.contentHash,
        size: content.size,
        clientModified: commit.client_modified,
      },
      now,
    );
  });
}
