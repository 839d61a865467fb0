import type { KeyboardEvent } from 'react';
import { type OpenDocument, tabLabels } from '../state/documents-state.ts';

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

  // Arrow keys move between tabs, as the ARIA tabs pattern has it; Delete closes the focused one.
  const keyDown = (event: KeyboardEvent, documentId: string) => {
    const index = ids.indexOf(documentId);
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    let next: string | undefined;
    if (step) next = ids[(index + step + ids.length) % ids.length];
    else if (event.key === 'Home') next = ids[0];
    else if (event.key === 'End') next = ids[ids.length - 1];
    else if (event.key === 'Delete') {
      event.preventDefault();
      onClose(documentId);
      return;
    }
    if (!next) return;
    event.preventDefault();
    onActivate(next);
    document.getElementById(`tab-${next}`)?.focus();
  };

  return (
    <div className="tab-bar" role="tablist" aria-label="Open documents">
      {docs.map((doc) => {
        const id = doc.snapshot.documentId;
        const label = labels.get(id) ?? doc.remote.name;
        const active = id === activeId;
        const news = doc.remoteChange !== null;
        return (
          <div key={id} className={active ? 'tab active' : 'tab'} data-dirty={doc.dirty}>
            <button
              type="button"
              role="tab"
              id={`tab-${id}`}
              aria-selected={active}
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
              aria-label={`Close ${label}`}
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
