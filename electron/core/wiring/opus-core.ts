import { join } from 'node:path';
import { AccountSession } from '../auth/account-session.ts';
import type { AuthLog } from '../auth/auth-log.ts';
import { type Cipher, TokenVault } from '../auth/token-vault.ts';
import { ConflictedCopies } from '../documents/conflicted-copies/conflicted-copies.ts';
import type { DocumentsContext } from '../documents/context.ts';
import { phaseOf } from '../documents/document-state.ts';
import { Documents } from '../documents/documents.ts';
import { LocalHistory } from '../documents/local-history.ts';
import { Connection } from '../dropbox/connection.ts';
import { createGateway, type GatewayOptions } from '../dropbox/dropbox-gateway.ts';
import { type DropboxEndpoints, serviceIdentity } from '../dropbox/endpoints.ts';
import type { JournalFs } from '../journal/journal-fs.ts';
import { QuickOpen } from '../quick-open/quick-open.ts';
import { AccountDetails } from './account-details.ts';
import { accountHandlers } from './account-handlers.ts';
import { AccountJournal } from './account-journal.ts';
import { accountSwitch } from './account-switch.ts';
import { type AppHost, appHandlers } from './app-handlers.ts';
import { announceConflictedCopies, conflictedCopyHandlers } from './conflicted-copy-handlers.ts';
import type { CoreService } from './core-service.ts';
import { dispatch, type Handlers } from './dispatch.ts';
import { documentHandlers } from './document-handlers.ts';
import { EventHub } from './event-hub.ts';
import { fileHandlers } from './file-handlers.ts';
import type { DropboxClientPlace } from './files-from-os.ts';
import { FilesFromOsInbox } from './files-from-os-inbox.ts';
import { linkHandlers } from './link-handlers.ts';
import { LocalChoices } from './local-choices.ts';
import { retryPendingOrLog, retryPendingUploads } from './pending-uploads.ts';
import { quickOpenHandlers } from './quick-open-handlers.ts';
import { RecentFiles } from './recent-files.ts';
import { Restoration, restorationHandlers } from './restoration.ts';
import { restoreJournal } from './restore-journal.ts';
import { revisionHandlers } from './revision-handlers.ts';
import { needsAccount, signedOutRefusal } from './signed-out.ts';
import { type UpdaterPort, Updates, updateHandlers } from './updates.ts';
import { watchDocuments } from './watch-documents.ts';

export interface OpusCoreOptions extends AppHost {
  endpoints: DropboxEndpoints;
  /** Opus's own folder on this computer: the journal and the local history live here. */
  dataDir: string;
  cipher: Cipher;
  openExternal(url: string): Promise<void>;
  signInPorts?: readonly number[] | undefined;
  fetch?: typeof fetch | undefined;
  gateway?: Partial<Omit<GatewayOptions, 'endpoints' | 'tokens' | 'fetch'>> | undefined;
  journalSyncDelayMs?: number | undefined;
  /** The journal's file system (tests: a slow disk, to show an edit is answered only once written). */
  journalFs?: JournalFs | undefined;
  /** Seconds a watcher longpoll may wait (30–480). */
  longpollSeconds?: number | undefined;
  /** Where the Dropbox desktop client's info.json is looked for (tests: a home of their own). */
  dropboxClient?: DropboxClientPlace | undefined;
  log?: (line: string) => void;
  /** The desktop app's updater (electron/shell/updates.ts); the browser host has none. */
  updater?: UpdaterPort | undefined;
}

export interface OpusCore extends CoreService {
  /** Signs in from the vault, if a refresh token is kept there. */
  start(): Promise<void>;
  events: EventHub;
  /** Files the OS asked to open (the shell's open-file and argv, the host's command line). */
  filesFromOs: Pick<FilesFromOsInbox, 'receive'>;
}

/**
 * The application, wired: every service built once, in order, and bound to the contract. The services
 * are in their own modules; what stays here is who is given what.
 */
