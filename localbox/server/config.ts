export type LogLevel = 'silent' | 'error' | 'info' | 'debug';

export interface LocalboxAccount {
  givenName: string;
  surname: string;
  email: string;
}

export interface LocalboxOptions {
  /** Where files, revisions and the database live. Created if missing. */
  dataDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Loopback by default: localbox serves this computer only. */
  host?: string;
  /** A fixed app key; otherwise one is generated once per data folder and kept. */
  appKey?: string;
  /**
   * The app's name on the sign-in pages, as Dropbox shows the name registered in its App Console.
   * Without one the pages name the app by its key.
   */
  appName?: string;
  /** Makes the app confidential: /oauth2/token then requires this secret (form field or HTTP Basic). */
  appSecret?: string;
  /**
   * The app's registered redirect URIs, as in Dropbox's App Console. A loopback one (`http://127.0.0.1…`)
   * allows any port (RFC 8252 §7.3). Default: loopback only, on any path.
   */
  redirectUris?: readonly string[];
  /** How long a client may take to send a request, and how many may be slow without a token. */
  limits?: Partial<ConnectionLimits>;
  account?: Partial<LocalboxAccount>;
  /** Space allocated to the account; writes past it fail with insufficient_space. Default 2 GiB, as Dropbox Basic. */
  quotaBytes?: number;
  /** Lifetime of access tokens in seconds (Dropbox: 4 hours). */
  accessTokenSeconds?: number;
  /** Largest body of one upload request (Dropbox: 150 MiB). */
  maxUploadBytes?: number;
  /** Enables the /__localbox/ control routes that inject faults. Off unless asked for. */
  faultInjection?: boolean;
  logLevel?: LogLevel;
  log?: (line: string) => void;
}

export interface ConnectionLimits {
  /** To receive the headers of a request. */
  headersTimeoutMs: number;
  /** To receive a whole request, body included: 150 MiB must still get through a slow link. */
  requestTimeoutMs: number;
  /** To receive a whole request that carries no valid access token (a form, a token exchange…). */
  unauthenticatedRequestMs: number;
  /** Requests without a valid access token still arriving at once; past it they are refused (503). */
  unauthenticatedConnections: number;
  /**
   * How long an idle keep-alive connection stays open. Longer than any client keeps one (undici ~4 s,
   * Node's agent 5 s, browsers up to 60 s): the client always lets go first, so a request sent on a
   * socket the server is closing at that very moment (`fetch failed`, which the SDK does not retry)
   * cannot happen. Node says it in `Keep-Alive: timeout=…`, and clients that read the hint keep less.
   */
  keepAliveTimeoutMs: number;
}

/** What a registration without --redirect-uri allows: a desktop app's loopback listener, any path. */
export const LOOPBACK_REDIRECTS: readonly string[] = ['http://127.0.0.1', 'http://localhost', 'http://[::1]'];

export interface LocalboxConfig {
  dataDir: string;
  port: number;
  host: string;
  appKey: string | undefined;
  appName: string | undefined;
  appSecret: string | undefined;
  redirectUris: readonly string[];
  limits: ConnectionLimits;
  account: LocalboxAccount;
  quotaBytes: number;
  accessTokenSeconds: number;
  maxUploadBytes: number;
  faultInjection: boolean;
  logLevel: LogLevel;
  log: (line: string) => void;
}

export const MiB = 1024 * 1024;

export function resolveConfig(options: LocalboxOptions): LocalboxConfig {
  return {
    dataDir: options.dataDir,
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    appKey: options.appKey,
    appName: options.appName?.trim() || undefined,
    appSecret: options.appSecret,
    redirectUris: options.redirectUris?.length ? options.redirectUris : LOOPBACK_REDIRECTS,
    limits: {
      headersTimeoutMs: 20_000,
      requestTimeoutMs: 15 * 60_000,
      unauthenticatedRequestMs: 15_000,
      unauthenticatedConnections: 32,
      keepAliveTimeoutMs: 75_000,
      ...options.limits,
    },
    account: { givenName: 'Local', surname: 'User', email: 'you@localbox.invalid', ...options.account },
    quotaBytes: options.quotaBytes ?? 2 * 1024 * MiB,
    accessTokenSeconds: options.accessTokenSeconds ?? 4 * 60 * 60,
    maxUploadBytes: options.maxUploadBytes ?? 150 * MiB,
    faultInjection: options.faultInjection ?? false,
    logLevel: options.logLevel ?? 'info',
    log: options.log ?? ((line) => process.stderr.write(`${line}\n`)),
  };
}
