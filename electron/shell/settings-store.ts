import Store from 'electron-store';
import type { KeyValueStore } from '../core/auth/token-vault.ts';

/**
 * Settings and the (encrypted) vault entries live in electron-store's JSON file in userData. Apart from
 * storage.ts because electron-store loads Electron itself: only main.ts imports this file.
 */
export function electronKeyValueStore(name = 'opus'): KeyValueStore {
  // The vault's sealed tokens are in it: only the user may read the file, whatever the umask.
  const store = new Store<Record<string, string>>({ name, configFileMode: 0o600 });
  return {
    get: async (key) => store.get(key),
    set: async (key, value) => store.set(key, value),
    delete: async (key) => store.delete(key),
  };
}
