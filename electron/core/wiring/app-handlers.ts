import { stat } from 'node:fs/promises';
import { type AutoSave, AutoSaveShape } from '../../common/contract/shapes.ts';
import type { KeyValueStore } from '../auth/token-vault.ts';
import { OpusError } from '../errors.ts';
import type { Handlers } from './dispatch.ts';
import type { LocalChoices } from './local-choices.ts';

/** Where Settings keeps the Dropbox app key (chooseProvider reads it at start). */
export const APP_KEY_SETTING = 'dropbox.appKey';
/** Where Settings keeps auto-save, as JSON; off until the user turns it on (issue 18). */
export const AUTO_SAVE_SETTING = 'editor.autoSave';
const AUTO_SAVE_OFF: AutoSave = { mode: 'off', delayMs: 1000 };

export interface NativeDialogs {
  chooseLocalFile(): Promise<string | null>;
  chooseSaveLocation(suggestedName: string): Promise<string | null>;
}

export interface AppHost {
  provider: 'dropbox' | 'localbox';
  version: string;
  store: KeyValueStore;
  dialogs?: NativeDialogs | undefined;
  /** The app's own window (Electron), which closes once the page has asked about unsaved tabs. */
  window?: { close(): void } | undefined;
}

type AppHandlers = Pick<
  Handlers,
  | 'getAppInfo'
  | 'getSettings'
  | 'setDropboxAppKey'
  | 'setAutoSave'
  | 'chooseLocalFile'
  | 'chooseSaveLocation'
  | 'closeWindow'
>;

/** A setting written by another version, or edited by hand, that no longer parses: auto-save is off. */
async function autoSaveOf(store: KeyValueStore): Promise<AutoSave> {
  const saved = await store.get(AUTO_SAVE_SETTING);
  if (saved === undefined) return AUTO_SAVE_OFF;
  try {
    return AutoSaveShape.parse(JSON.parse(saved));
  } catch {
    return AUTO_SAVE_OFF;
  }
}

/** The commands about the app and this computer rather than Dropbox: settings, dialogs, the window. */
export function appHandlers(host: AppHost, localChoices: LocalChoices): AppHandlers {
  return {
    getAppInfo: () => ({
      provider: host.provider,
      version: host.version,
      platform: process.platform,
      nativeDialogs: !!host.dialogs,
    }),
    getSettings: async () => ({
      dropboxAppKey: (await host.store.get(APP_KEY_SETTING)) ?? null,
      fromEnvironment: !!process.env.OPUS_DROPBOX_APP_KEY,
      autoSave: await autoSaveOf(host.store),
    }),
    setAutoSave: async (autoSave) => {
      await host.store.set(AUTO_SAVE_SETTING, JSON.stringify(autoSave));
      return null;
    },
    setDropboxAppKey: async ({ appKey }) => {
      const before = (await host.store.get(APP_KEY_SETTING)) ?? null;
      if (appKey === null) await host.store.delete(APP_KEY_SETTING);
      else await host.store.set(APP_KEY_SETTING, appKey);
      return { restartRequired: before !== appKey };
    },
    chooseLocalFile: async () => {
      const path = await host.dialogs?.chooseLocalFile();
      if (!path) return null;
      const { size } = await stat(path).catch((error: NodeJS.ErrnoException) => {
        throw new OpusError('local_io', `Could not read ${path}: ${error.code ?? 'error'}.`);
      });
      return { ...localChoices.remember(path, 'read'), size };
    },
    chooseSaveLocation: async ({ suggestedName }) => {
      const path = await host.dialogs?.chooseSaveLocation(suggestedName);
      return path ? localChoices.remember(path, 'write') : null;
    },
    closeWindow: () => {
      host.window?.close();
      return { closed: !!host.window };
    },
  };
}
