// Forked by concurrent-uploads.ts and run under plain `node` (no bundling, no imports): waits for its
// orders, sends `count` uploads at once to distinct paths, and reports each one's latency and error.
process.once('message', async ({ url, token, prefix, count, body }) => {
  const upload = async (index) => {
    const path = `${prefix}/${index}.txt`;
    const started = performance.now();
    try {
      const res = await fetch(`${url}/2/files/upload`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/octet-stream',
          'Dropbox-API-Arg': JSON.stringify({ path, mode: { '.tag': 'add' } }),
        },
        body: Buffer.from(`${path}\n${body}`, 'utf8'),
      });
      const answer = await res.text();
      const error = res.ok ? null : `HTTP ${res.status} ${answer.slice(0, 200)}`;
      return { ms: performance.now() - started, error };
    } catch (error) {
      return { ms: performance.now() - started, error: String(error?.cause ?? error) };
    }
  };
  const results = await Promise.all(Array.from({ length: count }, (_, index) => upload(index)));
  process.send(results, () => process.exit(0));
});
process.send('ready');
