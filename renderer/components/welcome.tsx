import { useEffect, useState } from 'react';
import { shortcutOf } from '../commands.ts';
import { parentFolder } from '../format.ts';
import type { CommandResponse, OpusApi } from '../opus.ts';

type RecentFile = CommandResponse<'getRecentFiles'>[number];

interface WelcomeProps {
  opus: OpusApi;
  onNew(): void;
  onOpen(): void;
  onUpload(): void;
  onOpenPath(path: string): void;
}

/** The editor area before any document is open: open, upload, or pick up a file opened lately. */
export function Welcome({ opus, onNew, onOpen, onUpload, onOpenPath }: WelcomeProps) {
  const [recent, setRecent] = useState<RecentFile[]>([]);
  useEffect(() => {
    let live = true;
    // Asked each time the welcome shows: the list changes with every file opened.
    opus.getRecentFiles().then(
      (files) => live && setRecent(files),
      () => live && setRecent([]),
    );
    return () => {
      live = false;
    };
  }, [opus]);

  return (
    <section className="welcome" aria-label="No document open">
      <h2>No document open</h2>
      <p>Start a new file, open a text file from your Dropbox, or upload one from this computer.</p>
      <div className="welcome-actions">
        <button type="button" className="primary" onClick={onOpen}>
          Open…
        </button>
        <button type="button" onClick={onNew}>
          New File
        </button>
        <button type="button" onClick={onUpload}>
          Upload Local File…
        </button>
      </div>
      {recent.length > 0 && (
        <nav className="recent-files" aria-label="Recent files">
          <h3>Recent</h3>
          <ul>
            {recent.map((file) => (
              <li key={file.path}>
                <button
                  type="button"
                  className="link"
                  onClick={() => onOpenPath(file.path)}
                  title={file.path}
                >
                  {file.name}
                </button>
                <span className="hint">{parentFolder(file.path) || 'Dropbox'}</span>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <p className="hint">
        <kbd>{shortcutOf('newFile')}</kbd> starts a new file, <kbd>{shortcutOf('open')}</kbd> opens,{' '}
        <kbd>{shortcutOf('commandPalette')}</kbd> shows every command.
      </p>
    </section>
  );
}
