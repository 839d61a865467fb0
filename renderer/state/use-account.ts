import { useEffect, useState } from 'react';
import { type Account, describeError, type OpusApi } from '../opus.ts';

export type AccountState =
  | { status: 'loading' }
  | { status: 'signedOut'; error?: string }
  | { status: 'signedIn'; account: Account | null; error?: string };

/** The signed-in account, kept current by `accountChanged` (sign-in finishes in another tab). */
export function useAccount(opus: OpusApi): AccountState {
  const [state, setState] = useState<AccountState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    const off = opus.onAccountChanged((change) => {
      // Signed in but without account details means they could not be fetched; the files still work.
      setState(
        change.signedIn
          ? { status: 'signedIn', account: change.account ?? null, error: change.error?.message }
          : { status: 'signedOut', error: change.error?.message },
      );
    });
    // An event that arrived while this call was in flight is newer: only replace "loading".
    opus.getAccount().then(
      (current) => {
        if (!live) return;
        setState((previous) =>
          previous.status !== 'loading'
            ? previous
            : current.signedIn
              ? { status: 'signedIn', account: current.account }
              : { status: 'signedOut' },
        );
      },
      (error: unknown) => live && setState({ status: 'signedOut', error: describeError(error) }),
    );
    return () => {
      live = false;
      off();
    };
  }, [opus]);
  return state;
}
