import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { listenOnRememberedPort } from './remembered-port.ts';

const servers: Server[] = [];
const folders: string[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const listen = (port: number) =>
  new Promise<{ origin: string }>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      servers.push(server);
      resolve({ origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    });
  });

const portFile = () => {
  const folder = mkdtempSync(join(tmpdir(), 'opus-port-'));
  folders.push(folder);
  return join(folder, 'host-port');
};

test('a second launch listens where the first did, so the page keeps its origin', async () => {
  const file = portFile();
  const first = await listenOnRememberedPort(file, listen);
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
  const second = await listenOnRememberedPort(file, listen);
  expect(second.origin).toBe(first.origin);
});

test('a remembered port that is taken gives way to any free one, which is remembered next', async () => {
  const file = portFile();
  const taken = await listen(0);
  writeFileSync(file, `${new URL(taken.origin).port}\n`);
  const started = await listenOnRememberedPort(file, listen);
  expect(started.origin).not.toBe(taken.origin);
  expect(readFileSync(file, 'utf8').trim()).toBe(new URL(started.origin).port);
});
