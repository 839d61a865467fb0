/**
 * Where Dropbox is: the real service, or a localbox origin. The official SDK always builds
 * https://<dropbox host>/… URLs, so for localbox a fetch wrapper swaps scheme and host; the paths
 * (/2/…, /oauth2/token) tell localbox's routes apart.
 */
export interface DropboxEndpoints {
  /** e.g. "http://127.0.0.1:8765" for localbox; undefined for real Dropbox. */
  origin?: string | undefined;
  appKey: string;
  /**
   * What names this Dropbox for the vault and the journal, when its origin does not: the embedded
   * localbox listens on a new port at every start but keeps its data folder and app key.
   */
  identity?: string | undefined;
}

/** The stable name of the service an account lives on: its identity, else its origin. */
export function serviceIdentity(endpoints: DropboxEndpoints): string {
  return endpoints.identity ?? endpoints.origin ?? new URL(DROPBOX_TOKEN_URL).origin;
}

export const DROPBOX_AUTHORIZE_URL = 'https://www.dropbox.com/oauth2/authorize';
export const DROPBOX_TOKEN_URL = 'https://api.dropboxapi.com/oauth2/token';

/** The authorize page a browser opens: the website for Dropbox, localbox's own page otherwise. */
export function authorizeUrl(endpoints: DropboxEndpoints): string {
  return endpoints.origin ? `${endpoints.origin}/oauth2/authorize` : DROPBOX_AUTHORIZE_URL;
}

export function tokenUrl(endpoints: DropboxEndpoints): string {
  return endpoints.origin ? `${endpoints.origin}/oauth2/token` : DROPBOX_TOKEN_URL;
}

/** A fetch that sends the SDK's Dropbox URLs to the configured origin. */
export function endpointFetch(endpoints: DropboxEndpoints, base: typeof fetch = fetch): typeof fetch {
  const origin = endpoints.origin;
  if (!origin) return base;
  return ((input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    return base(url.replace(/^https:\/\/[^/]+/, origin), init);
  }) as typeof fetch;
}
