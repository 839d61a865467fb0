import { expect, test } from 'vitest';
import { buildAuthorizeUrl } from './authorize-url.ts';

test('carries every PKCE parameter, URL-encoded, to Dropbox’s authorize page', () => {
  const url = new URL(
    buildAuthorizeUrl({
      endpoints: { appKey: 'key with&odd=chars' },
      challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      state: 'st&ate=1',
      redirectUri: 'http://127.0.0.1:53682/callback',
    }),
  );
  expect(url.origin + url.pathname).toBe('https://www.dropbox.com/oauth2/authorize');
  expect(Object.fromEntries(url.searchParams)).toEqual({
    client_id: 'key with&odd=chars',
    response_type: 'code',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
    token_access_type: 'offline',
    scope:
      'account_info.read files.content.read files.content.write files.metadata.read sharing.read sharing.write',
    state: 'st&ate=1',
    redirect_uri: 'http://127.0.0.1:53682/callback',
  });
});

test('goes to localbox’s page, and leaves out redirect_uri for the paste-the-code flow', () => {
  const url = new URL(
    buildAuthorizeUrl({ endpoints: { appKey: 'k', origin: 'http://127.0.0.1:8765' }, challenge: 'c' }),
  );
  expect(url.href.startsWith('http://127.0.0.1:8765/oauth2/authorize?')).toBe(true);
  expect(url.searchParams.has('redirect_uri')).toBe(false);
  expect(url.searchParams.has('state')).toBe(false);
});
