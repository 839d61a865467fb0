import { useEffect, useState } from 'react';
import { type CoreWords, messageFor } from '../messages.ts';
import { type Account, type CommandResponse, describeError, type OpusApi } from '../opus.ts';
import type { EarlyAnswer } from '../start-up/early-answer.ts';

/** The event's error in the same sentences as every other error (the event keeps its kind, even in Electron). */
const words = (error: CoreWords | undefined) => (error ? messageFor(error) : undefined);

export type AccountState =
  | { status: 'loading' }
  | { status: 'signedOut'; error?: string }
  | { status: 'signedIn'; account: Account | null; error?: string };

type Current = CommandResponse<'getAccount'>;

const stateOf = (current: Current): AccountState =>
  current.signedIn ? { status: 'signedIn', account: current.account } : { status: 'signedOut' };

/**
 * The signed-in account, kept current by `accountChanged` (sign-in finishes in another tab). `early`
 * is the getAccount call the page made as it started: already answered, it is the first state.
 */
export function useAccount(opus: OpusApi, early?: EarlyAnswer<Current>): AccountState {
  const [state, setState] = useState<AccountState>(() => {
    const current = early?.value();
    return current ? stateOf(current) : { status: 'loading' };
  });
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
    (early?.promise ?? opus.getAccount()).then(
      (current) => {
        if (!live) return;
        setState((previous) => (previous.status !== 'loading' ? previous : stateOf(current)));
      },
      (error: unknown) => live && setState({ status: 'signedOut', error: describeError(error) }),
    );
    return () => {
      live = false;
      off();
    };
  }, [opus, early]);
  return state;
}
