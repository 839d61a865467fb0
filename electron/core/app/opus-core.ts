import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuthLog } from '../auth/auth-log.ts';
import { type Cipher, type KeyValueStore, TokenVault } from '../auth/token-vault.ts';
import type { CommandName } from '../contract/commands.ts';
import type { AccountShape, RestoredDocument } from '../contract/shapes.ts';
import { Documents } from '../documents/documents.ts';
import { LocalHistory } from '../documents/local-history.ts';
import { createGateway, type GatewayOptions } from '../dropbox/dropbox-gateway.ts';
import { type DropboxEndpoints, serviceIdentity } from '../dropbox/endpoints.ts';
import { OpusError } from '../errors.ts';
import type { JournalFs } from '../journal/journal-fs.ts';
import { AccountJournal } from './account-journal.ts';
import { AccountSession } from './account-session.ts';
import { Connection } from './connection.ts';
import type { CoreService } from './core-service.ts';
import { contractError, dispatch, type Handlers, isCommandName, refusal } from './dispatch.ts';
import { documentHandlers } from './document-handlers.ts';
import { EventHub } from './event-hub.ts';
import { fileHandlers } from './file-handlers.ts';
import { LocalChoices } from './local-choices.ts';
import { retryPendingOrLog, retryPendingUploads } from './pending-uploads.ts';
import { RecentFiles } from './recent-files.ts';
import { restoreJournal } from './restore-journal.ts';
import { revisionHandlers } from './revision-handlers.ts';
import { watchDocuments } from './watch-documents.ts';

/** Where Settings keeps the Dropbox app key (chooseProvider reads it at start). */
export const APP_KEY_SETTING = 'dropbox.appKey';

/** The commands that make sense with nobody signed in (typed: a renamed or misspelt one fails to compile). */
const WITHOUT_ACCOUNT: ReadonlySet<CommandName> = new Set<CommandName>([
  'getAppInfo',
  'getSettings',
  'setDropboxAppKey',
  'getAccount',
  'signIn',
  'startPasteCodeSignIn',
  'completePasteCodeSignIn',
  'signOut',
  'chooseLocalFile',
  'chooseSaveLocation',
  'closeWindow',
  'applyMergeChoices',
]);

export interface NativeDialogs {
  chooseLocalFile(): Promise<string | null>;
  chooseSaveLocation(suggestedName: string): Promise<string | null>;
}

export interface OpusCoreOptions {
  endpoints: DropboxEndpoints;
  provider: 'dropbox' | 'localbox';
  /** Opus's own folder on this computer: the journal and the local history live here. */
  dataDir: string;
  store: KeyValueStore;
  cipher: Cipher;
  openExternal(url: string): Promise<void>;
  dialogs?: NativeDialogs | undefined;
  /** The app's own window (Electron), which closes once the page has asked about unsaved tabs. */
  window?: { close(): void } | undefined;
  version: string;
  signInPorts?: readonly number[] | undefined;
  fetch?: typeof fetch | undefined;
  gateway?: Partial<Omit<GatewayOptions, 'endpoints' | 'tokens' | 'fetch'>> | undefined;
  journalSyncDelayMs?: number | undefined;
  /** The journal's file system (tests: a slow disk, to show an edit is answered only once written). */
  journalFs?: JournalFs | undefined;
  /** Seconds a watcher longpoll may wait (30–480). */
  longpollSeconds?: number | undefined;
  log?: (line: string) => void;
}

export interface OpusCore extends CoreService {
  /** Signs in from the vault, if a refresh token is kept there. */
  start(): Promise<void>;
  events: EventHub;
}

