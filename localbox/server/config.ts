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

export interface LocalboxConfig {
  dataDir: string;
  port: number;
  host: string;
  appKey: string | undefined;
  appName: string | undefined;
  appSecret: string | undefined;
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
    account: { givenName: 'Local', surname: 'User', email: 'you@localbox.invalid', ...options.account },
    quotaBytes: options.quotaBytes ?? 2 * 1024 * MiB,
    accessTokenSeconds: options.accessTokenSeconds ?? 4 * 60 * 60,
    maxUploadBytes: options.maxUploadBytes ?? 150 * MiB,
    faultInjection: options.faultInjection ?? false,
    logLevel: options.logLevel ?? 'info',
    log: options.log ?? ((line) => process.stderr.write(`${line}\n`)),
  };
}
