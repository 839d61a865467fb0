import { connect, createServer, type Server } from 'node:net';
import { expect } from 'vitest';

function listenOn(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => resolve(server));
  });
}

const portOf = (server: Server) => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening on TCP');
  return address.port;
};

/** Another program sitting on a port of the list. */
export async function occupyPort(): Promise<{ port: number; release(): Promise<void> }> {
  const server = await listenOn(0);
  return {
    port: portOf(server),
    release: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A port that was free a moment ago (the OS does not hand it out again right away). */
export async function freePort(): Promise<number> {
  const server = await listenOn(0);
  const port = portOf(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A fresh TCP connection, not fetch: fetch may reuse a pooled keep-alive socket and report "other side
 * closed" instead, which says nothing about whether the port still accepts connections.
 */
export async function expectConnectionRefused(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  const attempt = new Promise<void>((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
  await expect(attempt).rejects.toMatchObject({ code: 'ECONNREFUSED' });
}
