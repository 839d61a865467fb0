import type { AccountSession } from '../auth/account-session.ts';
import type { Documents } from '../documents/documents.ts';
import { OpusError } from '../errors.ts';
import type { AccountDetails } from './account-details.ts';
import type { AccountJournal } from './account-journal.ts';
import { contractError } from './dispatch.ts';
import type { EventHub } from './event-hub.ts';
import type { Restoration } from './restoration.ts';
import type { DocumentWatching } from './watch-documents.ts';

export interface AccountSwitchParts {
  account: AccountSession;
  details: AccountDetails;
  journal: AccountJournal;
  documents: Documents;
  watching: DocumentWatching;
  restoration: Restoration;
  events: EventHub;
  /** The journal's key for an account on this Dropbox and app key. */
  journalKey(accountId: string): string;
}

/**
 * Open documents and their journal belong to the account they were opened with: signing out closes
 * them (their unsaved text stays journaled for that account), signing in switches the journal.
 */
export function accountSwitch(parts: AccountSwitchParts) {
  const { account, details, journal, documents, watching, restoration, events } = parts;

  async function switchAccount(): Promise<void> {
    const id = account.accountId;
    if (!id) {
      watching.watcher.stop();
      documents.forgetAll();
      restoration.forget();
    }
    await journal.switchTo(id ? parts.journalKey(id) : null);
  }

  /** Switches, then tells the window who is signed in (with the account's details when they load). */
  async function announceAccount(signedIn: boolean, error?: OpusError): Promise<void> {
    await switchAccount();
    const failure = error ? contractError(error) : undefined;
    if (!signedIn)
      return events.emit('accountChanged', { signedIn: false, ...(failure ? { error: failure } : {}) });
    try {
      events.emit('accountChanged', { signedIn: true, account: await details.get({ fresh: true }) });
    } catch (cause) {
      events.emit('accountChanged', {
        signedIn: true,
        ...(cause instanceof OpusError ? { error: contractError(cause) } : {}),
      });
    }
  }

  return { switchAccount, announceAccount };
}
