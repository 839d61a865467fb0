import { z } from 'zod';
import { DropboxTimestamp, Id, Rev } from './shapes.ts';

/**
 * Shared-link result shapes from sharing.stone, strict like shapes.ts. `id` and `path_lower`, optional
 * in the spec, are required: Dropbox fills them whenever the caller owns the link, as here.
 */

const tagOf = <const T extends readonly [string, ...string[]]>(...tags: T) =>
  z.strictObject({ '.tag': z.enum(tags) });

const LinkAudience = tagOf('public', 'team', 'no_one', 'password', 'members');
const RequestedVisibility = tagOf('public', 'team_only', 'password');
const ResolvedVisibility = tagOf(
  'public',
  'team_only',
  'password',
  'team_and_password',
  'shared_folder_only',
  'no_one',
  'only_you',
);
const disallowedReason = tagOf(
  'delete_and_recreate',
  'restricted_by_shared_folder',
  'restricted_by_team',
  'user_not_on_team',
  'user_account_type',
  'permission_denied',
).optional();

export const LinkPermissions = z.strictObject({
  resolved_visibility: ResolvedVisibility.optional(),
  requested_visibility: RequestedVisibility.optional(),
  can_revoke: z.boolean(),
  revoke_failure_reason: tagOf(
    'login_required',
    'email_verify_required',
    'password_required',
    'team_only',
    'owner_only',
  ).optional(),
  effective_audience: LinkAudience.optional(),
  link_access_level: tagOf('viewer', 'editor').optional(),
  visibility_policies: z.array(
    z.strictObject({
      policy: RequestedVisibility,
      resolved_policy: ResolvedVisibility,
      allowed: z.boolean(),
      disallowed_reason: disallowedReason,
    }),
  ),
  can_set_expiry: z.boolean(),
  can_remove_expiry: z.boolean(),
  allow_download: z.boolean(),
  can_allow_download: z.boolean(),
  can_disallow_download: z.boolean(),
  allow_comments: z.boolean(),
  team_restricts_comments: z.boolean(),
  audience_options: z
    .array(
      z.strictObject({ audience: LinkAudience, allowed: z.boolean(), disallowed_reason: disallowedReason }),
    )
    .optional(),
  can_set_password: z.boolean().optional(),
  can_remove_password: z.boolean().optional(),
  require_password: z.boolean().optional(),
  can_use_extended_sharing_controls: z.boolean().optional(),
  can_sync: z.boolean().optional(),
  can_request_access: z.boolean().optional(),
});

const linkFields = {
  url: z.url(),
  id: Id,
  name: z.string().regex(/^[^/]+$/),
  expires: DropboxTimestamp.optional(),
  path_lower: z.string().startsWith('/'),
  link_permissions: LinkPermissions,
};

export const FileLinkMetadata = z.strictObject({
  '.tag': z.literal('file'),
  ...linkFields,
  client_modified: DropboxTimestamp,
  server_modified: DropboxTimestamp,
  rev: Rev,
  size: z.number().int().nonnegative(),
});
export const FolderLinkMetadata = z.strictObject({ '.tag': z.literal('folder'), ...linkFields });
export const SharedLinkMetadata = z.discriminatedUnion('.tag', [FileLinkMetadata, FolderLinkMetadata]);

export const ListSharedLinksResult = z.strictObject({
  links: z.array(SharedLinkMetadata),
  has_more: z.boolean(),
  cursor: z.string().min(1).optional(),
});
