import type { AccountSession } from '../auth/account-session.ts';
import type { AccountDetails } from './account-details.ts';
import type { Handlers } from './dispatch.ts';

type AccountHandlers = Pick<
  Handlers,
  'getAccount' | 'signIn' | 'startPasteCodeSignIn' | 'completePasteCodeSignIn' | 'signOut'
>;

/** Signing in and out, and who is signed in. */
export function accountHandlers(account: AccountSession, details: AccountDetails): AccountHandlers {
  return {
    getAccount: async ({ fresh }) =>
      account.signedIn
        ? { signedIn: true, account: await details.get({ fresh: fresh ?? false }) }
        : { signedIn: false },
    signIn: async () => ({ authorizeUrl: await account.startBrowserSignIn() }),
    startPasteCodeSignIn: () => ({ authorizeUrl: account.startPasteCodeSignIn() }),
    completePasteCodeSignIn: async ({ code }) => {
      await account.completePasteCodeSignIn(code);
      return details.get();
    },
    signOut: async () => {
      await account.signOut();
      return null;
    },
  };
}
