import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { scopeList } from '../auth/scopes.ts';
import { readSmallBody } from '../http/body.ts';
import { AuthFailure, BadRequest } from '../http/errors.ts';
import { checkPathRoot, refuseTeamHeaders } from './path-root.ts';
import type { ApiRoute, Caller } from './route.ts';
import type { Services } from './services.ts';

const RPC_BODY_LIMIT = 4 * 1024 * 1024;
const JSON_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain; charset=dropbox-cors-hack',
];
const OCTET_TYPES = ['application/octet-stream', 'text/plain; charset=dropbox-cors-hack'];

const prefix = (route: ApiRoute) => `Error in call to API function "${route.name}"`;

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]+)$/;

/** Whether a request carries an access token that works here, judged from its headers alone. */
export function hasValidToken(req: IncomingMessage, services: Services): boolean {
  const header = req.headers.authorization;
  const token = header === undefined ? undefined : BEARER.exec(header.trim())?.[1];
  return token !== undefined && services.tokens.check(token, services.appKey).ok;
}

/**
 * Dropbox tells a token it could never have issued (400 "malformed") from one it does not know (401):
 * short-lived tokens are "sl." and url-safe characters, long-lived ones 64 url-safe characters. The
 * Python SDK's integration test holds 62 "z"s well formed and "asdf" malformed; ours are "sl.…" (auth/tokens.ts).
 */
const WELL_FORMED_TOKEN = /^(?:sl\.[A-Za-z0-9._-]+|[A-Za-z0-9_-]{60,})$/;

/**
 * Bearer token from the header (or the `authorization` URL parameter Dropbox allows for CORS), then what
 * the token may do: team headers refused, the route's scope held, the path root its own.
 */
export function authenticate(
  route: ApiRoute,
  req: IncomingMessage,
  url: URL,
  services: Services,
): Caller | undefined {
  if (route.auth === 'noauth') return undefined;
  const header = req.headers.authorization ?? url.searchParams.get('authorization') ?? undefined;
  if (!header) {
    throw new BadRequest(
      `${prefix(route)}: Must provide HTTP header "Authorization" or URL parameter "authorization".`,
    );
  }
  if (route.auth === 'app' || (route.auth === 'app_or_user' && /^Basic /i.test(header.trim()))) {
    authenticateApp(route, header, services);
    return undefined;
  }
  const match = BEARER.exec(header.trim());
  if (!match?.[1]) {
    if (/^Basic /i.test(header))
      throw new BadRequest(
        `${prefix(route)}: This function requires user authentication; app authentication is not accepted.`,
      );
    throw new BadRequest(`${prefix(route)}: The given OAuth 2 access token is malformed.`);
  }
  const token = match[1];
  if (!WELL_FORMED_TOKEN.test(token))
    throw new BadRequest(`${prefix(route)}: The given OAuth 2 access token is malformed.`);
  const check = services.tokens.check(token, services.appKey);
  if (!check.ok)
    throw new AuthFailure(check.reason === 'expired' ? 'expired_access_token' : 'invalid_access_token');
  refuseTeamHeaders(req, prefix(route));
  if (route.scope !== null && !scopeList(check.scope).includes(route.scope))
    throw new AuthFailure('missing_scope', { required_scope: route.scope });
  checkPathRoot(req, prefix(route), services.identity);
  return { appKey: check.appKey, accessToken: token };
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** App authentication: HTTP Basic with the app key and secret; a wrong pair is refused like a bad token. */
function authenticateApp(route: ApiRoute, header: string, services: Services): void {
  const basic = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(header.trim());
  if (!basic?.[1]) {
    if (/^Bearer /i.test(header))
      throw new BadRequest(
        `${prefix(route)}: This function requires app authentication; user authentication is not accepted.`,
      );
    throw new BadRequest(
      `${prefix(route)}: Invalid authorization value in HTTP header "Authorization": "${header}".  Expecting "Basic <base64 encoded app key:app secret>".`,
    );
  }
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const key = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  const expected = services.config.appSecret;
  // A public (PKCE-only) localbox has no secret, so nothing can prove to be the app.
  const valid =
    colon > 0 &&
    expected !== undefined &&
    key === services.appKey &&
    timingSafeEqual(digest(secret), digest(expected));
  if (!valid) throw new AuthFailure('invalid_access_token');
}

function checkContentType(route: ApiRoute, req: IncomingMessage, allowed: string[]): void {
  const type = req.headers['content-type'];
  if (type === undefined) return;
  const normal = type
    .toLowerCase()
    .replace(/\s*;\s*/g, '; ')
    .trim();
  if (!allowed.includes(normal)) {
    throw new BadRequest(
      `${prefix(route)}: Bad HTTP "Content-Type" header: "${type}".  Expecting one of ${allowed.map((t) => `"${t}"`).join(', ')}.`,
    );
  }
}

/** The route's argument: the JSON body (rpc) or the Dropbox-API-Arg header / `arg` parameter (content routes). */
export async function readArg(route: ApiRoute, req: IncomingMessage, url: URL): Promise<unknown> {
  if (route.style === 'rpc') {
    checkContentType(route, req, JSON_TYPES);
    const body = await readSmallBody(req, RPC_BODY_LIMIT);
    if (body === null) throw new BadRequest(`${prefix(route)}: request body: too large`);
    return validate(route, 'request body', body.toString('utf8'));
  }
  if (route.style === 'upload') {
    const type = req.headers['content-type'];
    if (type === undefined)
      throw new BadRequest(
        `${prefix(route)}: Bad HTTP "Content-Type" header: missing.  Expecting one of ${OCTET_TYPES.map((t) => `"${t}"`).join(', ')}.`,
      );
    checkContentType(route, req, OCTET_TYPES);
  }
  const header = req.headers['dropbox-api-arg'];
  const text = typeof header === 'string' ? header : (url.searchParams.get('arg') ?? '');
  const where = typeof header === 'string' ? 'HTTP header "Dropbox-API-Arg"' : 'URL parameter "arg"';
  if (route.arg && text === '' && typeof header !== 'string' && !url.searchParams.has('arg')) {
    throw new BadRequest(
      `${prefix(route)}: Must provide HTTP header "Dropbox-API-Arg" or URL parameter "arg".`,
    );
  }
  return validate(route, where, text);
}

function validate(route: ApiRoute, where: string, text: string): unknown {
  if (!route.arg) {
    if (text.trim() === '' || text.trim() === 'null') return undefined;
    throw new BadRequest(`${prefix(route)}: ${where}: this function takes no arguments`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BadRequest(`${prefix(route)}: ${where}: could not decode input as JSON`);
  }
  if (hasLoneSurrogate(json)) {
    throw new BadRequest(`${prefix(route)}: ${where}: could not decode input as JSON: unpaired surrogate`);
  }
  const parsed = (route.arg as z.ZodType).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new BadRequest(`${prefix(route)}: ${where}: ${at}${describeIssue(issue)}`);
  }
  return parsed.data;
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'invalid input';
  if (issue.code === 'unrecognized_keys') return `unknown field '${issue.keys.join("', '")}'`;
  if (issue.code === 'invalid_type' && issue.message.includes('received undefined'))
    return 'missing required field';
  return issue.message;
}

// "\ud800" is valid JSON but not Unicode text: it has no UTF-8 form, so SQLite would hand back U+FFFD
// and a stored name would no longer match the one that finds it.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function hasLoneSurrogate(value: unknown): boolean {
  if (typeof value === 'string') return LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.some(hasLoneSurrogate);
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([key, field]) => LONE_SURROGATE.test(key) || hasLoneSurrogate(field));
  }
  return false;
}
