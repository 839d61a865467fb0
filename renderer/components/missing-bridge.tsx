/** Shown when the page is opened outside Opus, where no window.opus exists to talk to. */
export function MissingBridge() {
  return (
    <main className="centered">
      <h1>Opus is not connected</h1>
      <p>
        Open this page through the Opus app, or with the address that <code>npm start</code> or{' '}
        <code>npm run web</code> printed: it carries the key this window needs.
      </p>
    </main>
  );
}
