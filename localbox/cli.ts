import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isRegistrableRedirectUri } from './auth/redirect-uris.ts';
import { startLocalbox } from './index.ts';
import type { LogLevel } from './server/config.ts';

const USAGE = `Usage: npm run localbox -- [options]

  --data-dir <dir>     where files live (default: ~/.localbox, or $LOCALBOX_DATA_DIR)
  --port <n>           port to listen on (default: 8765, 0 picks a free one)
  --host <addr>        address to bind (default: 127.0.0.1)
  --app-key <key>      use this app key instead of the generated one
  --app-name <name>    the app's name on the sign-in pages (default: the app is named by its key)
  --app-secret-file <path>
                       make the app confidential: /oauth2/token requires the secret kept in
                       this file (its first line); or set $LOCALBOX_APP_SECRET instead
  --app-secret <s>     the same, given on the command line: avoid it, since every user of this
                       computer sees a command line (ps, /proc/<pid>/cmdline)
  --redirect-uri <uri> register a redirect URI for the app (repeatable); http://127.0.0.1/...
                       and http://localhost/... allow any port (default: loopback only)
  --quota-mib <n>      space allocated to the account (default 2048)
  --token-seconds <n>  access token lifetime (default 14400)
  --max-upload-mib <n> largest request body accepted (default 150, Dropbox's own limit)
  --faults             enable the /__localbox/faults control route
  --log-level <level>  silent | error | info | debug (debug logs one line per request)
  --print-token        after the first line, print "access_token=<token>", a fresh access token
                       (for tests and tools that drive localbox from another process)
  --help               show this help
`;

const usageError = (message: string): never => {
  process.stderr.write(`localbox: ${message}\nRun with --help for the options.\n`);
  process.exit(2);
};

const parse = () =>
  parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'app-key': { type: 'string' },
      'app-name': { type: 'string' },
      'app-secret': { type: 'string' },
      'app-secret-file': { type: 'string' },
      'redirect-uri': { type: 'string', multiple: true },
      'quota-mib': { type: 'string' },
      'token-seconds': { type: 'string' },
      'max-upload-mib': { type: 'string' },
      faults: { type: 'boolean' },
      'log-level': { type: 'string' },
      'print-token': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });

let values: ReturnType<typeof parse>['values'] = {};
try {
  values = parse().values;
} catch (error) {
  // An unknown option or a missing value is the user's typo, not a crash: no stack trace.
  usageError((error as Error).message);
}

if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

const number = (text: string | undefined, name: string): number | undefined => {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) {
    usageError(`--${name} must be a non-negative number, got "${text}"`);
  }
  return value;
};

const port = (text: string | undefined): number | undefined => {
  const value = number(text, 'port');
  if (value !== undefined && (!Number.isInteger(value) || value > 65535))
    usageError(`--port must be a whole number from 0 to 65535, got "${text}"`);
  return value;
};

/**
 * The secret from one of three places; the flag is kept for scripts that have it, but the file or the
 * environment variable keep it out of the process list, which other local users can read (SECURITY.md).
 */
const appSecret = (): string | undefined => {
  const flag = values['app-secret'];
  const file = values['app-secret-file'];
  if (flag !== undefined && file !== undefined)
    usageError('give --app-secret or --app-secret-file, not both');
  if (flag !== undefined) {
    process.stderr.write(
      'localbox: --app-secret shows the secret to every user of this computer (ps); prefer --app-secret-file or $LOCALBOX_APP_SECRET\n',
    );
    return flag;
  }
  if (file === undefined) return process.env.LOCALBOX_APP_SECRET || undefined;
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
    if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0)
      process.stderr.write(`localbox: ${file} is readable by other users; chmod 600 it\n`);
  } catch (error) {
    usageError(`cannot read --app-secret-file ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  const secret = text.split(/\r?\n/)[0] ?? '';
  if (secret === '') usageError(`--app-secret-file ${file} is empty`);
  return secret;
};

const dataDir = resolve(values['data-dir'] ?? process.env.LOCALBOX_DATA_DIR ?? join(homedir(), '.localbox'));
const quota = number(values['quota-mib'], 'quota-mib');
const logLevel = (values['log-level'] ?? 'info') as LogLevel;
if (!['silent', 'error', 'info', 'debug'].includes(logLevel)) {
  usageError('--log-level must be silent, error, info or debug');
}
const listenPort = port(values.port) ?? 8765;
const maxUpload = number(values['max-upload-mib'], 'max-upload-mib');
if (maxUpload === 0) usageError('--max-upload-mib must be more than 0');
const secret = appSecret();
for (const uri of values['redirect-uri'] ?? []) {
  if (!isRegistrableRedirectUri(uri))
    usageError(`--redirect-uri must be https, or http to 127.0.0.1, localhost or [::1], got "${uri}"`);
}

try {
  const box = await startLocalbox({
    dataDir,
    port: listenPort,
    host: values.host ?? '127.0.0.1',
    appKey: values['app-key'],
    appName: values['app-name'],
    appSecret: secret,
    redirectUris: values['redirect-uri'],
    quotaBytes: quota === undefined ? undefined : quota * 1024 * 1024,
    accessTokenSeconds: number(values['token-seconds'], 'token-seconds'),
    maxUploadBytes: maxUpload === undefined ? undefined : maxUpload * 1024 * 1024,
    faultInjection: values.faults ?? false,
    logLevel,
  });
  // Before the first line: whoever reads it may signal us straight away, and must get a clean stop.
  const stop = () => {
    box.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // One parseable line first: tests and scripts read the URL and the app key from it.
  process.stdout.write(`localbox listening on ${box.url} app_key=${box.appKey} data_dir=${dataDir}\n`);
  if (values['print-token']) {
    process.stdout.write(`access_token=${box.issueTokens({ offline: false }).access_token}\n`);
  }
  process.stdout.write(
    `Point the official SDK at it with a fetch wrapper that rewrites https://<host> to ${box.url}; sign in at ${box.url}/oauth2/authorize\n`,
  );
} catch (error) {
  process.stderr.write(`localbox: ${(error as Error).message}\n`);
  process.exit(1);
}
