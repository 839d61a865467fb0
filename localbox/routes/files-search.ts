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

interface SearchState {
  query: string;
  folder: string;
  deleted: boolean;
  extensions: string[] | undefined;
  byTime: boolean;
  pageSize: number;
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
  let rows = services.tree.searchNames(state.folder, words, state.deleted, MAX_MATCHES);
  if (state.extensions) {
    const wanted = state.extensions.map((ext) => `.${ext.toLowerCase().replace(/^\./, '')}`);
    rows = rows.filter((row) => row.kind === 'file' && wanted.some((ext) => row.path_lower.endsWith(ext)));
  }
  const ranked = rank(rows, words, state.byTime);
  const slice = ranked.slice(offset, offset + state.pageSize);
  const hasMore = offset + state.pageSize < ranked.length;
  return {
    matches: slice.map((row) => ({
      match_type: tag('filename'),
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
      };
      return run(services, state, 0);
    },
  }),
  apiRoute({
    name: 'files/search/continue_v2',
    style: 'rpc',
    auth: 'user',
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
