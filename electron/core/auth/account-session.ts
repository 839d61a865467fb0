import type { DropboxEndpoints } from '../dropbox/endpoints.ts';
import type { TokenProvider } from '../dropbox/token-provider.ts';
import { OpusError } from '../errors.ts';
import type { AuthLog } from './auth-log.ts';
import { type BrowserSignIn, type SignedIn, signOut, startPasteCodeSignIn, startSignIn } from './sign-in.ts';
import { TokenSession } from './token-session.ts';
import type { TokenVault } from './token-vault.ts';

export interface AccountSessionOptions {
  endpoints: DropboxEndpoints;
  vault: TokenVault;
  openExternal(url: string): Promise<void>;
  ports?: readonly number[] | undefined;
  fetch?: typeof fetch | undefined;
  log?: AuthLog | undefined;
  /** Called whenever the user signs in or out (or the session ends on its own). */
  onChange(signedIn: boolean, error?: OpusError): void;
}

/**
 * Who is signed in, and the one place that holds their tokens: the refresh token in the encrypted
 * vault, the access token in memory (TokenSession). The gateway asks it for tokens through
 * `tokens`, which stays valid across sign-ins.
 */
export class AccountSession {
  private session: TokenSession | null = null;
  private account: string | null = null;
  private pending: BrowserSignIn | null = null;
  private paste: ReturnType<typeof startPasteCodeSignIn> | null = null;

  constructor(private readonly options: AccountSessionOptions) {}

  get signedIn(): boolean {
    return this.session !== null;
  }

  /** The signed-in account's id ("dbid:…"), null when signed out. */
  get accountId(): string | null {
    return this.session ? this.account : null;
  }

  /** Delegates to whoever is signed in now; signed out is an error of its own kind. */
  readonly tokens: TokenProvider = {
    accessToken: () => this.current().accessToken(),
    refreshAfterExpiry: (rejected) => this.current().refreshAfterExpiry(rejected),
  };

  /** At start: a refresh token from the vault signs the user in without a browser. */
  async restore(): Promise<boolean> {
    const stored = await this.options.vault.load();
    if (!stored) return false;
    this.session = this.sessionFor({ refreshToken: stored.refreshToken });
    this.account = stored.accountId;
    return true;
  }

  /** Opens the system browser; the outcome comes through onChange. */
  async startBrowserSignIn(): Promise<string> {
    this.pending?.cancel();
    const signIn = await startSignIn({
      endpoints: this.options.endpoints,
      openExternal: this.options.openExternal,
      ports: this.options.ports,
      fetch: this.options.fetch,
      log: this.options.log,
    });
    this.pending = signIn;
    signIn.done.then(
      (signedIn) => this.adopt(signedIn),
      (error: unknown) => {
        if (this.pending === signIn) this.pending = null;
        this.options.onChange(
          this.signedIn,
          error instanceof OpusError ? error : new OpusError('unknown', String(error)),
        );
      },
    );
    return signIn.authorizeUrl;
  }

  startPasteCodeSignIn(): string {
    this.paste = startPasteCodeSignIn({
      endpoints: this.options.endpoints,
      fetch: this.options.fetch,
      log: this.options.log,
    });
    return this.paste.authorizeUrl;
  }

  async completePasteCodeSignIn(code: string): Promise<void> {
    if (!this.paste)
      throw new OpusError('invalid_request', 'Start the sign-in first, then paste the code it shows.');
    await this.adopt(await this.paste.complete(code));
    this.paste = null;
  }

  /** Revokes the tokens at Dropbox (with a fresh access token, so the refresh token dies too), then forgets them. */
  async signOut(): Promise<void> {
    const session = this.session;
    if (session) {
      const token = await session.accessToken().catch(() => null);
      if (token)
        await signOut({
          endpoints: this.options.endpoints,
          accessToken: token,
          fetch: this.options.fetch,
        }).catch(() => undefined);
    }
    this.session = null;
    await this.options.vault.clear();
    this.options.onChange(false);
  }

  /** Gives up a browser sign-in still waiting for its callback, and frees its port. */
  cancelPendingSignIn(): void {
    this.pending?.cancel();
    this.pending = null;
  }

  /** The refresh token stopped working (revoked elsewhere): forget it, as a sign-out would. */
  async expire(): Promise<void> {
    if (!this.session) return;
    this.session = null;
    await this.options.vault.clear();
    this.options.onChange(false);
  }

  private async adopt(signedIn: SignedIn): Promise<void> {
    this.pending = null;
    this.session = this.sessionFor(signedIn);
    this.account = signedIn.accountId;
    const saved = await this.options.vault.save({
      refreshToken: signedIn.refreshToken,
      accountId: signedIn.accountId,
    });
    if (saved.status === 'not_persisted')
      this.options.log?.warn(`opus: signed in for this session only: ${saved.reason}`);
    this.options.onChange(true);
  }

  private sessionFor(tokens: Partial<SignedIn> & { refreshToken: string }): TokenSession {
    return new TokenSession({
      endpoints: this.options.endpoints,
      refreshToken: tokens.refreshToken,
      accessToken: tokens.accessToken,
      expiresAt: tokens.expiresAt,
      fetch: this.options.fetch,
    });
  }

  private current(): TokenSession {
    if (!this.session) throw new OpusError('signed_out', 'You are signed out. Sign in to reach your files.');
    return this.session;
  }
}
