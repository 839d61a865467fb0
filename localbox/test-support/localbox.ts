import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dropbox } from 'dropbox';
import { type Localbox, type LocalboxOptions, startLocalbox } from '../index.ts';

export interface TestLocalbox {
  box: Localbox;
  dataDir: string;
  /** An official SDK client pointed at this localbox, signed in with a fresh token. */
  client(options?: { accessToken?: string; refreshToken?: string }): Dropbox;
  /** A fetch that sends the SDK's https://<dropbox host>/… requests to localbox instead. */
  fetch: typeof fetch;
  stop(): Promise<void>;
}

export function rewriteToLocalbox(origin: string): typeof fetch {
  return ((input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    return fetch(url.replace(/^https:\/\/[^/]+/, origin), init);
  }) as typeof fetch;
}

export async function startTestLocalbox(options: Partial<LocalboxOptions> = {}): Promise<TestLocalbox> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'localbox-test-'));
  const box = await startLocalbox({ logLevel: 'silent', ...options, dataDir });
  const fetchViaLocalbox = rewriteToLocalbox(box.url);
  return {
    box,
    dataDir,
    fetch: fetchViaLocalbox,
    client: ({ accessToken, refreshToken } = {}) => {
      if (refreshToken) return new Dropbox({ clientId: box.appKey, refreshToken, fetch: fetchViaLocalbox });
      return new Dropbox({
        accessToken: accessToken ?? box.issueTokens().access_token,
        fetch: fetchViaLocalbox,
      });
    },
    stop: async () => {
      await box.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
