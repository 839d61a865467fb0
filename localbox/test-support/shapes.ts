import { createHash } from 'node:crypto';
import type { file_properties, files, users } from 'dropbox';
import { DropboxResponseError } from 'dropbox';
import { expect } from 'vitest';
import { z } from 'zod';

/**
 * Result shapes straight from the Stone spec (files.stone, users.stone, common.stone), as zod validators.
 * Structs are strict: a field the spec does not define fails. Fields the spec marks optional but that
 * Dropbox always fills for a mounted file in a personal account (path_lower, path_display,
 * content_hash) are required here, because an editor relies on them.
 */

// --- aliases ---

/** common.DropboxTimestamp: "%Y-%m-%dT%H:%M:%SZ", no fractional seconds. */
export const DropboxTimestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
/** files.Rev: String(min_length=9, pattern="[0-9a-f]+"). */
export const Rev = z.string().regex(/^[0-9a-f]{9,}$/);
/** files.Id: "id:" and at least one character, as Dropbox hands them out. */
export const Id = z.string().regex(/^id:.+$/s);
export const Sha256HexHash = z.string().regex(/^[0-9a-f]{64}$/);
const UInt64 = z.number().int().nonnegative();
const NamespaceId = z.string().regex(/^[-_0-9a-zA-Z:]+$/);
/** A struct localbox never fills, typed as the SDK types it, so a stray value at least has to be an object. */
const opaque = <T>() => z.custom<T>((value) => typeof value === 'object' && value !== null);

// --- files.Metadata and its subtypes (files.stone 759-898) ---

const metadataFields = {
  name: z.string().regex(/^[^/]+$/),
  path_lower: z.string().startsWith('/'),
  path_display: z.string().startsWith('/'),
  parent_shared_folder_id: NamespaceId.optional(),
  preview_url: z.string().optional(),
};

const fileFields = {
  ...metadataFields,
  id: Id,
  client_modified: DropboxTimestamp,
  server_modified: DropboxTimestamp,
  rev: Rev,
  size: UInt64,
  media_info: opaque<files.MediaInfo>().optional(),
  symlink_info: z.strictObject({ target: z.string() }).optional(),
  sharing_info: opaque<files.FileSharingInfo>().optional(),
  is_downloadable: z.boolean(),
  export_info: z
    .strictObject({ export_as: z.string().optional(), export_options: z.array(z.string()).optional() })
    .optional(),
  property_groups: z.array(opaque<file_properties.PropertyGroup>()).optional(),
  has_explicit_shared_members: z.boolean().optional(),
  content_hash: Sha256HexHash,
  file_lock_info: opaque<files.FileLockMetadata>().optional(),
  is_restorable: z.boolean().optional(),
};

const folderFields = {
  ...metadataFields,
  id: Id,
  shared_folder_id: NamespaceId.optional(),
  sharing_info: opaque<files.FolderSharingInfo>().optional(),
  property_groups: z.array(opaque<file_properties.PropertyGroup>()).optional(),
};

const deletedFields = { ...metadataFields, is_restorable: z.boolean().optional() };

/** FileMetadata as a route's own result (upload, download, restore, list_revisions entries): no ".tag". */
export const FileMetadata = z.strictObject(fileFields);
export const FolderMetadata = z.strictObject(folderFields);
export const DeletedMetadata = z.strictObject(deletedFields);

export const TaggedFile = z.strictObject({ '.tag': z.literal('file'), ...fileFields });
export const TaggedFolder = z.strictObject({ '.tag': z.literal('folder'), ...folderFields });
export const TaggedDeleted = z.strictObject({ '.tag': z.literal('deleted'), ...deletedFields });
/** The Metadata union as it appears inside results: get_metadata, list_folder entries, delete, move. */
export const Metadata = z.discriminatedUnion('.tag', [TaggedFile, TaggedFolder, TaggedDeleted]);

// --- files results ---

export const ListFolderResult = z.strictObject({
  entries: z.array(Metadata),
  cursor: z.string().min(1),
  has_more: z.boolean(),
});
export const ListFolderGetLatestCursorResult = z.strictObject({ cursor: z.string().min(1) });
export const ListFolderLongpollResult = z.strictObject({ changes: z.boolean(), backoff: UInt64.optional() });

export const ListRevisionsResult = z.strictObject({
  is_deleted: z.boolean(),
  server_deleted: DropboxTimestamp.optional(),
  entries: z.array(FileMetadata),
  has_more: z.boolean(),
});

export const UploadSessionStartResult = z.strictObject({ session_id: z.string().min(1) });
export const CreateFolderResult = z.strictObject({ metadata: FolderMetadata });
export const DeleteResult = z.strictObject({ metadata: Metadata });
export const RelocationResult = z.strictObject({ metadata: Metadata });

const SearchMatchTypeV2 = z.discriminatedUnion('.tag', [
  z.strictObject({ '.tag': z.literal('filename') }),
  z.strictObject({ '.tag': z.literal('file_content') }),
  z.strictObject({ '.tag': z.literal('filename_and_content') }),
  z.strictObject({ '.tag': z.literal('image_content') }),
  z.strictObject({ '.tag': z.literal('metadata') }),
]);

export const SearchMatchV2 = z.strictObject({
  metadata: z.strictObject({ '.tag': z.literal('metadata'), metadata: Metadata }),
  match_type: SearchMatchTypeV2.optional(),
  highlight_spans: z
    .array(z.strictObject({ highlight_str: z.string(), is_highlighted: z.boolean() }))
    .optional(),
});

export const SearchV2Result = z.strictObject({
  matches: z.array(SearchMatchV2),
  has_more: z.boolean(),
  cursor: z.string().min(1).optional(),
});

