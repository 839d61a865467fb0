import { randomBytes } from 'node:crypto';
import { DropboxAuth } from 'dropbox';
import type { TestLocalbox } from './localbox.ts';

/** A loopback redirect as a desktop app registers it. Nothing listens there: the test reads the 302 instead. */
export const TEST_REDIRECT_URI = 'http://127.0.0.1:53682/callback';

export type TokenAccessType = 'offline' | 'online' | 'legacy';

export interface SignInOptions {
  /** null runs the no-redirect flow: the user copies the code from the page into the app. */
  redirectUri?: string | null;
  /** Must be URL-safe: the SDK pastes it into the authorize URL unencoded. Random by default. */
  state?: string;
  tokenAccessType?: TokenAccessType;
  scope?: string[];
  /** `user` adds every scope the app was granted before; the SDK sends `none` by default. */
  includeGrantedScopes?: 'none' | 'user';
  /** Defaults to the localbox's app key. */
  clientId?: string;
  /** Signs in as a confidential app: the SDK then sends the secret instead of a PKCE verifier. */
  clientSecret?: string;
}

export interface SignInResult {
  accessToken: string;
  refreshToken: string | undefined;
  expiresIn: number;
  accountId: string;
  uid: string;
  scope: string;
  /** The state the app got back with the code; undefined in the no-redirect flow. */
  state: string | undefined;
  /** Where the browser was sent after Allow; undefined in the no-redirect flow. */
  redirectedTo: string | undefined;
}

export interface ConsentForm {
  /** Absolute URL the form posts to. */
  action: string;
  /** Hidden fields, as the browser would submit them. */
  fields: Record<string, string>;
  buttons: Record<'allow' | 'deny', { name: string; value: string }>;
}

export interface TokenAnswer {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token?: string;
  scope: string;
  uid: string;
  account_id: string;
}

export const urlSafeState = () => randomBytes(18).toString('base64url');

/** The SDK builds authorize URLs on dropbox.com; a browser would open them, so the host is swapped by hand. */
export function onLocalbox(lb: TestLocalbox, sdkUrl: string): string {
  return sdkUrl.replace(/^https:\/\/[^/]+/, lb.box.url);
}

function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot|apos);/gi, (entity, name: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (name[0] !== '#') return named[name.toLowerCase()] ?? entity;
    const hex = name[1]?.toLowerCase() === 'x';
    return String.fromCodePoint(Number.parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10));
  });
}

/** Every `<tag …>` of one kind with its attributes, as a browser would read them. */
export function tagsOf(html: string, tag: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  for (const match of html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'gi'))) {
    const attributes: Record<string, string> = {};
    const attributePattern = /([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
    for (const attr of (match[1] ?? '').matchAll(attributePattern)) {
      const name = attr[1]?.toLowerCase();
      if (name) attributes[name] = decodeEntities(attr[2] ?? attr[3] ?? attr[4] ?? '');
    }
    found.push(attributes);
  }
  return found;
}

/** Reads the consent form the way a user's browser would submit it. */
export function readConsentForm(html: string, pageUrl: string): ConsentForm {
  const form = tagsOf(html, 'form').find((attributes) => attributes.id === 'consent');
  if (!form) throw new Error(`no consent form on the page:\n${html}`);
  const fields: Record<string, string> = {};
  for (const input of tagsOf(html, 'input'))
    if (input.type === 'hidden' && input.name) fields[input.name] = input.value ?? '';
  const button = (id: 'allow' | 'deny') => {
    const found = tagsOf(html, 'button').find((attributes) => attributes.id === id);
    if (!found?.name) throw new Error(`no ${id} button on the consent page`);
    return { name: found.name, value: found.value ?? '' };
  };
  const action = new URL(form.action ?? '', pageUrl).href;
  return { action, fields, buttons: { allow: button('allow'), deny: button('deny') } };
}

/** Opens the authorize URL as a browser would, without following any redirect. */
export async function openAuthorizePage(url: string): Promise<Response> {
  return fetch(url, { redirect: 'manual' });
}

/**
 * Clicks Allow or Deny: posts the form, returning the answer unfollowed (302 or a page). A browser sends
 * the page's Origin with it (the page's referrer policy is same-origin); `origin` plays another one.
 */
export async function submitConsent(
  form: ConsentForm,
  choice: 'allow' | 'deny',
  origin: string | null = new URL(form.action).origin,
): Promise<Response> {
  const body = new URLSearchParams(form.fields);
  body.append(form.buttons[choice].name, form.buttons[choice].value);
  return fetch(form.action, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      ...(origin === null ? {} : { Origin: origin }),
    },
    body,
    redirect: 'manual',
  });
}

