import { formatModified } from '../format.ts';
import type { RemoteChange } from '../state/open-document.ts';
import { useShortRevs } from '../state/use-short-revs.ts';
import { RevisionLabel } from './revision-label.tsx';

interface RemoteBannerProps {
  change: RemoteChange;
  /** The rev the editor's text is based on (the status bar's): Dropbox's reads apart from it. */
  baseRev: string;
  onMerge(): void;
  onCompare(): void;
  onLater(): void;
  onRecreate(): void;
  onClose(): void;
}

/** Non-modal news from Dropbox about the open document: typing goes on while it shows. */
export function RemoteBanner({
  change,
  baseRev,
  onMerge,
  onCompare,
  onLater,
  onRecreate,
  onClose,
}: RemoteBannerProps) {
  const shortOf = useShortRevs([baseRev, change.remote?.rev]);
  if (change.change !== 'modified' || !change.remote) {
    return (
      <div className="remote-banner warning" role="alert" aria-label="Dropbox change">
        <span className="banner-text">
          This file was {change.change === 'moved' ? 'moved' : 'deleted or moved'} on Dropbox. Your text is
          still here.
        </span>
        <button type="button" className="primary" onClick={onRecreate}>
          Save to recreate
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    );
  }
  const { remote } = change;
  return (
    <div className="remote-banner" role="alert" aria-label="Dropbox change">
      <span className="banner-text">
        This file changed on Dropbox: rev{' '}
        <strong>
          <RevisionLabel rev={remote.rev} short={shortOf(remote.rev)} />
        </strong>
        , modified <time dateTime={remote.serverModified}>{formatModified(remote.serverModified)}</time>. You
        have unsaved changes.
      </span>
      <button type="button" className="primary" onClick={onMerge}>
        Merge
      </button>
      <button type="button" onClick={onCompare}>
        Compare
      </button>
      <button type="button" onClick={onLater}>
        Later
      </button>
    </div>
  );
}
