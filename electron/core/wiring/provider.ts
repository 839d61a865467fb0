import type { DropboxEndpoints } from '../dropbox/endpoints.ts';

/**
 * Which Dropbox Opus talks to: the real one when an app key is configured (settings or
 * OPUS_DROPBOX_APP_KEY), otherwise the localbox embedded in this process.
 */
export type ProviderChoice = { provider: 'dropbox'; appKey: string } | { provider: 'localbox' };

export function chooseProvider(
  settingsAppKey: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ProviderChoice {
  const appKey = (settingsAppKey ?? env.OPUS_DROPBOX_APP_KEY ?? '').trim();
  return appKey ? { provider: 'dropbox', appKey } : { provider: 'localbox' };
}

/** The embedded localbox's name for the vault and the journal: its port changes at every start. */
const EMBEDDED_LOCALBOX = 'embedded-localbox';

export function localboxEndpoints(url: string, appKey: string): DropboxEndpoints {
  return { origin: url, appKey, identity: EMBEDDED_LOCALBOX };
}