/** The application, wired: one place that builds every service and binds them to the contract. */
export function createOpusCore(options: OpusCoreOptions): OpusCore {
  const log = options.log ?? (() => {});
  const authLog: AuthLog = { info: log, warn: log };
  const events = new EventHub();
  const vault = new TokenVault({
    store: options.store,
    cipher: options.cipher,
    endpoints: options.endpoints,
    log: authLog,
  });
  const account = new AccountSession({
    endpoints: options.endpoints,
    vault,
    openExternal: options.openExternal,
    ports: options.signInPorts,
    fetch: options.fetch,
    log: authLog,
    onChange: (signedIn, error) => void announceAccount(signedIn, error),
  });
  const localChoices = new LocalChoices();
  const recentFiles = new RecentFiles(options.store, () =>
    account.accountId
      ? AccountJournal.keyFor(serviceIdentity(options.endpoints), options.endpoints.appKey, account.accountId)
      : null,
  );
  const connection = new Connection((online) => {
    events.emit('connectionChanged', { online });
    if (online) void retryPendingOrLog(documents, log);
  });
  const gateway = connection.observe(
    createGateway({
      ...options.gateway,
      endpoints: options.endpoints,
      tokens: account.tokens,
      fetch: options.fetch,
    }),
  );
  const journal = new AccountJournal(join(options.dataDir, 'journal'), {
    syncDelayMs: options.journalSyncDelayMs,
    ...(options.journalFs ? { fs: options.journalFs } : {}),
    onError: (error) => log(`opus: journal: ${error.message}`),
  });
  const documents = new Documents({
    gateway,
    journal,
    history: new LocalHistory(join(options.dataDir, 'history')),
    emit: events.emit,
    accountName: () => accountName,
    now: () => new Date(),
    docs: new Map(),
  });
  const watching = watchDocuments(() => gateway, documents, connection);
  const pendingUploads = retryPendingUploads(documents, events, log);
  let accountName = 'Opus';
  let restored: Promise<RestoredDocument[]> | null = null;

  /**
   * The journal's documents, restored once per account (a failure is not kept: the next ask tries
   * again). Every open waits for it first, so a journaled document is reopened as the restored one,
   * with its unsaved text, whichever of the window's two calls arrives first.
   */
  function restoration(): Promise<RestoredDocument[]> {
    restored ??= restoreJournal(gateway, documents, journal, log).then((list) => {
      for (const item of list) watching.follow(item.snapshot.remote.pathLower);
      return list;
    });
    const current = restored;
    current.catch(() => {
      if (restored === current) restored = null;
    });
    return current;
  }

  // The last details Dropbox gave, for whoever signed in: a window that starts (or reloads) shows the
  // workspace without two more requests; the Account panel asks for fresh ones. One fetch at a time.
  let details: { accountId: string; value: Promise<AccountShape> } | null = null;
  function accountDetails({ fresh = false } = {}): Promise<AccountShape> {
    const accountId = account.accountId ?? '';
    if (!fresh && details?.accountId === accountId) return details.value;
    const value = gateway.account().then((info) => {
      accountName = info.displayName.split(' ')[0] || info.displayName;
      return { ...info, provider: options.provider };
    });
    details = { accountId, value };
    // A failed fetch is not kept: the next call asks again.
    value.catch(() => {
      if (details?.value === value) details = null;
    });
    return value;
  }

  /**
   * Open documents and their journal belong to the account they were opened with: signing out closes
   * them (their unsaved text stays journaled for that account), signing in switches the journal.
   */
  async function switchAccount(): Promise<void> {
    const id = account.accountId;
    if (!id) {
      watching.watcher.stop();
      documents.forgetAll();
      restored = null;
    }
    await journal.switchTo(
      id ? AccountJournal.keyFor(serviceIdentity(options.endpoints), options.endpoints.appKey, id) : null,
    );
  }

  async function announceAccount(signedIn: boolean, error?: OpusError): Promise<void> {
    await switchAccount();
    const failure = error ? contractError(error) : undefined;
    if (!signedIn)
      return events.emit('accountChanged', { signedIn: false, ...(failure ? { error: failure } : {}) });
    try {
      events.emit('accountChanged', { signedIn: true, account: await accountDetails({ fresh: true }) });
    } catch (cause) {
      events.emit('accountChanged', {
        signedIn: true,
        ...(cause instanceof OpusError ? { error: contractError(cause) } : {}),
      });
    }
  }

  const handlers: Handlers = {
    getAppInfo: () => ({
      provider: options.provider,
      version: options.version,
      platform: process.platform,
      nativeDialogs: !!options.dialogs,
    }),
    getSettings: async () => ({
      dropboxAppKey: (await options.store.get(APP_KEY_SETTING)) ?? null,
      fromEnvironment: !!process.env.OPUS_DROPBOX_APP_KEY,
    }),
    setDropboxAppKey: async ({ appKey }) => {
      const before = (await options.store.get(APP_KEY_SETTING)) ?? null;
      if (appKey === null) await options.store.delete(APP_KEY_SETTING);
      else await options.store.set(APP_KEY_SETTING, appKey);
      return { restartRequired: before !== appKey };
    },
    getAccount: async ({ fresh }) =>
      account.signedIn
        ? { signedIn: true, account: await accountDetails({ fresh: fresh ?? false }) }
        : { signedIn: false },
    signIn: async () => ({ authorizeUrl: await account.startBrowserSignIn() }),
    startPasteCodeSignIn: () => ({ authorizeUrl: account.startPasteCodeSignIn() }),
    completePasteCodeSignIn: async ({ code }) => {
      await account.completePasteCodeSignIn(code);
      return accountDetails();
    },
    signOut: async () => {
      await account.signOut();
      return null;
    },
    // Each restored document goes to the first window that asks: a second window opens its own copy.
    getRestoredDocuments: async () => {
      const list = await restoration();
      const taken = new Map(documents.claimRestored().map((doc) => [doc.id, doc]));
      return list.flatMap(({ snapshot, remoteMoved }) => {
        const doc = taken.get(snapshot.documentId);
        return doc
          ? [{ snapshot: documents.snapshot(doc.id), text: documents.editorText(doc.id), remoteMoved }]
          : [];
      });
    },
    chooseLocalFile: async () => {
      const path = await options.dialogs?.chooseLocalFile();
      if (!path) return null;
      const { size } = await stat(path).catch((error: NodeJS.ErrnoException) => {
        throw new OpusError('local_io', `Could not read ${path}: ${error.code ?? 'error'}.`);
      });
      return { ...localChoices.remember(path, 'read'), size };
    },
    chooseSaveLocation: async ({ suggestedName }) => {
      const path = await options.dialogs?.chooseSaveLocation(suggestedName);
      return path ? localChoices.remember(path, 'write') : null;
    },
    closeWindow: () => {
      options.window?.close();
      return { closed: !!options.window };
    },
    ...fileHandlers(() => gateway, localChoices),
    ...revisionHandlers(() => gateway, documents),
    getRecentFiles: () => recentFiles.list(),
    ...documentHandlers(documents, watching, recentFiles, restoration),
  };

  return {
    events,
    start: async () => {
      if (await account.restore()) {
        await switchAccount();
        void announceAccount(true);
      }
    },
    call: async (name, request) => {
      // Signed out, only the account's own commands answer; everything else says so in one voice.
      if (!account.signedIn && isCommandName(name) && !WITHOUT_ACCOUNT.has(name)) {
        return refusal('signed_out', 'You are signed out. Sign in to reach your files.');
      }
      const answer = await dispatch(handlers, name, request, log);
      // A refresh token revoked elsewhere ends the session here too, and the window hears of it.
      if (!answer.ok && answer.error.kind === 'signed_out' && account.signedIn) await account.expire();
      return answer;
    },
    subscribe: (listener) => events.subscribe(listener),
    close: async () => {
      account.cancelPendingSignIn();
      watching.watcher.stop();
      pendingUploads.stop();
      await journal.flush();
    },
  };
}
