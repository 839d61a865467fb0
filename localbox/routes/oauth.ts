import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { codePage, consentPage, deniedPage, errorPage } from '../auth/consent-page.ts';
import {
  type AuthorizeRequest,
  isValidVerifier,
  parseAuthorizeRequest,
  sameSecret,
  verifierMatches,
} from '../auth/oauth-flow.ts';
import { isAcceptableRedirectUri, isRegisteredRedirectUri } from '../auth/redirect-uris.ts';
import { scopeList, scopeText } from '../auth/scopes.ts';
import { readSmallBody } from '../http/body.ts';
import { sendHtml, sendJson } from '../http/respond.ts';
import type { RawRoute } from '../server/route.ts';
import type { Services } from '../server/services.ts';

const FORM_LIMIT = 64 * 1024;
const NO_STORE = { 'Cache-Control': 'no-store' };

const flowOf = (services: Services) => services.oauth;
const appOf = (services: Services) => ({ name: services.config.appName, key: services.appKey });

// ---- The browser side: /oauth2/authorize -----------------------------------------------------------

/** What the browser gets: a page, or a trip back to the app with parameters on the redirect URI. */
type Answer =
  | { status: number; page: string }
  | { redirect: string; params: Record<string, string | undefined> };

const problem = (title: string, message: string): Answer => ({
  status: 400,
  page: errorPage(title, message),
});

function send(res: ServerResponse, answer: Answer): void {
  if ('page' in answer) {
    // same-origin, so the consent POST carries our Origin (see consent-page.ts); never sent elsewhere.
    sendHtml(res, answer.status, answer.page, { 'Referrer-Policy': 'same-origin' });
    return;
  }
  // no-referrer: the redirect carries a code that must not leak onward.
  const privacy = { 'Referrer-Policy': 'no-referrer' };
  // Appended by hand, not through URL, so the app gets back its redirect URI byte for byte.
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(answer.params))
    if (value !== undefined) query.append(name, value);
  const location = `${answer.redirect}${answer.redirect.includes('?') ? '&' : '?'}${query}`;
  res.writeHead(302, { ...NO_STORE, ...privacy, Location: location, 'Content-Length': 0 });
  res.end();
}

function consent(params: URLSearchParams, services: Services): Answer {
  const clientId = params.get('client_id');
  // Until client_id and redirect_uri check out, nothing may be sent to the redirect URI.
  if (!clientId)
    return problem('Invalid request', 'The app did not identify itself: "client_id" is missing.');
  if (clientId !== services.appKey)
    return problem('Unknown app', `There is no app with the key "${clientId}" on this localbox.`);
  const redirectUri = params.get('redirect_uri') ?? undefined;
  if (redirectUri !== undefined && !isAcceptableRedirectUri(redirectUri)) {
    return problem(
      'Invalid redirect URI',
      `"${redirectUri}" is not an allowed redirect URI: use https, or http to 127.0.0.1, localhost or [::1] with a port.`,
    );
  }
  // RFC 6749 §4.1.2.1: an unregistered redirect URI is shown as a page, never followed.
  if (redirectUri !== undefined && !isRegisteredRedirectUri(redirectUri, services.config.redirectUris)) {
    return problem(
      'Invalid redirect URI',
      `"${redirectUri}" is not a redirect URI registered for this app on this localbox.`,
    );
  }
  const responseType = params.get('response_type');
  if (responseType !== 'code') {
    const why =
      responseType === 'token'
        ? 'The implicit grant (response_type=token) is not supported; use the code flow with PKCE.'
        : '"response_type" must be "code".';
    return problem('Unsupported response type', why);
  }
  const granted = services.tokens.grantedScopes(clientId);
  const parsed = parseAuthorizeRequest(params, clientId, redirectUri, granted);
  if (!parsed.ok) {
    if (redirectUri === undefined) return problem('Invalid request', parsed.description);
    const { error, description, state } = parsed;
    return { redirect: redirectUri, params: { error, error_description: description, state } };
  }
  const { givenName, surname, email } = services.config.account;
  const ticket = flowOf(services).begin(parsed.request);
  const account = { displayName: `${givenName} ${surname}`.trim(), email };
  return {
    status: 200,
    page: consentPage({ app: appOf(services), account, ...ticket, scope: parsed.request.scope, redirectUri }),
  };
}

