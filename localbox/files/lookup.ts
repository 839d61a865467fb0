import { lowerPath, malformedReason } from '../domain/paths.ts';
import { RouteError, tag, type Union } from '../http/errors.ts';
import type { Services } from '../server/services.ts';
import type { EntryRow, RevisionRow } from '../store/tree.ts';
import { isLive } from '../store/tree.ts';

export type Target =
  | { kind: 'root' }
  | { kind: 'entry'; row: EntryRow }
  | { kind: 'missing'; pathDisplay: string }
  | { kind: 'revision'; row: RevisionRow };

/** A LookupError wrapped in the route's own union member (`path`, `path_lookup`, `from_lookup`…). */
export const lookupError = (member: string, reason: Union): RouteError =>
  new RouteError(tag(member, { [member]: reason }));

/**
 * Turns a path argument ("", "/a/b", "id:…", "rev:…", "ns:N/…") into what it names now. Deleted entries
 * come back as `entry` rows of kind "deleted" so callers can tell "never existed" from "deleted".
 */
export function lookup(services: Services, path: string, errorMember = 'path'): Target {
  if (path === '') return { kind: 'root' };
  if (path.startsWith('id:')) {
    const row = services.tree.entryById(path);
    if (!row) throw lookupError(errorMember, tag('not_found'));
    return { kind: 'entry', row };
  }
  if (path.startsWith('rev:')) {
    const row = services.tree.revision(path.slice(4));
    if (!row) throw lookupError(errorMember, tag('not_found'));
    return { kind: 'revision', row };
  }
  const plain = namespacePath(services, path, errorMember);
  if (plain === '') return { kind: 'root' };
  if (malformedReason(plain)) throw lookupError(errorMember, tag('malformed_path'));
  const row = services.tree.entry(lowerPath(plain));
  return row ? { kind: 'entry', row } : { kind: 'missing', pathDisplay: plain };
}

/** The live entry a path names, or the LookupError Dropbox gives. */
export function lookupLive(services: Services, path: string, errorMember = 'path'): EntryRow {
  const target = lookup(services, path, errorMember);
  if (target.kind === 'entry' && isLive(target.row)) return target.row;
  if (target.kind === 'root') throw lookupError(errorMember, tag('malformed_path'));
  throw lookupError(errorMember, tag('not_found'));
}

/** "ns:<our namespace>/x" is "/x"; any other namespace does not exist here. */
export function namespacePath(services: Services, path: string, errorMember: string): string {
  if (!path.startsWith('ns:')) return path;
  const match = /^ns:([0-9]+)(\/.*)?$/s.exec(path);
  if (!match || match[1] !== services.identity.namespaceId) throw lookupError(errorMember, tag('not_found'));
  return match[2] ?? '';
}
