import { Agent, request } from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../test-support/localbox.ts';

// A client reuses a kept-alive socket while the server is closing it: the request fails with
// `fetch failed` before any byte of the answer, and the official SDK does not retry. That race is the
// server's to avoid: it keeps idle sockets longer than clients do (and says how long), so the client
// always lets go first. Here: a socket idle for 6 s, past Node's and undici's own keep-alive and past
// the 5 s localbox used to keep, is still there for the next request.

let lb: TestLocalbox;
let token: string;
beforeAll(async () => {
  lb = await startTestLocalbox({});
  token = lb.box.issueTokens().access_token;
});
afterAll(() => lb.stop());

/** One API call on `agent`: its status, its Keep-Alive header, and whether it went on a reused socket. */
function call(agent: Agent): Promise<{ status: number; keepAlive: string; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${lb.box.url}/2/users/get_current_account`,
      { method: 'POST', agent, headers: { Authorization: `Bearer ${token}` } },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            keepAlive: String(res.headers['keep-alive'] ?? ''),
            reused: req.reusedSocket,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

test('an idle kept-alive socket outlives a client that waits 6 s, and the answer says how long it stays', async () => {
  // Sockets this agent keeps are closed by the server or not at all: no timeout of its own.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const first = await call(agent);
    expect(first).toMatchObject({ status: 200, reused: false });
    expect(first.keepAlive).toBe('timeout=75');
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(await call(agent)).toMatchObject({ status: 200, reused: true });
  } finally {
    agent.destroy();
  }
}, 15_000);
