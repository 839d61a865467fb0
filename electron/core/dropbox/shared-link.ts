import type { Dropbox } from 'dropbox';
import { tagChain } from './error-mapping.ts';
import { isHttpFailure, isRecord, routeError } from './wire-failure.ts';

/**
 * The link Dropbox keeps for a file: one per item and audience, so asking twice must hand back the same
 * URL, never a second link. Dropbox refuses a second `create_shared_link_with_settings` with
 * `shared_link_already_exists`, carrying the existing link's metadata only when it matches what was
 * asked (sharing.stone); otherwise `list_shared_links` with `direct_only` names it (a folder's link
 * would reach the file too, but is not the file's own).
 */
export async function sharedLinkUrl(client: Dropbox, path: string): Promise<string> {
  try {
    const { result } = await client.sharingCreateSharedLinkWithSettings({ path });
    return result.url;
  } catch (error) {
    const carried = existingLinkUrl(error);
    if (carried === null) throw error;
    if (carried) return carried;
  }
  const { result } = await client.sharingListSharedLinks({ path, direct_only: true });
  const url = result.links[0]?.url;
  // Dropbox just said a link exists; one that vanished in between is the same as none found.
  if (url === undefined) throw new Error('list_shared_links named no link after shared_link_already_exists');
  return url;
}

/** null: not the "already exists" refusal; '': it is, without metadata; else the existing link's URL. */
function existingLinkUrl(error: unknown): string | null {
  if (!isHttpFailure(error) || error.status !== 409) return null;
  const union = routeError(error);
  if (tagChain(union)[0] !== 'shared_link_already_exists') return null;
  const reason = isRecord(union) ? union.shared_link_already_exists : undefined;
  const metadata = isRecord(reason) && reason['.tag'] === 'metadata' ? reason.metadata : undefined;
  return isRecord(metadata) && typeof metadata.url === 'string' ? metadata.url : '';
}
