import type { ReactNode } from 'react';
import { languageLabel } from '../editor/language-for-path.ts';
import { baseName, encodingLabel, lineEndingLabel, parentFolder } from '../format.ts';
import { documentRevs } from '../state/document-revs.ts';
import { formatOf, isUntitled, type OpenDocument } from '../state/open-document.ts';
import type { TransferView } from '../state/transfers.ts';
import { useShortRevs } from '../state/use-short-revs.ts';
import { RevisionLabel } from './revision-label.tsx';
import { saveProgress, saveStateAlerts, saveStateWords } from './save-state-words.ts';

interface StatusBarProps {
  accountName: string;
  document: OpenDocument | null;
  language: string;
  online: boolean;
  /** A save made offline waits to be sent. */
  pending: boolean;
  /** A transfer of this document that has lasted over about a second. */
  transfer: TransferView | null;
  /** A document is being opened (downloaded) into a new tab. */
  opening: boolean;
  /** Last in the bar: the app's own news (an update's download). */
  children?: ReactNode;
}

/** Account, path, rev, sync state, encoding, line endings, language: the document at a glance. */
export function StatusBar(props: StatusBarProps) {
  const { accountName, document, language, online, pending, transfer, opening } = props;
  const saveState = document?.saveState;
  const progress = saveState ? saveProgress(saveState, transfer) : null;
  const shortOf = useShortRevs(documentRevs(document));
  return (
    <footer className="status-bar">
      <span className="status-account" title="Account">
        {accountName}
      </span>
      {!online && (
        <span className="status-offline" title="Dropbox can't be reached; saves wait on this computer">
          Offline
        </span>
      )}
      {opening && (
        <span className="status-opening" role="status" aria-label="Opening">
          Opening…
        </span>
      )}
      {document && saveState && (
        <>
          {isUntitled(document.remote) ? (
            <span className="status-path">Not on Dropbox yet</span>
          ) : (
            <>
              {/* A narrow window cuts the folders, never the file's name; the whole path is the tooltip. */}
              <span className="status-path" title={`Path: ${document.remote.path}`}>
                <span className="status-folder">{parentFolder(document.remote.path)}</span>
                <span className="status-file-name">/{baseName(document.remote.path)}</span>
              </span>
              <span className="status-rev">
                rev <RevisionLabel rev={document.remote.rev} short={shortOf(document.remote.rev)} />
              </span>
            </>
          )}
          <span
            className={saveStateAlerts(saveState) ? 'status-save alert' : 'status-save'}
            role="status"
            aria-label="Save state"
            data-state={saveState.kind}
          >
            {saveStateWords(document, transfer, pending, shortOf)}
          </span>
          {progress && (
            <progress
              className="status-progress"
              max={100}
              value={progress.percent}
              aria-label={progress.label}
            />
          )}
          <span className="spacer" />
          <span title="Encoding">{encodingLabel(formatOf(document))}</span>
          <span title="Line endings">{lineEndingLabel(formatOf(document).lineEnding)}</span>
          <span title="Language">{languageLabel(language)}</span>
        </>
      )}
      {props.children}
    </footer>
  );
}
