import type { Notice } from '../state/workspace-dialog.ts';

/** What went wrong, or what Opus did by itself, in words for people; stays until dismissed. */
export function NoticeBar({ notice, onDismiss }: { notice: Notice; onDismiss(): void }) {
  const content = (
    <>
      <span className="banner-text">{notice.message}</span>
      {notice.action && (
        <button type="button" onClick={notice.action.run}>
          {notice.action.label}
        </button>
      )}
      <button type="button" className="quiet" onClick={onDismiss} aria-label="Dismiss notice">
        ×
      </button>
    </>
  );
  // An error interrupts (alert); news of what Opus did by itself waits its turn (status).
  return notice.tone === 'error' ? (
    <div className="notice-bar error" role="alert" aria-label="Notice">
      {content}
    </div>
  ) : (
    <div className="notice-bar info" role="status" aria-label="Notice">
      {content}
    </div>
  );
}
