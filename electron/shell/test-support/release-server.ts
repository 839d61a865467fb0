import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Release {
  version: string;
  /** The installer's bytes. */
  artifact: Buffer;
  /** The sha512 `latest-linux.yml` states (default: the artifact's own). */
  sha512?: string;
}

export interface ReleaseServer {
  /** The feed's base URL, as a generic publish config names it. */
  url: string;
  /** What it serves from now on. */
  publish(release: Release): void;
  /** Every path asked for, in order (query strings dropped). */
  readonly requests: string[];
  close(): Promise<void>;
}

export const sha512Of = (bytes: Buffer): string => createHash('sha512').update(bytes).digest('base64');

/** The feed as electron-builder writes it for Linux: the version, its file, the file's size and sha512. */
function latestYml({ version, artifact, sha512 = sha512Of(artifact) }: Release): string {
  const file = `Opus-${version}-linux-amd64.deb`;
  return [
    `version: ${version}`,
    'files:',
    `  - url: ${file}`,
    `    sha512: ${sha512}`,
    `    size: ${artifact.length}`,
    `path: ${file}`,
    `sha512: ${sha512}`,
    "releaseDate: '2026-05-01T12:00:00.000Z'",
    '',
  ].join('\n');
}

/**
 * A release feed over real HTTP on port 0, as a GitHub release or any generic server answers the updater:
 * `latest-linux.yml`, then the installer it names. Half the installer comes at once and the rest a little
 * over a second later, so the updater (which reports progress at most once a second) reports a part done.
 */
export async function startReleaseServer(first: Release): Promise<ReleaseServer> {
  let release = first;
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    requests.push(path);
    if (path === '/latest-linux.yml') {
      res.setHeader('content-type', 'text/yaml');
      return res.end(latestYml(release));
    }
    if (path === `/Opus-${release.version}-linux-amd64.deb`) {
      const { artifact } = release;
      const half = Math.floor(artifact.length / 2);
      res.writeHead(200, { 'content-length': artifact.length, 'content-type': 'application/octet-stream' });
      res.write(artifact.subarray(0, half));
      // A piece more after the second (reported, as the transfer is not done), then the rest.
      const more = setTimeout(() => res.write(artifact.subarray(half, half + 1024)), 1100);
      const rest = setTimeout(() => res.end(artifact.subarray(half + 1024)), 1200);
      res.on('close', () => {
        clearTimeout(more);
        clearTimeout(rest);
      });
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    publish: (next) => {
      release = next;
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
