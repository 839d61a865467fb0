import { CreateFolderArg, DeleteArg, RelocationArg } from '../schemas/files-args.ts';
import { type ApiRoute, apiRoute, type Call } from '../server/route.ts';
import { copyRoutes } from './files-copy.ts';
import { opsRoutes } from './files-ops.ts';

/**
 * The first versions of create_folder, delete, move and copy: deprecated in files.stone but still
 * served, and still called by older SDKs. Each does what its `_v2` does and answers the bare
 * metadata (FolderMetadata or Metadata) instead of the `{metadata}` wrapper.
 */

function handlerOf(name: string): (call: Call<unknown>) => unknown {
  const route = ([...opsRoutes, ...copyRoutes] as ApiRoute[]).find((candidate) => candidate.name === name);
  if (!route) throw new Error(`no route ${name}`);
  return (call) => route.handle(call);
}

export const deleteV2 = handlerOf('files/delete_v2');

const bare = (name: string) => {
  const v2 = handlerOf(name);
  return (call: Call<unknown>) => (v2(call) as { metadata: unknown }).metadata;
};

/** create_folder answers FolderMetadata, untagged; the others answer the tagged Metadata union. */
export const deprecatedRoutes = [
  apiRoute({
    name: 'files/create_folder',
    style: 'rpc',
    auth: 'user',
    scope: 'files.content.write',
    arg: CreateFolderArg,
    handle: bare('files/create_folder_v2'),
  }),
  apiRoute({
    name: 'files/delete',
    style: 'rpc',
    auth: 'user',
    scope: 'files.content.write',
    arg: DeleteArg,
    handle: bare('files/delete_v2'),
  }),
  apiRoute({
    name: 'files/move',
    style: 'rpc',
    auth: 'user',
    scope: 'files.content.write',
    arg: RelocationArg,
    handle: bare('files/move_v2'),
  }),
  apiRoute({
    name: 'files/copy',
    style: 'rpc',
    auth: 'user',
    scope: 'files.content.write',
    arg: RelocationArg,
    handle: bare('files/copy_v2'),
  }),
];
