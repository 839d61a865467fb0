/** What setDropboxAppKey accepts (the contract checks it again): Dropbox app keys are like this. */
const APP_KEY = /^[a-z0-9]{5,40}$/;

/** The key as typed, trimmed; empty is valid too and means the localbox on this computer. */
export function typedAppKey(typed: string): { key: string; valid: boolean } {
  const key = typed.trim();
  return { key, valid: key === '' || APP_KEY.test(key) };
}

/** What Settings says once a key is saved: the choice takes effect when Opus starts again. */
export const appKeySaved = (key: string, restartRequired: boolean): string =>
  restartRequired
    ? `Saved. Opus uses ${key ? 'your Dropbox' : 'the localbox on this computer'} from its next start.`
    : 'Saved.';