// --- users (users.stone, users_common.stone, common.stone) ---

const Name = z.strictObject({
  given_name: z.string(),
  surname: z.string(),
  familiar_name: z.string(),
  display_name: z.string(),
  abbreviated_name: z.string(),
});

const rootFields = { root_namespace_id: NamespaceId, home_namespace_id: NamespaceId };
const RootInfo = z.discriminatedUnion('.tag', [
  z.strictObject({ '.tag': z.literal('user'), ...rootFields, home_path: z.string().optional() }),
  z.strictObject({ '.tag': z.literal('team'), ...rootFields, home_path: z.string() }),
]);

export const FullAccount = z.strictObject({
  account_id: z.string().length(40),
  name: Name,
  email: z.string(),
  email_verified: z.boolean(),
  profile_photo_url: z.string().optional(),
  disabled: z.boolean(),
  country: z.string().length(2).optional(),
  locale: z.string().min(2),
  referral_link: z.string(),
  team: opaque<users.FullTeam>().optional(),
  team_member_id: z.string().optional(),
  is_paired: z.boolean(),
  account_type: z.discriminatedUnion('.tag', [
    z.strictObject({ '.tag': z.literal('basic') }),
    z.strictObject({ '.tag': z.literal('pro') }),
    z.strictObject({ '.tag': z.literal('business') }),
  ]),
  root_info: RootInfo,
});

export const SpaceUsage = z.strictObject({
  used: UInt64,
  allocation: z.discriminatedUnion('.tag', [
    z.strictObject({ '.tag': z.literal('individual'), allocated: UInt64 }),
    z.strictObject({
      '.tag': z.literal('team'),
      used: UInt64,
      allocated: UInt64,
      user_within_team_space_allocated: UInt64,
      user_within_team_space_limit_type: z.discriminatedUnion('.tag', [
        z.strictObject({ '.tag': z.literal('off') }),
        z.strictObject({ '.tag': z.literal('alert_only') }),
        z.strictObject({ '.tag': z.literal('stop_sync') }),
      ]),
      user_within_team_space_used_cached: UInt64,
    }),
  ]),
});

// --- errors ---

/** A union value in Stone's JSON: an object with a ".tag" (what it holds is checked by each test). */
const UnionValue = z.looseObject({ '.tag': z.string() });

/** The body of every 409 (and 401): the route's (or AuthError's) union with a summary of its tag chain. */
export const ErrorEnvelope = z.strictObject({
  error_summary: z.string(),
  error: UnionValue,
  user_message: z.strictObject({ text: z.string(), locale: z.string() }).optional(),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

/** The ".tag" chain of a union value: nested members by the tag's own key, struct fields by any key. */
export function tagChain(value: unknown): string[] {
  if (!value || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const own = typeof record['.tag'] === 'string' ? [record['.tag']] : [];
  const nestedKey = own[0] !== undefined && typeof record[own[0]] === 'object' ? own[0] : undefined;
  const next =
    nestedKey ??
    Object.keys(record).find((key) => {
      const field = record[key];
      return key !== '.tag' && typeof field === 'object' && field !== null && '.tag' in field;
    });
  return next === undefined ? own : [...own, ...tagChain(record[next])];
}

// --- helpers for tests ---

/** Validates a value against a shape and returns it typed; the caller assigns it to the SDK's type. */
export function expectShape<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new Error(
      `shape mismatch: ${z.prettifyError(parsed.error)}\nvalue: ${JSON.stringify(value, null, 2)}`,
    );
  }
  return parsed.data;
}

export interface CaughtError {
  status: number;
  headers: Headers;
  /** The parsed body: the envelope for JSON answers, a string for 400 text. */
  body: unknown;
}

/** Awaits a call that must fail, returning what the SDK's DropboxResponseError carries. */
export async function failureOf(call: Promise<unknown>): Promise<CaughtError> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof DropboxResponseError)) throw error;
    const e = error as DropboxResponseError<unknown>;
    return { status: e.status, headers: e.headers as Headers, body: e.error };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/**
 * A route error as Dropbox sends it: HTTP 409, Content-Type exactly application/json, the envelope's
 * shape, and an error_summary that spells the union's tag chain. Returns the union (`e.error.error`).
 */
export async function routeError(call: Promise<unknown>, status = 409): Promise<ErrorEnvelope['error']> {
  const caught = await failureOf(call);
  expect(caught.status, JSON.stringify(caught.body)).toBe(status);
  expect(caught.headers.get('content-type')).toBe('application/json');
  const envelope = expectShape(ErrorEnvelope, caught.body);
  const chain = tagChain(envelope.error);
  expect(envelope.error_summary).toMatch(new RegExp(`^${chain.join('/')}/\\.{0,3}$`));
  return envelope.error;
}

/** A 400 as Dropbox sends it: plain text, which the SDK hands over as a string. */
export async function badRequest(call: Promise<unknown>): Promise<string> {
  const caught = await failureOf(call);
  expect(caught.status).toBe(400);
  expect(caught.headers.get('content-type')).toMatch(/^text\/plain/);
  expect(typeof caught.body).toBe('string');
  return caught.body as string;
}

/** Dropbox's content_hash, written from the published algorithm: SHA-256 over the 4 MiB blocks' SHA-256s. */
export function dropboxContentHash(bytes: Uint8Array): string {
  const block = 4 * 1024 * 1024;
  const digests: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += block)
    digests.push(
      createHash('sha256')
        .update(bytes.subarray(at, at + block))
        .digest(),
    );
  return createHash('sha256').update(Buffer.concat(digests)).digest('hex');
}
