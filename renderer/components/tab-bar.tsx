import type { KeyboardEvent } from 'react';
import { tabLabels } from '../state/documents-state.ts';
import type { OpenDocument } from '../state/open-document.ts';
import { tabKeyAction } from './tab-keys.ts';

interface TabBarProps {
  docs: readonly OpenDocument[];
  activeId: string | null;
  onActivate(documentId: string): void;
  onClose(documentId: string): void;
}

/** One tab per open document: a dot while it has unsaved changes, a mark when Dropbox has news about it. */
export function TabBar({ docs, activeId, onActivate, onClose }: TabBarProps) {
  if (docs.length === 0) return null;
  const labels = tabLabels(docs);
  const ids = docs.map((doc) => doc.snapshot.documentId);

  const keyDown = (event: KeyboardEvent, documentId: string) => {
    const action = tabKeyAction(ids, documentId, event.key);
    if (!action) return;
    event.preventDefault();
    if (action.kind === 'close') return onClose(documentId);
    onActivate(action.documentId);
    document.getElementById(`tab-${action.documentId}`)?.focus();
  };

  return (
    <div className="tab-bar" role="tablist" aria-label="Open documents">
      {docs.map((doc) => {
        const id = doc.snapshot.documentId;
        const label = labels.get(id) ?? doc.remote.name;
        const active = id === activeId;
        const news = doc.remoteChange !== null;
        return (
          // The tablist owns tabs only: the wrapper is presentation and the × is the mouse's way to close
          // (hidden from assistive technology, which closes the focused tab with Delete).
          <div key={id} className={active ? 'tab active' : 'tab'} data-dirty={doc.dirty} role="presentation">
            <button
              type="button"
              role="tab"
              id={`tab-${id}`}
              aria-selected={active}
              aria-keyshortcuts="Delete"
              tabIndex={active ? 0 : -1}
              title={doc.remote.path}
              onClick={() => onActivate(id)}
              onAuxClick={(event) => event.button === 1 && onClose(id)}
              onKeyDown={(event) => keyDown(event, id)}
            >
              <span className="tab-name">{label}</span>
              {doc.dirty && (
                <span className="tab-dirty" role="img" aria-label="unsaved changes">
                  ●
                </span>
              )}
              {news && (
                <span className="tab-news" role="img" aria-label="changed on Dropbox">
                  !
                </span>
              )}
            </button>
            <button
              type="button"
              className="tab-close"
              aria-hidden="true"
              title="Close (Ctrl+W)"
              tabIndex={-1}
              onClick={() => onClose(id)}
            >
              ×
            </button>
          </div>
        );
      })}
    </div>
  );
}
