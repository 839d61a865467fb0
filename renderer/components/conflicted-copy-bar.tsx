import type { ConflictedCopy } from '../opus.ts';
import { copiesNotice } from '../state/conflicted-copy-words.ts';

interface ConflictedCopyBarProps {
  originalName: string;
  copies: readonly ConflictedCopy[];
  onResolve(): void;
  onDismiss(): void;
}

/** Under the tabs, for the active document: Dropbox left a conflicted copy of it beside it. */
export function ConflictedCopyBar({ originalName, copies, onResolve, onDismiss }: ConflictedCopyBarProps) {
  const words = copiesNotice(originalName, copies);
  if (!words) return null;
  return (
    <div className="notice-bar info conflicted-copy-bar" role="status" aria-label="Conflicted copy">
      <span className="banner-text">{words}.</span>
      <button type="button" className="primary" onClick={onResolve}>
        Resolve…
      </button>
      <button type="button" className="quiet" onClick={onDismiss} aria-label="Dismiss conflicted copy notice">
        ×
      </button>
    </div>
  );
}
