import { OPUS_SCOPES } from '../../common/dropbox-scopes.ts';
import { authorizeUrl, type DropboxEndpoints } from '../dropbox/endpoints.ts';

export interface AuthorizeRequest {
  endpoints: DropboxEndpoints;
  challenge: string;
  /** Absent in the paste-the-code flow, where a state has nothing to protect. */
  state?: string | undefined;
  /** Absent in the paste-the-code flow: the page then shows the code instead of redirecting. */
  redirectUri?: string | undefined;
}

/**
 * The URL the browser opens. Built here rather than with the SDK's getAuthenticationUrl, which pastes
 * the parameters in without URL-encoding them (a `state` or a `scope` with `&` or spaces comes out
 * broken).
 */
export function buildAuthorizeUrl(request: AuthorizeRequest): string {
  const query = new URLSearchParams({
    client_id: request.endpoints.appKey,
    response_type: 'code',
    code_challenge: request.challenge,
    code_challenge_method: 'S256',
    // offline is what returns a refresh token; online would mean signing in again every 4 hours.
    token_access_type: 'offline',
    // Only what the gateway uses: a Dropbox app may have more ticked, and would grant them all.
    scope: OPUS_SCOPES.join(' '),
  });
  if (request.state !== undefined) query.set('state', request.state);
  if (request.redirectUri !== undefined) query.set('redirect_uri', request.redirectUri);
  return `${authorizeUrl(request.endpoints)}?${query}`;
}
