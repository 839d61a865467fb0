import type { DropboxEndpoints } from '../dropbox/endpoints.ts';
import { OpusError } from '../errors.ts';
import { type AuthLog, silentLog } from './auth-log.ts';
import { buildAuthorizeUrl } from './authorize-url.ts';
import { exchangeCode, type SignedIn } from './code-exchange.ts';
import { startLoopbackListener } from './loopback-listener.ts';
import { createPkce, createState } from './pkce.ts';

export type { SignedIn } from './code-exchange.ts';
export { type SignOut, type SignOutResult, signOut } from './sign-out.ts';

export interface SignInOptions {
  endpoints: DropboxEndpoints;
  /** Opens the URL in the system browser (the shell passes shell.openExternal). */
  openExternal(url: string): Promise<void>;
  /** Registered loopback ports, tried in order; defaults to DEFAULT_LOOPBACK_PORTS. */
  ports?: readonly number[] | undefined;
  /** How long to wait for the browser; defaults to 5 minutes. */
  timeoutMs?: number | undefined;
  fetch?: typeof fetch | undefined;
  log?: AuthLog | undefined;
  now?: (() => number) | undefined;
}

export interface BrowserSignIn {
  /** Also shown in the window, for when the browser did not open or opened on the wrong profile. */
  authorizeUrl: string;
  /** Tokens once the browser came back and the code was exchanged; an OpusError otherwise. */
  done: Promise<SignedIn>;
  /** Gives up: `done` rejects with `signed_out` ("cancelled") and the port is released. */
  cancel(): void;
}

const browserDidNotOpen = () =>
  new OpusError(
    'unknown',
    'Opus could not open your web browser. Open the sign-in link yourself, or sign in by pasting a code.',
  );

/**
 * The primary sign-in: PKCE code flow in the system browser, redirected back to a one-shot listener
 * on 127.0.0.1. Resolves once the listener is up (it fails if no registered port is free).
 */
export async function startSignIn(options: SignInOptions): Promise<BrowserSignIn> {
  const { endpoints } = options;
  const log = options.log ?? silentLog;
  const controller = new AbortController();
  const pkce = createPkce();
  const state = createState();
  const listener = await startLoopbackListener({
    state,
    // A Dropbox with an origin of its own is a localbox (endpoints.ts).
    provider: endpoints.origin ? 'localbox' : 'dropbox',
    ports: options.ports,
    timeoutMs: options.timeoutMs,
    signal: controller.signal,
    log,
  });
  const { redirectUri } = listener;
  const authorizeUrl = buildAuthorizeUrl({ endpoints, challenge: pkce.challenge, state, redirectUri });

  const browserFailed = new Promise<never>((_, reject) => {
    // Through then(): an openExternal that throws instead of rejecting must not leave the port open.
    Promise.resolve()
      .then(() => options.openExternal(authorizeUrl))
      .catch(() => reject(browserDidNotOpen()));
  });
  browserFailed.catch(() => {});

  const done = (async () => {
    try {
      const code = await Promise.race([listener.code, browserFailed]);
      log.info('sign-in: exchanging the code for tokens');
      const signedIn = await exchangeCode({
        endpoints,
        code,
        verifier: pkce.verifier,
        redirectUri,
        fetch: options.fetch,
        signal: controller.signal,
        now: options.now,
      });
      log.info('sign-in: signed in');
      return signedIn;
    } catch (error) {
      log.warn(`sign-in: failed (${error instanceof OpusError ? error.kind : 'unexpected error'})`);
      throw error;
    } finally {
      await listener.close();
    }
  })();
  // A caller that cancels may never look at `done` again; that is not an unhandled rejection.
  done.catch(() => {});

  return { authorizeUrl, done, cancel: () => controller.abort() };
}

export interface PasteCodeOptions {
  endpoints: DropboxEndpoints;
  fetch?: typeof fetch | undefined;
  log?: AuthLog | undefined;
  now?: (() => number) | undefined;
}

export interface PasteCodeSignIn {
  /** No redirect_uri: Dropbox shows the code on its page for the person to copy into Opus. */
  authorizeUrl: string;
  /** May be called again after a mistyped code; the verifier stays valid until a code is redeemed. */
  complete(code: string): Promise<SignedIn>;
}

/** The fallback of the seed tutorial: no listener, the person pastes the code Dropbox shows. */
export function startPasteCodeSignIn(options: PasteCodeOptions): PasteCodeSignIn {
  const { endpoints } = options;
  const log = options.log ?? silentLog;
  const pkce = createPkce();
  const authorizeUrl = buildAuthorizeUrl({ endpoints, challenge: pkce.challenge });
  return {
    authorizeUrl,
    complete: async (pasted) => {
      // Copying from a page often brings a space or a line break along.
      const code = pasted.trim();
      if (code === '' || /\s/.test(code))
        throw new OpusError('invalid_request', 'Paste the code Dropbox showed you after you chose Allow.');
      log.info('sign-in: exchanging a pasted code for tokens');
      const signedIn = await exchangeCode({
        endpoints,
        code,
        verifier: pkce.verifier,
        fetch: options.fetch,
        now: options.now,
      });
      log.info('sign-in: signed in');
      return signedIn;
    },
  };
}