function decide(form: URLSearchParams, services: Services): Answer {
  const decision = form.get('decision');
  if (decision !== 'allow' && decision !== 'deny')
    return problem('Invalid request', 'Choose Allow or Deny on the sign-in page.');
  const request = flowOf(services).takeRequest({
    requestId: form.get('request_id') ?? '',
    formToken: form.get('form_token') ?? '',
  });
  if (!request) {
    return problem(
      'This sign-in page has expired',
      'The request was already answered or is more than 10 minutes old.',
    );
  }
  if (decision === 'deny') return refuse(request, services);
  const code = flowOf(services).issueCode(request);
  if (request.redirectUri === undefined) return { status: 200, page: codePage(appOf(services), code) };
  return { redirect: request.redirectUri, params: { code, state: request.state } };
}

function refuse(request: AuthorizeRequest, services: Services): Answer {
  if (request.redirectUri === undefined) return { status: 200, page: deniedPage(appOf(services)) };
  return {
    redirect: request.redirectUri,
    params: {
      error: 'access_denied',
      error_description: 'The user chose not to give your app access to their Dropbox account.',
      state: request.state,
    },
  };
}

/**
 * A browser says where a form was posted from: Origin, or (from older ones) Referer. The Host was
 * already checked as our own (server/gate.ts), so our page is the one served at that very origin.
 */
function fromOwnPage(req: IncomingMessage): boolean {
  const own = `http://${req.headers.host ?? ''}`;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null') return origin.toLowerCase() === own.toLowerCase();
  const referer = req.headers.referer;
  if (referer === undefined) return false;
  try {
    return new URL(referer).origin === new URL(own).origin;
  } catch {
    return false;
  }
}

async function authorize(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  services: Services,
): Promise<void> {
  if (req.method !== 'POST') return send(res, consent(url.searchParams, services));
  if (!fromOwnPage(req)) {
    req.resume();
    return send(res, {
      status: 403,
      page: errorPage('Refused', 'Allow and Deny work only from the sign-in page localbox showed you.'),
    });
  }
  const body = await readSmallBody(req, FORM_LIMIT);
  send(res, decide(new URLSearchParams(body?.toString('utf8') ?? ''), services));
}

// ---- The app side: /oauth2/token -------------------------------------------------------------------

type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_grant'
  | 'invalid_client'
  | 'invalid_scope'
  | 'unsupported_grant_type';

/** RFC 6749 §5.2 errors; Dropbox answers all of them with 400 and a JSON body. */
class OAuthError extends Error {
  constructor(
    readonly code: OAuthErrorCode,
    readonly description: string,
  ) {
    super(description);
  }
}

const badClient = () => new OAuthError('invalid_client', 'Invalid client_id or client_secret');

/**
 * Query string first, then a form body. The SDK sends everything in the query with an empty body,
 * and with `dataOnBody` the literal "[object Object]" as JSON: a body that is not a form is ignored.
 */