export function createOpusCore(options: OpusCoreOptions): OpusCore {
  const log = options.log ?? (() => {});
  const authLog: AuthLog = { info: log, warn: log };
  const identity = (accountId: string) =>
    AccountJournal.keyFor(serviceIdentity(options.endpoints), options.endpoints.appKey, accountId);

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
    onChange: (signedIn, error) => {
      if (!signedIn) quickOpen.stop();
      void switcher.announceAccount(signedIn, error);
    },
  });
  const localChoices = new LocalChoices();
  const filesFromOs = new FilesFromOsInbox(events, localChoices, options.dropboxClient);
  const recentFiles = new RecentFiles(options.store, () =>
    account.accountId ? identity(account.accountId) : null,
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
  const details = new AccountDetails(
    () => gateway,
    () => account.accountId,
    options.provider,
  );
  const journal = new AccountJournal(join(options.dataDir, 'journal'), {
    syncDelayMs: options.journalSyncDelayMs,
    ...(options.journalFs ? { fs: options.journalFs } : {}),
    onError: (error) => log(`opus: journal: ${error.message}`),
  });
  const documentsContext: DocumentsContext = {
    gateway,
    journal,
    history: new LocalHistory(join(options.dataDir, 'history')),
    emit: events.emit,
    accountName: () => details.firstName,
    now: () => new Date(),
    docs: new Map(),
  };
  const documents = new Documents(documentsContext);
  const conflictedCopies = new ConflictedCopies(documentsContext);
  const quickOpen = new QuickOpen({
    gateway,
    accountId: () => account.accountId,
    recentPaths: async () => (await recentFiles.list()).map((file) => file.path),
    longpollSeconds: options.longpollSeconds,
    log,
  });
  const watching = watchDocuments(
    () => gateway,
    documents,
    connection,
    announceConflictedCopies(conflictedCopies, events),
  );
  const pendingUploads = retryPendingUploads(documents, events, log);
  const restoration = new Restoration(async () => {
    const list = await restoreJournal(gateway, documents, journal, log);
    // An untitled document has no folder to watch until it is saved.
    for (const item of list)
      if (item.snapshot.remote.pathLower) watching.follow(item.snapshot.remote.pathLower);
    return list;
  });

  const updates = new Updates({
    updater: options.updater ?? null,
    documents: () => documents.list().map((doc) => ({ name: doc.remote.name, phase: phaseOf(doc) })),
    emit: events.emit,
    log,
  });

  const switcher = accountSwitch({
    account,
    details,
    journal,
    documents,
    watching,
    restoration,
    events,
    journalKey: identity,
  });

  const handlers: Handlers = {
    ...appHandlers(options, localChoices),
    ...accountHandlers(account, details),
    ...restorationHandlers(restoration, documents, () => gateway, watching),
    ...fileHandlers(() => gateway, localChoices),
    ...linkHandlers(() => gateway, options),
    ...revisionHandlers(() => gateway, documents),
    ...conflictedCopyHandlers(conflictedCopies),
    getRecentFiles: () => recentFiles.list(),
    takeFilesFromOs: () => filesFromOs.take(),
    ...quickOpenHandlers(quickOpen, () => gateway),
    ...updateHandlers(updates),
    ...documentHandlers(documents, watching, recentFiles, () => restoration.get()),
  };

  return {
    events,
    filesFromOs,
    start: async () => {
      updates.startChecking();
      if (await account.restore()) {
        await switcher.switchAccount();
        void switcher.announceAccount(true);
      }
    },
    call: async (name, request) => {
      if (!account.signedIn && needsAccount(name)) return signedOutRefusal();
      const answer = await dispatch(handlers, name, request, log);
      // A refresh token revoked elsewhere ends the session here too, and the window hears of it.
      if (!answer.ok && answer.error.kind === 'signed_out' && account.signedIn) await account.expire();
      return answer;
    },
    subscribe: (listener) => events.subscribe(listener),
    close: async () => {
      account.cancelPendingSignIn();
      watching.watcher.stop();
      quickOpen.stop();
      pendingUploads.stop();
      updates.stop();
      await journal.flush();
    },
  };
}