/** The code the no-redirect page shows in its read-only field. */
export function readCodeFromPage(html: string): string {
  const field = tagsOf(html, 'input').find((attributes) => attributes.id === 'code');
  if (!field?.value) throw new Error(`no code on the page:\n${html}`);
  return field.value;
}

/** Opens the consent page for an authorize URL the SDK built, ready to click. */
export async function openConsent(lb: TestLocalbox, sdkUrl: string): Promise<ConsentForm> {
  const pageUrl = onLocalbox(lb, sdkUrl);
  const page = await openAuthorizePage(pageUrl);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`authorize page answered ${page.status}:\n${html}`);
  return readConsentForm(html, pageUrl);
}

/** After Allow: the code, from the redirect or from the page, and where the browser was sent. */
async function codeFrom(
  answer: Response,
): Promise<{ code: string; state: string | undefined; redirectedTo: string | undefined }> {
  if (answer.status === 200)
    return { code: readCodeFromPage(await answer.text()), state: undefined, redirectedTo: undefined };
  const location = answer.headers.get('location');
  if (answer.status !== 302 || !location)
    throw new Error(`Allow answered ${answer.status}: ${await answer.text()}`);
  const params = new URL(location).searchParams;
  const code = params.get('code');
  if (!code) throw new Error(`Allow redirected without a code: ${location}`);
  return { code, state: params.get('state') ?? undefined, redirectedTo: location };
}

export interface ConsentOutcome {
  /** The SDK instance that built the URL: it holds the PKCE verifier for the exchange. */
  auth: DropboxAuth;
  code: string;
  /** The redirect URI the app used (undefined in the no-redirect flow). */
  redirectUri: string | undefined;
  state: string | undefined;
  redirectedTo: string | undefined;
}

/**
 * The browser half of a sign-in with an app built on the official SDK: the app builds the authorize
 * URL (PKCE S256 unless it is a confidential app), the browser shows the consent page, the user
 * clicks Allow, and the app receives a code.
 */
export async function getCodeThroughConsentPage(
  lb: TestLocalbox,
  options: SignInOptions = {},
): Promise<ConsentOutcome> {
  const redirectUri =
    options.redirectUri === undefined ? TEST_REDIRECT_URI : (options.redirectUri ?? undefined);
  const auth = new DropboxAuth({
    clientId: options.clientId ?? lb.box.appKey,
    ...(options.clientSecret === undefined ? {} : { clientSecret: options.clientSecret }),
    fetch: lb.fetch,
  });
  // The SDK sends a secret instead of a verifier whenever it has one, so a confidential app skips PKCE.
  const usePkce = options.clientSecret === undefined;
  const sdkUrl = await auth.getAuthenticationUrl(
    redirectUri ?? '',
    options.state ?? urlSafeState(),
    'code',
    options.tokenAccessType ?? 'offline',
    options.scope,
    options.includeGrantedScopes ?? 'none',
    usePkce,
  );
  const form = await openConsent(lb, sdkUrl);
  return { auth, redirectUri, ...(await codeFrom(await submitConsent(form, 'allow'))) };
}

/** The whole sign-in, ending with the app exchanging its code for tokens through the SDK. */
export async function signInThroughConsentPage(
  lb: TestLocalbox,
  options: SignInOptions = {},
): Promise<SignInResult> {
  const { auth, code, redirectUri, state, redirectedTo } = await getCodeThroughConsentPage(lb, options);
  const exchanged = await auth.getAccessTokenFromCode(redirectUri ?? '', code);
  const answer = exchanged.result as TokenAnswer;
  return {
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token,
    expiresIn: answer.expires_in,
    accountId: answer.account_id,
    uid: answer.uid,
    scope: answer.scope,
    state,
    redirectedTo,
  };
}

export interface RawTokenAnswer {
  status: number;
  contentType: string | null;
  cacheControl: string | null;
  /** Parsed JSON, or the text when the answer was not JSON. */
  body: unknown;
}

/** A hand-made /oauth2/token call, for what the SDK cannot send or would hide (headers, exact bodies). */
export async function postToken(
  lb: TestLocalbox,
  query: Record<string, string>,
  init: { form?: Record<string, string>; headers?: Record<string, string>; method?: string } = {},
): Promise<RawTokenAnswer> {
  const search = new URLSearchParams(query).toString();
  const headers = {
    ...(init.form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
    ...init.headers,
  };
  const response = await fetch(`${lb.box.url}/oauth2/token${search ? `?${search}` : ''}`, {
    method: init.method ?? 'POST',
    headers,
    ...(init.form ? { body: new URLSearchParams(init.form) } : {}),
  });
  const text = await response.text();
  const contentType = response.headers.get('content-type');
  return {
    status: response.status,
    contentType,
    cacheControl: response.headers.get('cache-control'),
    body: contentType === 'application/json' ? JSON.parse(text) : text,
  };
}
