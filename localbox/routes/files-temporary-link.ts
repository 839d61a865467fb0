import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { fileMetadata } from '../files/metadata.ts';
import { readableFile } from '../files/readable.ts';
import { checkTemporaryLink, TEMPORARY_LINK_PATH, temporaryLinkToken } from '../files/temporary-links.ts';
import { sendText } from '../http/respond.ts';
import { GetTemporaryLinkArg } from '../schemas/files-media-args.ts';
import { parseRange } from '../server/range.ts';
import { apiRoute, type RawRoute } from '../server/route.ts';
import type { Services } from '../server/services.ts';

/** "The Content-Type of the link is determined automatically by the file's mime type." */
const MIME: Record<string, string> = {
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.json': 'application/json',
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.pdf': 'application/pdf',
};

/** The origin the caller reached us by, so the link works from where the API call came. */
function originOf(req: IncomingMessage): string {
  const host = req.headers.host ?? `${req.socket.localAddress}:${req.socket.localPort}`;
  return `http://${host}`;
}

export const temporaryLinkRoutes = [
  apiRoute({
    name: 'files/get_temporary_link',
    style: 'rpc',
    auth: 'user',
    scope: 'files.content.read',
    arg: GetTemporaryLinkArg,
    handle: ({ arg, services, req }) => {
      const row = readableFile(services, arg.path);
      const token = temporaryLinkToken(services, row.rev);
      return {
        metadata: fileMetadata(row),
        link: `${originOf(req)}${TEMPORARY_LINK_PATH}?token=${token}`,
      };
    },
  }),
];

/** Serves a temporary link's bytes: no Authorization, the signed token is the permission. */
export const temporaryLinkRawRoute: RawRoute = {
  path: TEMPORARY_LINK_PATH,
  methods: ['GET', 'HEAD'],
  faultable: true,
  handle: (req: IncomingMessage, res: ServerResponse, url: URL, services: Services) => {
    const check = checkTemporaryLink(services, url.searchParams.get('token') ?? '');
    if (check.kind === 'expired') return sendText(res, 410, 'Gone: this temporary link has expired.');
    const row = check.kind === 'valid' ? services.tree.revision(check.rev) : undefined;
    if (!row) return sendText(res, 404, 'Not Found');
    const range = parseRange(req.headers.range, row.size);
    if (range === 'unsatisfiable')
      return sendText(res, 416, 'Requested range not satisfiable', {
        'Content-Range': `bytes */${row.size}`,
      });
    const start = range?.start ?? 0;
    const end = range?.end ?? row.size - 1;
    const headers: Record<string, string> = {
      'Content-Type': MIME[extname(row.path_lower)] ?? 'application/octet-stream',
      'Content-Length': String(Math.max(0, end - start + 1)),
      'Accept-Ranges': 'bytes',
      ETag: `"${row.rev}"`,
    };
    if (range) headers['Content-Range'] = `bytes ${start}-${end}/${row.size}`;
    res.writeHead(range ? 206 : 200, headers);
    if (req.method === 'HEAD' || row.size === 0) return void res.end();
    const stream = createReadStream(services.blobs.pathOf(row.content_hash), { start, end });
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  },
};
