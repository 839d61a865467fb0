import { type DropboxEndpoints, serviceIdentity } from '../dropbox/endpoints.ts';
import { type AuthLog, silentLog } from './auth-log.ts';
import type { SignedIn } from './code-exchange.ts';

/** Where the vault keeps its values (electron-store in the app, a Map in tests). */
export interface KeyValueStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** What encrypts the refresh token (Electron's safeStorage in the app). */
export interface Cipher {
  /** False when the OS offers no key store (e.g. Linux without a keyring): nothing may be written then. */
  isAvailable(): Promise<boolean>;
  /** Returns base64. */
  encrypt(plain: string): Promise<string>;
  decrypt(cipherText: string): Promise<string>;
}

export interface StoredAccount {
  refreshToken: string;
  accountId: string;
}

/** `not_persisted`: keep the session in memory only; the next start will ask to sign in again. */
export type SaveResult = { status: 'saved' } | { status: 'not_persisted'; reason: string };

interface Entry {
  v: 1;
  accountId: string;
  /** base64 from Cipher.encrypt; never the token itself. */
  refreshToken: string;
}

const isEntry = (value: unknown): value is Entry =>
  typeof value === 'object' &&
  value !== null &&
  (value as Entry).v === 1 &&
  typeof (value as Entry).accountId === 'string' &&
  typeof (value as Entry).refreshToken === 'string';

/**
 * The only token that outlives the process is the refresh token, encrypted; the access token lives in
 * the TokenSession's memory. One entry per app key and origin, so that a localbox account and a Dropbox
 * account (or two app keys) never stand in for each other.
 */
export class TokenVault {
  private readonly store: KeyValueStore;
  private readonly cipher: Cipher;
  private readonly key: string;
  private readonly log: AuthLog;

  constructor(options: { store: KeyValueStore; cipher: Cipher; endpoints: DropboxEndpoints; log?: AuthLog }) {
    const { endpoints } = options;
    this.store = options.store;
    this.cipher = options.cipher;
    this.key = vaultKey(endpoints);
    this.log = options.log ?? silentLog;
  }

  /** null means signed out, including after a value that can no longer be decrypted. */
  async load(): Promise<StoredAccount | null> {
    const raw = await this.store.get(this.key);
    if (raw === undefined) return null;
    const entry = parse(raw);
    if (!entry) return this.discard('the stored sign-in is unreadable');
    // Left in place: a keyring that is merely locked now may be open at the next start.
    if (!(await this.cipher.isAvailable())) {
      this.log.warn('vault: encryption is unavailable, so the stored sign-in cannot be read');
      return null;
    }
    let refreshToken: string;
    try {
      refreshToken = await this.cipher.decrypt(entry.refreshToken);
    } catch {
      // Another OS user, a reinstalled keyring, a copied profile: the token is lost for good.
      return this.discard('the stored sign-in no longer decrypts');
    }
    if (refreshToken === '') return this.discard('the stored sign-in decrypts to nothing');
    return { refreshToken, accountId: entry.accountId };
  }

  async save(signedIn: Pick<SignedIn, 'refreshToken' | 'accountId'>): Promise<SaveResult> {
    const refused = await this.refusal(signedIn.refreshToken);
    if (refused) {
      // An older sign-in left here would come back at the next start instead of this one.
      await this.store.delete(this.key);
      this.log.warn(`vault: not saving the sign-in: ${refused}`);
      return { status: 'not_persisted', reason: refused };
    }
    const cipherText = await this.cipher.encrypt(signedIn.refreshToken);
    // A cipher that hands the token back unchanged (a misconfigured adapter) must not put it on disk.
    if (cipherText.includes(signedIn.refreshToken)) {
      const reason = 'the encryption did not hide the token';
      this.log.warn(`vault: not saving the sign-in: ${reason}`);
      await this.store.delete(this.key);
      return { status: 'not_persisted', reason };
    }
    const entry: Entry = { v: 1, accountId: signedIn.accountId, refreshToken: cipherText };
    await this.store.set(this.key, JSON.stringify(entry));
    return { status: 'saved' };
  }

  async clear(): Promise<void> {
    await this.store.delete(this.key);
  }

  private async refusal(refreshToken: string): Promise<string | undefined> {
    if (refreshToken === '') return 'there is no refresh token';
    if (!(await this.cipher.isAvailable())) return 'this computer offers no way to encrypt it';
    return undefined;
  }

  private async discard(why: string): Promise<null> {
    this.log.warn(`vault: ${why}; signing out`);
    await this.store.delete(this.key);
    return null;
  }
}

/** e.g. "auth.k3y@http://127.0.0.1:8765" or "auth.k3y@embedded-localbox"; Dropbox by its token origin. */
export function vaultKey(endpoints: DropboxEndpoints): string {
  return `auth.${encodeURIComponent(endpoints.appKey)}@${serviceIdentity(endpoints)}`;
}

function parse(raw: string): Entry | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    return isEntry(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
