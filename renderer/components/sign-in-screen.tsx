import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandId } from '../commands.ts';
import { describeError, type OpusApi } from '../opus.ts';
import { useShortcuts } from '../state/use-shortcuts.ts';
import { PasteCodeSignIn } from './paste-code-sign-in.tsx';
import { SettingsDialog } from './settings-dialog.tsx';

/** The commands that mean something with nobody signed in. */
const SIGNED_OUT_COMMANDS: readonly CommandId[] = ['signIn', 'settings'];

interface SignInScreenProps {
  opus: OpusApi;
  provider: 'dropbox' | 'localbox';
  /** A failure reported by `accountChanged` (for example consent denied in the other tab). */
  error?: string;
}

/**
 * Signed out: one button that opens the provider's consent page in a new tab (the result comes back as
 * an event), and below it the paste-a-code fallback.
 */
export function SignInScreen({ opus, provider, error }: SignInScreenProps) {
  const [waiting, setWaiting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [fallbackUrl, setFallbackUrl] = useState<string | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const label = provider === 'localbox' ? 'Sign in to localbox' : 'Sign in with Dropbox';

  // The other tab's answer ends the wait. `error` alone cannot say so: a second refusal repeats the words.
  useEffect(
    () =>
      opus.onAccountChanged((change) => {
        if (!change.signedIn) setWaiting(false);
      }),
    [opus],
  );

  const signIn = async () => {
    setFailure(null);
    try {
      const { authorizeUrl } = await opus.signIn();
      // A blocked pop-up returns null: offer the address as a link the user can follow themselves.
      setFallbackUrl(window.open(authorizeUrl, '_blank') ? null : authorizeUrl);
      setWaiting(true);
    } catch (caught) {
      setFailure(describeError(caught));
    }
  };

  // Electron's Dropbox menu has Sign In too; signed out, it means this button. Settings has a key, here
  // as in Electron's File menu.
  const latestSignIn = useRef(signIn);
  latestSignIn.current = signIn;
  const run = useCallback((command: CommandId) => {
    if (command === 'signIn') void latestSignIn.current();
    if (command === 'settings') setSettingsOpen(true);
  }, []);
  useEffect(() => opus.onMenuCommand(({ command }) => run(command)), [opus, run]);
  useShortcuts(run, SIGNED_OUT_COMMANDS);

  // While a new attempt waits, the last attempt's refusal is history, not news.
  const shown = failure ?? (waiting ? undefined : error);
  return (
    <main className="sign-in">
      <section className="sign-in-card" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Opus</h1>
        <p>
          {provider === 'localbox'
            ? 'Your documents live in localbox, the Dropbox-compatible server on this computer.'
            : 'Your documents live in your Dropbox.'}
        </p>
        <button type="button" className="primary large" onClick={signIn}>
          {label}
        </button>
        {waiting && (
          <p className="hint" role="status">
            Finish signing in on the page that just opened; this window updates by itself.
          </p>
        )}
        {fallbackUrl && (
          <p className="hint">
            The page did not open.{' '}
            <a href={fallbackUrl} target="_blank" rel="noreferrer">
              Open the sign-in page
            </a>
          </p>
        )}
        {shown && (
          <p className="error" role="alert">
            {shown}
          </p>
        )}
        <PasteCodeSignIn opus={opus} />
        <button type="button" className="link settings-link" onClick={() => setSettingsOpen(true)}>
          {provider === 'localbox' ? 'Use your Dropbox instead…' : 'Settings…'}
        </button>
      </section>
      {settingsOpen && <SettingsDialog opus={opus} onClose={() => setSettingsOpen(false)} />}
    </main>
  );
}
