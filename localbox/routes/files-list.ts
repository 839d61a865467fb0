import { once } from 'node:events';
import { type CursorState, decodeCursor, encodeCursor } from '../files/cursor.ts';
import { lookup, lookupError } from '../files/lookup.ts';
import { taggedMetadata } from '../files/metadata.ts';
import { BadRequest, tag } from '../http/errors.ts';
import { ListFolderArg, ListFolderContinueArg, ListFolderLongpollArg } from '../schemas/files-args.ts';
import { apiRoute } from '../server/route.ts';
import type { Services } from '../server/services.ts';
import { type EntryRow, isLive } from '../store/tree.ts';

const DEFAULT_LIMIT = 2000;

/** The folder a list_folder call names, as its path_lower ("" for the root). */
function folderOf(services: Services, route: string, path: string): EntryRow | null {
  if (path === '/') {
    throw new BadRequest(
      `Error in call to API function "${route}": request body: path: Specify the root folder as an empty string rather than as "/".`,
    );
  }
  const target = lookup(services, path);
  if (target.kind === 'root') return null;
  if (target.kind === 'entry' && target.row.kind === 'folder') return target.row;
  if (target.kind === 'entry' && target.row.kind === 'file') throw lookupError('path', tag('not_folder'));
  throw lookupError('path', tag('not_found'));
}

function stillAFolder(services: Services, folderLower: string): void {
  if (folderLower === '') return;
  const row = services.tree.entry(folderLower);
  if (!isLive(row) || row.kind !== 'folder') throw lookupError('path', tag('not_found'));
}

/** One page of the first listing, then of changes; the cursor says which. */
function page(services: Services, state: CursorState, folder: EntryRow | null) {
  const { tree } = services;
  if (state.a !== undefined) {
    const rows = tree.listPage(state.p, state.r, state.d, state.a, state.l);
    // A recursive listing of a folder starts with the folder itself, as Dropbox's does.
    const entries = state.a === '' && state.r && folder ? [folder, ...rows] : rows;
    const hasMore = rows.length === state.l;
    const last = rows.at(-1);
    const next: CursorState = hasMore && last ? { ...state, a: last.path_lower } : { ...state, a: undefined };
    return { entries: entries.map(taggedMetadata), cursor: encodeCursor(next), has_more: hasMore };
  }
  const rows = tree.changesSince(state.p, state.r, state.s, state.l);
  const hasMore = rows.length === state.l;
  const seen = hasMore ? (rows.at(-1)?.changed_seq ?? state.s) : tree.latestSeq;
  return {
    entries: rows.map(taggedMetadata),
    cursor: encodeCursor({ ...state, s: seen }),
    has_more: hasMore,
  };
}

function freshState(
  services: Services,
  arg: ListFolderArg,
  folder: EntryRow | null,
  listing: boolean,
): CursorState {
  return {
    e: services.epoch,
    p: folder?.path_lower ?? '',
    r: arg.recursive,
    d: arg.include_deleted,
    l: arg.limit ?? DEFAULT_LIMIT,
    s: services.tree.latestSeq,
    ...(listing ? { a: '' } : {}),
  };
}

async function waitForChange(
  services: Services,
  state: CursorState,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<boolean> {
  const changed = () => state.a !== undefined || services.tree.hasChangesSince(state.p, state.r, state.s);
  if (changed()) return true;
  const deadline = Date.now() + timeoutMs;
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener('abort', onAbort);
  services.changes.once('close', onAbort);
  const timer = setTimeout(onAbort, timeoutMs);
  try {
    while (Date.now() < deadline && !stop.signal.aborted) {
      await once(services.changes, 'change', { signal: stop.signal });
      if (changed()) return true;
    }
  } catch {
    // Aborted: the timeout passed, the client left, or localbox is closing.
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
    services.changes.off('close', onAbort);
  }
  return false;
}

export const listRoutes = [
  apiRoute({
    name: 'files/list_folder',
    style: 'rpc',
    auth: 'user',
    scope: 'files.metadata.read',
    arg: ListFolderArg,
    handle: ({ arg, services }) => {
      const folder = folderOf(services, 'files/list_folder', arg.path);
      return page(services, freshState(services, arg, folder, true), folder);
    },
  }),
  apiRoute({
    name: 'files/list_folder/continue',
    style: 'rpc',
    auth: 'user',
    scope: 'files.metadata.read',
    arg: ListFolderContinueArg,
    handle: ({ arg, services }) => {
      const state = decodeCursor('files/list_folder/continue', arg.cursor, services.epoch);
      stillAFolder(services, state.p);
      return page(services, state, state.p === '' ? null : (services.tree.entry(state.p) ?? null));
    },
  }),
  apiRoute({
    name: 'files/list_folder/get_latest_cursor',
    style: 'rpc',
    auth: 'user',
    scope: 'files.metadata.read',
    arg: ListFolderArg,
    handle: ({ arg, services }) => {
      const folder = folderOf(services, 'files/list_folder/get_latest_cursor', arg.path);
      return { cursor: encodeCursor(freshState(services, arg, folder, false)) };
    },
  }),
  apiRoute({
    name: 'files/list_folder/longpoll',
    style: 'rpc',
    auth: 'noauth',
    scope: 'files.metadata.read',
    arg: ListFolderLongpollArg,
    handle: async ({ arg, services, signal }) => {
      const state = decodeCursor('files/list_folder/longpoll', arg.cursor, services.epoch);
      const changes = await waitForChange(services, state, arg.timeout * 1000, signal);
      const backoff = services.faults.longpollBackoffSeconds;
      return backoff > 0 ? { changes, backoff } : { changes };
    },
  }),
];
