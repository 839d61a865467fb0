import { type DropboxEndpoints, endpointFetch } from '../dropbox/endpoints.ts';
import { type AuthLog, silentLog } from './auth-log.ts';
import { failureOf, networkFailure } from './oauth-failure.ts';

const REVOKE_URL = 'https://api.dropboxapi.com/2/auth/token/revoke';

export interface SignOut {
  endpoints: DropboxEndpoints;
  /**
   * A current access token (ask the TokenProvider for one): revoking it also revokes its refresh
   * token and every access token refreshed from it. An expired one revokes nothing.
   */
  accessToken: string;
  fetch?: typeof fetch | undefined;
  log?: AuthLog | undefined;
}

/** `already_invalid`: Dropbox no longer knew the token, so there was nothing left to revoke. */
export type SignOutResult = 'revoked' | 'already_invalid';

/**
 * POST auth/token/revoke. The caller forgets its tokens whatever this returns; a network failure is
 * thrown (`offline`) so it can tell the person that Dropbox may still list Opus as connected.
 */
export async function signOut(request: SignOut): Promise<SignOutResult> {
  const log = request.log ?? silentLog;
  const send = endpointFetch(request.endpoints, request.fetch ?? fetch);
  let response: Response;
  try {
    // An RPC route with no argument: no body and no Content-Type, as the official SDK sends it.
    response = await send(REVOKE_URL, {
      method: 'POST',
      headers: { Authorization: `Bearer ${request.accessToken}` },
    });
  } catch (error) {
    throw networkFailure(error);
  }
  // 401: revoked, expired or unknown; 400: malformed. Either way the token no longer opens anything.
  if (response.status === 401 || response.status === 400) {
    await response.body?.cancel();
    log.info('sign-out: the access token was already invalid');
    return 'already_invalid';
  }
  if (!response.ok) throw await failureOf(response);
  await response.body?.cancel();
  log.info('sign-out: tokens revoked');
  return 'revoked';
}
