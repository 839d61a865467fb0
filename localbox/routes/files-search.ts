import { readFileSync } from 'node:fs';
import { baseName, lowerPath } from '../domain/paths.ts';
import { lookup, lookupError } from '../files/lookup.ts';
import { taggedMetadata } from '../files/metadata.ts';
import { BadRequest, RouteError, tag } from '../http/errors.ts';
import { SearchV2Arg, SearchV2ContinueArg } from '../schemas/files-args.ts';
import { apiRoute } from '../server/route.ts';
import type { Services } from '../server/services.ts';
import type { EntryRow } from '../store/tree.ts';

/** Dropbox caps a search at 10,000 matches in all. */
const MAX_MATCHES = 10_000;
/** Dropbox indexes the text of a file's first few MiB; past that only the name is searched. */
const MAX_CONTENT_BYTES = 4 * 1024 * 1024;

interface SearchState {
  query: string;
  folder: string;
  deleted: boolean;
  extensions: string[] | undefined;
  byTime: boolean;
  pageSize: number;
  /** filename_only was false: contents are searched too (text files, case-insensitively). */
  contents?: boolean;
}

type MatchedOn = 'filename' | 'file_content' | 'filename_and_content';

/** Whether a file's text holds every word, in any casing; a file that is not text holds none. */
function textHolds(services: Services, row: EntryRow, words: string[]): boolean {
  if (row.kind !== 'file' || !row.content_hash || (row.size ?? 0) > MAX_CONTENT_BYTES) return false;
  let bytes: Buffer;
  try {
    bytes = readFileSync(services.blobs.pathOf(row.content_hash));
  } catch {
    return false;
  }
  if (bytes.subarray(0, 8192).includes(0)) return false;
  const text = bytes.toString('utf8').toLowerCase();
  return words.every((word) => text.includes(word));
}

/** Name matches (each marked if its text matches too), then the files matched by their text alone. */
function withContents(services: Services, state: SearchState, byName: EntryRow[], words: string[]) {
  const matched = new Map<string, MatchedOn>();
  for (const row of byName)
    matched.set(row.path_lower, textHolds(services, row, words) ? 'filename_and_content' : 'filename');
  if (!state.contents || state.deleted) return { rows: byName, matched };
  const contentOnly = services.tree
    .listPage(state.folder, true, false, '', MAX_MATCHES * 10)
    .filter((row) => !matched.has(row.path_lower) && textHolds(services, row, words));
  for (const row of contentOnly) matched.set(row.path_lower, 'file_content');
  return { rows: [...byName, ...contentOnly].slice(0, MAX_MATCHES), matched };
}

function rank(rows: EntryRow[], words: string[], byTime: boolean): EntryRow[] {
  if (byTime)
    return [...rows].sort((a, b) => (b.server_modified ?? '').localeCompare(a.server_modified ?? ''));
  // Relevance: an exact name first, then names that start with the query, then the rest by path.
  const phrase = words.join(' ');
  const score = (row: EntryRow) => {
    const name = baseName(row.path_lower);
    const stem = name.replace(/\.[^.]*$/, '');
    return name === phrase || stem === phrase ? 0 : name.startsWith(phrase) ? 1 : 2;
  };
  return [...rows].sort((a, b) => score(a) - score(b) || a.path_lower.localeCompare(b.path_lower));
}

function run(services: Services, state: SearchState, offset: number) {
  const words = state.query.toLowerCase().split(/\s+/).filter(Boolean);
  const byName = rank(
    services.tree.searchNames(state.folder, words, state.deleted, MAX_MATCHES),
    words,
    state.byTime,
  );
  const found = state.contents
    ? withContents(services, state, byName, words)
    : { rows: byName, matched: new Map<string, MatchedOn>() };
  let ranked = state.contents && state.byTime ? rank(found.rows, words, true) : found.rows;
  if (state.extensions) {
    const wanted = state.extensions.map((ext) => `.${ext.toLowerCase().replace(/^\./, '')}`);
    ranked = ranked.filter(
      (row) => row.kind === 'file' && wanted.some((ext) => row.path_lower.endsWith(ext)),
    );
  }
  const slice = ranked.slice(offset, offset + state.pageSize);
  const hasMore = offset + state.pageSize < ranked.length;
  return {
    matches: slice.map((row) => ({
      match_type: tag(found.matched.get(row.path_lower) ?? 'filename'),
      metadata: { '.tag': 'metadata', metadata: taggedMetadata(row) },
    })),
    has_more: hasMore,
    ...(hasMore
      ? {
          cursor: Buffer.from(
            JSON.stringify({ ...state, offset: offset + state.pageSize, e: services.epoch }),
          ).toString('base64url'),
        }
      : {}),
  };
}

export const searchRoutes = [
  apiRoute({
    name: 'files/search_v2',
    style: 'rpc',
    auth: 'user',
    scope: 'files.metadata.read',
    arg: SearchV2Arg,
    handle: ({ arg, services }) => {
      if (arg.query.trim() === '')
        throw new RouteError(tag('invalid_argument', { invalid_argument: 'The search query is empty.' }));
      const options = arg.options;
      let folder = '';
      if (options?.path) {
        const target = lookup(services, options.path);
        if (target.kind === 'entry' && target.row.kind === 'folder') folder = target.row.path_lower;
        else if (target.kind !== 'root')
          throw lookupError(
            'path',
            tag(target.kind === 'entry' && target.row.kind === 'file' ? 'not_folder' : 'not_found'),
          );
      }
      const state: SearchState = {
        query: arg.query,
        folder: lowerPath(folder),
        deleted: options?.file_status['.tag'] === 'deleted',
        extensions: options?.file_extensions,
        byTime: options?.order_by?.['.tag'] === 'last_modified_time',
        pageSize: options?.max_results ?? 100,
        contents: !(options?.filename_only ?? false),
      };
      return run(services, state, 0);
    },
  }),
  apiRoute({
    name: 'files/search/continue_v2',
    style: 'rpc',
    auth: 'user',
    scope: 'files.metadata.read',
    arg: SearchV2ContinueArg,
    handle: ({ arg, services }) => {
      let parsed: SearchState & { offset: number; e: string };
      try {
        parsed = JSON.parse(Buffer.from(arg.cursor, 'base64url').toString('utf8'));
      } catch {
        throw new BadRequest(
          'Error in call to API function "files/search/continue_v2": Invalid "cursor" parameter',
        );
      }
      if (
        typeof parsed?.offset !== 'number' ||
        typeof parsed.query !== 'string' ||
        parsed.e !== services.epoch
      ) {
        throw new BadRequest(
          'Error in call to API function "files/search/continue_v2": Invalid "cursor" parameter',
        );
      }
      return run(services, parsed, parsed.offset);
    },
  }),
];
