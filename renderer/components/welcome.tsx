/** The editor area before any document is open. */
export function Welcome({ onOpen }: { onOpen(): void }) {
  return (
    <section className="welcome" aria-label="No document open">
      <h2>No document open</h2>
      <p>Open a text file from your Dropbox to start editing.</p>
      <button type="button" className="primary" onClick={onOpen}>
        Open…
      </button>
    </section>
  );
}
