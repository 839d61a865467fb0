import { useCallback, useEffect, useState } from 'react';
import { formatSpace } from '../format.ts';
import { type Account, describeError, type OpusApi } from '../opus.ts';
import { ModalDialog } from './modal-dialog.tsx';
import { spaceMeter } from './space-meter.ts';

interface AccountPanelProps {
  opus: OpusApi;
  onClose(): void;
  onSignOut(): void;
}

type Loaded =
  | { status: 'loading' }
  | { status: 'loaded'; account: Account }
  | { status: 'signedOut' }
  | { status: 'failed'; message: string };

const PROVIDER_NAMES: Record<Account['provider'], string> = {
  dropbox: 'Dropbox',
  localbox: 'localbox on this computer',
};

/** The seed's `account_info()`: who is signed in and how full the Dropbox is, asked fresh on each open. */
export function AccountPanel({ opus, onClose, onSignOut }: AccountPanelProps) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });

  const load = useCallback(() => {
    let live = true;
    setLoaded({ status: 'loading' });
    opus.getAccount({ fresh: true }).then(
      (answer) =>
        live &&
        setLoaded(answer.signedIn ? { status: 'loaded', account: answer.account } : { status: 'signedOut' }),
      (error: unknown) => live && setLoaded({ status: 'failed', message: describeError(error) }),
    );
    return () => {
      live = false;
    };
  }, [opus]);

  useEffect(load, [load]);

  return (
    <ModalDialog label="Account" onClose={onClose} className="account-panel">
      <h2>Account</h2>
      <AccountBody loaded={loaded} onRetry={load} />
      <div className="dialog-buttons">
        {loaded.status !== 'signedOut' && (
          <button type="button" onClick={onSignOut}>
            Sign out
          </button>
        )}
        {/* Close is the panel's everyday answer: Enter must never sign out (modal-dialog.tsx focuses it). */}
        <button type="button" className="primary" onClick={onClose} data-autofocus>
          Close
        </button>
      </div>
    </ModalDialog>
  );
}

function AccountBody({ loaded, onRetry }: { loaded: Loaded; onRetry(): void }) {
  switch (loaded.status) {
    case 'loading':
      return (
        <p className="hint" role="status">
          Loading your account…
        </p>
      );
    case 'signedOut':
      return <p>You are signed out.</p>;
    case 'failed':
      return (
        <div role="alert">
          <p className="error">{loaded.message}</p>
          <button type="button" onClick={onRetry}>
            Try again
          </button>
        </div>
      );
    case 'loaded':
      return <AccountDetails account={loaded.account} />;
  }
}

function AccountDetails({ account }: { account: Account }) {
  const meter = spaceMeter(account.used, account.allocated);
  return (
    <>
      <dl className="account-facts">
        <dt>Name</dt>
        <dd>{account.displayName}</dd>
        <dt>Email</dt>
        <dd>{account.email}</dd>
        <dt>Files in</dt>
        <dd>{PROVIDER_NAMES[account.provider]}</dd>
        <dt>Space</dt>
        <dd>{formatSpace(account.used, account.allocated)}</dd>
      </dl>
      {meter && (
        <meter
          className="account-space"
          aria-label="Space used"
          aria-valuetext={meter.text}
          min={0}
          max={meter.max}
          low={meter.low}
          high={meter.high}
          optimum={0}
          value={meter.value}
        />
      )}
    </>
  );
}
