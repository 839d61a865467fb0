import { z } from 'zod';
import { TIMESTAMP_PATTERN } from '../domain/time.ts';
import { PathOrId, PathROrId, ReadPath, Rev, Sha256Hex, WritePath, WritePathOrId } from './paths.ts';
import { member, memberWith, optional, struct, uint, union } from './stone.ts';

// Argument structs of the files routes, as in files.stone. Fields Opus does not act on are still
// accepted (and checked), so any official SDK call passes validation.

const Timestamp = z
  .string()
  .regex(TIMESTAMP_PATTERN, { message: "time data does not match format '%Y-%m-%dT%H:%M:%SZ'" });
const bool = (fallback: boolean) => z.boolean().default(fallback);
const ignored = optional(z.unknown());

export const WriteMode = union(member('add'), member('overwrite'), memberWith('update', Rev));
export type WriteMode = z.infer<typeof WriteMode>;

const commitFields = {
  path: WritePathOrId,
  mode: WriteMode.default({ '.tag': 'add' }),
  autorename: bool(false),
  client_modified: optional(Timestamp),
  mute: bool(false),
  property_groups: ignored,
  strict_conflict: bool(false),
};

export const CommitInfo = struct(commitFields);
export type CommitInfo = z.infer<typeof CommitInfo>;

export const UploadArg = struct({ ...commitFields, content_hash: optional(Sha256Hex) });

export const UploadSessionStartArg = struct({
  close: bool(false),
  session_type: optional(union(member('sequential'), member('concurrent'))),
  content_hash: optional(Sha256Hex),
});

const UploadSessionCursor = struct({ session_id: z.string(), offset: z.number().int().min(0) });

export const UploadSessionAppendArg = struct({
  cursor: UploadSessionCursor,
  close: bool(false),
  content_hash: optional(Sha256Hex),
});

export const UploadSessionFinishArg = struct({
  cursor: UploadSessionCursor,
  commit: CommitInfo,
  content_hash: optional(Sha256Hex),
});

export const DownloadArg = struct({ path: ReadPath, rev: optional(Rev) });

export const GetMetadataArg = struct({
  // Dropbox names the root's problem before any pattern check: "path: The root folder is unsupported."
  path: z
    .string()
    .refine((path) => path !== '', 'The root folder is unsupported.')
    .pipe(ReadPath),
  include_media_info: bool(false),
  include_deleted: bool(false),
  include_has_explicit_shared_members: bool(false),
  include_property_groups: ignored,
});

const listFolderFields = {
  path: PathROrId,
  recursive: bool(false),
  include_media_info: bool(false),
  include_deleted: bool(false),
  include_has_explicit_shared_members: bool(false),
  include_mounted_folders: bool(true),
  limit: optional(uint(1, 2000)),
  shared_link: ignored,
  include_property_groups: ignored,
  include_non_downloadable_files: bool(true),
  include_restorable_info: bool(false),
};

export const ListFolderArg = struct(listFolderFields);
export type ListFolderArg = z.infer<typeof ListFolderArg>;

export const ListFolderContinueArg = struct({ cursor: z.string().min(1) });

export const ListFolderLongpollArg = struct({
  cursor: z.string().min(1),
  timeout: uint(30, 480).default(30),
});

export const ListRevisionsArg = struct({
  path: PathOrId,
  mode: union(member('path'), member('id')).default({ '.tag': 'path' }),
  limit: uint(1, 100).default(10),
  before_rev: optional(Rev),
  include_restorable_info: bool(false),
});

export const RestoreArg = struct({ path: WritePath, rev: Rev });

export const CreateFolderArg = struct({ path: WritePath, autorename: bool(false) });

export const DeleteArg = struct({ path: WritePathOrId, parent_rev: optional(Rev) });

export const RelocationArg = struct({
  from_path: WritePathOrId,
  to_path: WritePathOrId,
  allow_shared_folder: bool(false),
  autorename: bool(false),
  allow_ownership_transfer: bool(false),
});

const FileStatus = union(member('active'), member('deleted'));
const SearchOrderBy = union(member('relevance'), member('last_modified_time'));

export const SearchV2Arg = struct({
  query: z.string().max(1000),
  options: optional(
    struct({
      path: optional(PathROrId),
      max_results: uint(1, 1000).default(100),
      order_by: optional(SearchOrderBy),
      file_status: FileStatus.default({ '.tag': 'active' }),
      filename_only: bool(false),
      file_extensions: optional(z.array(z.string())),
      file_categories: ignored,
      account_id: ignored,
    }),
  ),
  match_field_options: optional(struct({ include_highlights: bool(false) })),
  include_highlights: optional(z.boolean()),
});

export const SearchV2ContinueArg = struct({ cursor: z.string().min(1) });
