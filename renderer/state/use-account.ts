import { useEffect, useState } from 'react';
import { messageFor } from '../messages.ts';
import { type Account, describeError, type OpusApi } from '../opus.ts';

/** The event's error in the same sentences as every other error (the event keeps its kind, even in Electron). */
const words = (error: { kind: string; message: string } | undefined) =>
  error ? messageFor(error.kind, error.message) : undefined;

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
          ? { status: 'signedIn', account: change.account ?? null, error: words(change.error) }
          : { status: 'signedOut', error: words(change.error) },
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
