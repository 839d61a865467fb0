import { type FormEvent, useState } from 'react';
import { describeError, errorKind, type OpusApi } from '../opus.ts';

/** Why a pasted code failed, in words; only a network or a busy Dropbox is not the code's fault. */
export function pasteCodeFailure(error: unknown): string {
  const kind = errorKind(error);
  // signed_out: Dropbox's invalid_grant (mistyped, expired or used); invalid_request: not a code at all.
  if (kind === 'signed_out' || kind === 'invalid_request') {
    return 'That code was not accepted. Copy the whole code from the sign-in page and paste it again, or get a new code.';
  }
  return describeError(error);
}

type Step = { step: 'idle' } | { step: 'waiting'; blockedUrl: string | null };

/**
 * The seed's no-redirect flow, for when the browser cannot come back to Opus (a firewall, another
 * profile): the provider's page shows a code and the person pastes it here. Success arrives as
 * `accountChanged`, which switches screens by itself.
 */
export function PasteCodeSignIn({ opus }: { opus: OpusApi }) {
  const [step, setStep] = useState<Step>({ step: 'idle' });
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const start = async () => {
    setFailure(null);
    setCode('');
    try {
      const { authorizeUrl } = await opus.startPasteCodeSignIn();
      // A blocked pop-up returns null: offer the address as a link the user can follow themselves.
      setStep({ step: 'waiting', blockedUrl: window.open(authorizeUrl, '_blank') ? null : authorizeUrl });
    } catch (caught) {
      setFailure(describeError(caught));
    }
  };

  const complete = async (event: FormEvent) => {
    event.preventDefault();
    const pasted = code.trim();
    if (!pasted || busy) return;
    setBusy(true);
    setFailure(null);
    try {
      await opus.completePasteCodeSignIn({ code: pasted });
    } catch (caught) {
      setFailure(pasteCodeFailure(caught));
    } finally {
      setBusy(false);
    }
  };

  if (step.step === 'idle') {
    return (
      <div className="paste-code">
        <button type="button" className="link" onClick={start}>
          Sign in with a code instead
        </button>
        {failure && (
          <p className="error" role="alert">
            {failure}
          </p>
        )}
      </div>
    );
  }

  return (
    <form className="paste-code" aria-label="Sign in with a code" onSubmit={complete}>
      <p className="hint">
        Choose Allow on the page that opened, then copy the code it shows and paste it here.
      </p>
      {step.blockedUrl && (
        <p className="hint">
          The page did not open.{' '}
          <a href={step.blockedUrl} target="_blank" rel="noreferrer">
            Open the page with the code
          </a>
        </p>
      )}
      <label htmlFor="paste-code-input">Code</label>
      <div className="paste-code-row">
        <input
          id="paste-code-input"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          autoComplete="off"
          spellCheck={false}
          // biome-ignore lint/a11y/noAutofocus: the person came here to paste, and the field is the only thing to do
          autoFocus
        />
        <button type="submit" className="primary" disabled={busy || code.trim() === ''}>
          Sign in
        </button>
      </div>
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
      <button type="button" className="link" onClick={start}>
        Get a new code
      </button>
    </form>
  );
}
