/** The editor area before any document is open. */
export function Welcome({ onOpen, onUpload }: { onOpen(): void; onUpload(): void }) {
  return (
    <section className="welcome" aria-label="No document open">
      <h2>No document open</h2>
      <p>Open a text file from your Dropbox, or upload one from this computer.</p>
      <div className="welcome-actions">
        <button type="button" className="primary" onClick={onOpen}>
          Open…
        </button>
        <button type="button" onClick={onUpload}>
          Upload Local File…
        </button>
      </div>
      <p className="hint">
        <kbd>Ctrl</kbd>+<kbd>O</kbd> opens, <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>P</kbd> shows every command.
      </p>
    </section>
  );
}
