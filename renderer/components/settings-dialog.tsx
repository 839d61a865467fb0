import { type FormEvent, useEffect, useState } from 'react';
import { OPUS_SCOPES } from '../../electron/common/dropbox-scopes.ts';
import { describeError, type OpusApi } from '../opus.ts';
import { appKeySaved, typedAppKey } from './app-key.ts';
import { AutoSaveSettings } from './auto-save-settings.tsx';
import { ModalDialog } from './modal-dialog.tsx';

/** The permissions to tick in the App Console: exactly those Opus asks for at sign-in. */
const SCOPES_LISTED = `${OPUS_SCOPES.slice(0, -1).join(', ')} and ${OPUS_SCOPES.at(-1)}`;

interface SettingsDialogProps {
  opus: OpusApi;
  onClose(): void;
}

type Loaded =
  | { status: 'loading' }
  | { status: 'loaded'; saved: string | null; fromEnvironment: boolean }
  | { status: 'failed'; message: string };

/**
 * With a Dropbox app key Opus uses the user's Dropbox; without one, the localbox on this computer (see
 * README.md). The choice is made once at start, so a change takes effect when Opus starts again.
 */
export function SettingsDialog({ opus, onClose }: SettingsDialogProps) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [appKey, setAppKey] = useState('');
  const [outcome, setOutcome] = useState<{ tone: 'error' | 'info'; message: string } | null>(null);

  useEffect(() => {
    let live = true;
    opus.getSettings().then(
      (settings) => {
        if (!live) return;
        setLoaded({
          status: 'loaded',
          saved: settings.dropboxAppKey,
          fromEnvironment: settings.fromEnvironment,
        });
        setAppKey(settings.dropboxAppKey ?? '');
      },
      (error: unknown) => live && setLoaded({ status: 'failed', message: describeError(error) }),
    );
    return () => {
      live = false;
    };
  }, [opus]);

  const { key, valid } = typedAppKey(appKey);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    try {
      const { restartRequired } = await opus.setDropboxAppKey({ appKey: key === '' ? null : key });
      setLoaded((old) => (old.status === 'loaded' ? { ...old, saved: key || null } : old));
      setOutcome({ tone: 'info', message: appKeySaved(key, restartRequired) });
    } catch (error) {
      setOutcome({ tone: 'error', message: describeError(error) });
    }
  };

  return (
    <ModalDialog label="Settings" onClose={onClose} className="settings">
      <form onSubmit={save}>
        <h2>Settings</h2>
        <AutoSaveSettings opus={opus} />
        <label htmlFor="settings-app-key">Dropbox app key</label>
        <input
          id="settings-app-key"
          value={appKey}
          onChange={(event) => {
            setAppKey(event.target.value);
            setOutcome(null);
          }}
          placeholder="Empty: use the localbox on this computer"
          spellCheck={false}
          autoComplete="off"
          disabled={loaded.status === 'loading'}
          aria-invalid={!valid}
          aria-describedby="settings-app-key-hint"
        />
        <p id="settings-app-key-hint" className="hint">
          {valid
            ? `Register an app in the Dropbox App Console (scoped access with ${SCOPES_LISTED}; redirect URIs http://127.0.0.1:53682/callback to :53684) and paste its app key. No app secret is needed.`
            : 'An app key is 5 to 40 lowercase letters and digits.'}
        </p>
        {loaded.status === 'loaded' && loaded.fromEnvironment && !loaded.saved && (
          <p className="hint">
            OPUS_DROPBOX_APP_KEY is set in the environment; a key saved here takes its place.
          </p>
        )}
        {loaded.status === 'failed' && (
          <p className="error" role="alert">
            {loaded.message}
          </p>
        )}
        {outcome && (
          <p
            className={outcome.tone === 'error' ? 'error' : 'hint'}
            role={outcome.tone === 'error' ? 'alert' : 'status'}
          >
            {outcome.message}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="primary" disabled={!valid || loaded.status !== 'loaded'}>
            Save
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
