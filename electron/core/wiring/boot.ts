import { join } from 'node:path';
import { type Localbox, startLocalbox } from '../../../localbox/index.ts';
import { CALLBACK_PATH } from '../auth/loopback-listener.ts';
import type { KeyValueStore } from '../auth/token-vault.ts';
import { makePrivateFolder, narrowedLine, narrowPrivateTree } from '../private-files.ts';
import { APP_KEY_SETTING } from './app-handlers.ts';
import { createOpusCore, type OpusCore, type OpusCoreOptions } from './opus-core.ts';
import { chooseProvider, localboxEndpoints } from './provider.ts';

/** What the host decides itself; the Dropbox to talk to, and where Opus keeps its data, come from boot. */
export type HostCoreOptions = Omit<OpusCoreOptions, 'endpoints' | 'provider' | 'dataDir' | 'store'>;

export interface BootOptions {
  /** Opus's own folder: the journal, the local history, and an embedded localbox's files (`localbox/`). */
  dataDir: string;
  /** Settings and the vault: the Dropbox app key is read from here. */
  store: KeyValueStore;
  /** Where OPUS_DROPBOX_APP_KEY is read when Settings has no app key. */
  env?: NodeJS.ProcessEnv;
  /**
   * The host restores the saved sign-in itself, with `core.start()`: Electron does once its window shows,
   * so a keychain prompt has a window behind it. Otherwise bootOpus does, before it returns.
   */
  signInLater?: boolean;
  /** The embedded localbox accepts fault injection (the browser host's --localbox-faults, for tests). */
  localboxFaults?: boolean;
  /** The rest of the core's options; an embedded localbox's address is known only once it runs. */
  core(localboxUrl: string | undefined): HostCoreOptions;
}

export interface BootedOpus {
  core: OpusCore;
  /** The localbox embedded in this process: there is one when no Dropbox app key is configured. */
  localbox: Localbox | null;
  /** Closes the core first (unsaved text reaches the journal), then the embedded localbox. */
  close(): Promise<void>;
}

/**
 * Opus's start, the same in Electron and in the browser host: choose the provider from the app key,
 * embed a localbox when there is none, point the core at it, and start the core (which signs in from
 * the vault when it can).
 */
export async function bootOpus(options: BootOptions): Promise<BootedOpus> {
  // Before anything writes there: a folder an older Opus left readable is narrowed first (SECURITY.md).
  await makePrivateFolder(options.dataDir);
  const narrowed = await narrowPrivateTree(options.dataDir);
  const choice = chooseProvider(await options.store.get(APP_KEY_SETTING), options.env);
  const localbox =
    choice.provider === 'localbox'
      ? await startLocalbox({
          dataDir: join(options.dataDir, 'localbox'),
          port: 0,
          // Its consent page names the app asking, as Dropbox's does.
          appName: 'Opus',
          // The sign-in's loopback listener (auth/loopback-listener.ts: 127.0.0.1, any free port). The
          // paste-the-code sign-in sends no redirect_uri, which needs no registration.
          redirectUris: [`http://127.0.0.1${CALLBACK_PATH}`],
          faultInjection: options.localboxFaults ?? false,
          logLevel: 'error',
        })
      : null;
  try {
    const hostOptions = options.core(localbox?.url);
    if (narrowed.length > 0) hostOptions.log?.(narrowedLine('opus', options.dataDir, narrowed));
    const core = createOpusCore({
      ...hostOptions,
      endpoints: localbox
        ? localboxEndpoints(localbox.url, localbox.appKey)
        : { appKey: choice.provider === 'dropbox' ? choice.appKey : '' },
      provider: choice.provider,
      dataDir: options.dataDir,
      store: options.store,
    });
    if (!options.signInLater) await core.start();
    return {
      core,
      localbox,
      close: async () => {
        await core.close();
        await localbox?.close();
      },
    };
  } catch (error) {
    await localbox?.close();
    throw error;
  }
}
