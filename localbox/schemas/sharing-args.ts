import { z } from 'zod';
import { TIMESTAMP_PATTERN } from '../domain/time.ts';
import { ReadPath } from './paths.ts';
import { member, optional, pattern, struct, union } from './stone.ts';

// Argument structs of the shared-link routes, as in sharing.stone.

const Timestamp = z
  .string()
  .regex(TIMESTAMP_PATTERN, { message: "time data does not match format '%Y-%m-%dT%H:%M:%SZ'" });

/** sharing.Path (files.Path): a path relative to a shared folder link, starting with "/". */
const RelativePath = pattern('/(.|[\\r\\n])*');

export const LinkAudience = union(
  member('public'),
  member('team'),
  member('no_one'),
  member('password'),
  member('members'),
);

export const SharedLinkSettings = struct({
  require_password: optional(z.boolean()),
  link_password: optional(z.string()),
  expires: optional(Timestamp),
  audience: optional(LinkAudience),
  access: optional(union(member('viewer'), member('editor'), member('max'), member('default'))),
  requested_visibility: optional(union(member('public'), member('team_only'), member('password'))),
  allow_download: optional(z.boolean()),
});
export type SharedLinkSettings = z.infer<typeof SharedLinkSettings>;

export const CreateSharedLinkWithSettingsArg = struct({
  path: ReadPath,
  settings: optional(SharedLinkSettings),
});

export const ListSharedLinksArg = struct({
  path: optional(ReadPath),
  cursor: optional(z.string()),
  direct_only: optional(z.boolean()),
});

export const GetSharedLinkMetadataArg = struct({
  url: z.string(),
  path: optional(RelativePath),
  link_password: optional(z.string()),
});
export type GetSharedLinkMetadataArg = z.infer<typeof GetSharedLinkMetadataArg>;

export const ModifySharedLinkSettingsArgs = struct({
  url: z.string(),
  settings: SharedLinkSettings,
  remove_expiration: z.boolean().default(false),
});

export const RevokeSharedLinkArg = struct({ url: z.string() });
