/**
 * The scopes Opus asks for at sign-in: what the gateway's routes need (the Stone spec's `scope` of each, read by the page too for the App Console hint:
 * files/download needs files.content.read, files/upload and its sessions, create_folder_v2 and restore
 * files.content.write, get_metadata, list_folder…, list_revisions files.metadata.read, the account's two
 * routes account_info.read, Copy Dropbox link's create_shared_link_with_settings sharing.write and its
 * list_shared_links sharing.read; longpoll and token/revoke need none), and no more. A route added to the
 * gateway that needs another fails `journeys/the-scopes-opus-asks-for-cover-every-gateway-route.test.ts`.
 */
export const OPUS_SCOPES = [
  'account_info.read',
  'files.content.read',
  'files.content.write',
  'files.metadata.read',
  'sharing.read',
  'sharing.write',
] as const;

export type OpusScope = (typeof OPUS_SCOPES)[number];