async function tokenParams(req: IncomingMessage, url: URL): Promise<URLSearchParams> {
  const params = new URLSearchParams(url.search);
  const body = await readSmallBody(req, FORM_LIMIT);
  if (body === null) throw new OAuthError('invalid_request', 'The request body is too large.');
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (body.length > 0 && (type === 'application/x-www-form-urlencoded' || type === '')) {
    for (const [name, value] of new URLSearchParams(body.toString('utf8'))) params.set(name, value);
  }
  return params;
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header?.trim() ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw badClient();
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

interface Client {
  id: string;
  /** True when the app proved it holds the app secret; PKCE is the other way to prove who it is. */
  authenticated: boolean;
}

function authenticateClient(req: IncomingMessage, params: URLSearchParams, services: Services): Client {
  const basic = basicCredentials(req.headers.authorization);
  const paramId = params.get('client_id') || undefined;
  if (basic && paramId !== undefined && paramId !== basic.id) throw badClient();
  const id = basic?.id ?? paramId;
  if (!id) throw new OAuthError('invalid_request', 'No auth function available for given request');
  if (id !== services.appKey) throw badClient();
  // An empty secret is what some public clients send for "none".
  const secrets = [basic?.secret, params.get('client_secret')].filter((s): s is string => !!s);
  const expected = services.config.appSecret;
  if (secrets.some((secret) => expected === undefined || !sameSecret(secret, expected))) throw badClient();
  return { id, authenticated: secrets.length > 0 };
}

function required(params: URLSearchParams, name: string): string {
  const value = params.get(name);
  if (!value) throw new OAuthError('invalid_request', `Missing required parameter "${name}".`);
  return value;
}

/** Dropbox's v1 numeric user id, still sent beside account_id; it only has to stay the same. */
const uidOf = (accountId: string) => String(createHash('sha256').update(accountId).digest().readUInt32BE(0));

function redeemCode(params: URLSearchParams, client: Client, services: Services): Record<string, unknown> {
  const grant = flowOf(services).takeCode(required(params, 'code'));
  // Taken before the checks below: a code that was presented once is spent, whatever the outcome.
  if (!grant || grant.clientId !== client.id)
    throw new OAuthError('invalid_grant', "code doesn't exist or has expired");
  const redirectUri = params.get('redirect_uri') ?? undefined;
  if (redirectUri !== grant.redirectUri) throw new OAuthError('invalid_grant', 'redirect_uri mismatch');
  const verifier = params.get('code_verifier') ?? undefined;
  if (grant.challenge) {
    if (verifier === undefined)
      throw new OAuthError('invalid_request', 'Missing required parameter "code_verifier".');
    if (!isValidVerifier(verifier) || !verifierMatches(verifier, grant.challenge))
      throw new OAuthError('invalid_grant', 'invalid code verifier');
  } else if (!client.authenticated) {
    // Without PKCE only the app secret proves the code is redeemed by the app it was issued to.
    throw badClient();
  }
  const issued = services.tokens.issue(
    client.id,
    grant.scope,
    grant.tokenAccessType === 'offline',
    !!grant.challenge,
  );
  const { accountId } = services.identity;
  return {
    access_token: issued.access_token,
    token_type: 'bearer',
    expires_in: issued.expires_in,
    ...(issued.refresh_token === undefined ? {} : { refresh_token: issued.refresh_token }),
    scope: grant.scope,
    uid: uidOf(accountId),
    account_id: accountId,
  };
}

/**
 * Refresh answers carry no refresh_token: the app keeps using the one it has. `scope` may narrow the
 * new token to some of what was granted (RFC 6749 §6: never more); the refresh token keeps them all.
 */
function refresh(params: URLSearchParams, client: Client, services: Services): Record<string, unknown> {
  const grant = services.tokens.findRefresh(required(params, 'refresh_token'), client.id);
  if (!grant) throw new OAuthError('invalid_grant', 'refresh token is invalid or has been revoked');
  // Dropbox lets a refresh token from PKCE be used without the secret; one from a secret-backed code needs it.
  if (!grant.pkce && services.config.appSecret !== undefined && !client.authenticated) throw badClient();
  const granted = scopeList(grant.scope);
  const asked = scopeList(params.get('scope') ?? '');
  const beyond = asked.find((name) => !granted.includes(name));
  if (beyond !== undefined)
    throw new OAuthError('invalid_scope', `"${beyond}" was not granted to this refresh token.`);
  const scope = asked.length === 0 ? grant.scope : scopeText(asked);
  const refreshed = services.tokens.refresh(grant, client.id, scope);
  return {
    access_token: refreshed.access_token,
    token_type: 'bearer',
    expires_in: refreshed.expires_in,
    scope,
  };
}

async function token(req: IncomingMessage, res: ServerResponse, url: URL, services: Services): Promise<void> {
  try {
    const params = await tokenParams(req, url);
    const grantType = required(params, 'grant_type');
    if (grantType !== 'authorization_code' && grantType !== 'refresh_token')
      throw new OAuthError(
        'unsupported_grant_type',
        `"grant_type" must be authorization_code or refresh_token.`,
      );
    const client = authenticateClient(req, params, services);
    const answer =
      grantType === 'authorization_code'
        ? redeemCode(params, client, services)
        : refresh(params, client, services);
    sendJson(res, 200, answer, NO_STORE);
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    sendJson(res, 400, { error: error.code, error_description: error.description }, NO_STORE);
  }
}

export const oauthRoutes: RawRoute[] = [
  {
    path: '/oauth2/authorize',
    methods: ['GET', 'POST'],
    // A browser page: injected API faults would only break the person signing in.
    faultable: false,
    handle: authorize,
  },
  { path: '/oauth2/token', methods: ['POST'], faultable: true, handle: token },
];
